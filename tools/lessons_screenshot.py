"""Writes docs/screenshots/lessons-ko.png: the Lessons panel (Help ▸ Lessons), in Korean,
beside the canvas, halfway through the tutorial lesson.

    QT_QPA_PLATFORM=offscreen python tools/lessons_screenshot.py [OUT_DIR]

Starts from an empty pipeline, does the tutorial's first five steps with the panel's own
"Show me" (one undoable command each), opens the hint of the sixth, and shows the YAML the
fifth step added (the second task of one component: ``print-and-return-number-2``),
highlighted. Hangul needs a Korean font (e.g. Debian's fonts-nanum or fonts-noto-cjk).
Settings go to a temporary folder: the user's language and lesson progress are left alone.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tools.screenshots import close_window, open_window, out_folder, settle  # noqa: E402

STEPS_SHOWN = 5


def main() -> int:
    out_dir = out_folder()
    app, window = open_window()
    window.set_language("ko")
    window.set_theme("light")
    settle(150)
    window.act_lessons.trigger()
    panel = window.lessons
    panel.select_lesson("tutorial")
    for _ in range(STEPS_SHOWN):
        panel.show_button.click()
    panel.hint_button.click()
    panel.added_tabs.setCurrentWidget(panel.added_yaml)
    # Scroll to the added lines that name the second task (the lesson's point).
    yaml = panel.added_yaml
    lines = yaml.toPlainText().splitlines()
    ranges = yaml.located
    second = next(i for i, (first, last) in enumerate(ranges)
                  if any("print-and-return-number-2" in lines[n - 1]
                         for n in range(first, last + 1)))
    yaml.set_located(ranges, scroll_to=second)
    settle(300)
    window.view.fit()
    settle(300)
    out = out_dir / "lessons-ko.png"
    if not window.grab().save(str(out)):
        raise SystemExit(f"cannot write {out}")
    print(out)
    close_window(app, window)
    return 0


if __name__ == "__main__":
    sys.exit(main())
