"""The designer window on hostile and unlucky files (issue 10): a bad file at start is a
"Cannot open" dialog, never a traceback; odd but accepted files open and preview without an
exception escaping a worker thread; a read-only file is replaced only when the person says
so; values no file could hold are refused at the edit.
"""
from __future__ import annotations

import os
import random
import stat
import subprocess
import sys
import textwrap
import threading

import pytest

from designer.ui.panes.value_editors import ValueTextError, parse_value
from tests.fuzz import project_files, python_files

HEAD = "format: kfp-pipeline-designer\nversion: 1\n"
BAD_AT_START = {
    "layout.kfpd": HEAD + "pipeline: {name: x}\nlayout: oops\n",
    "type.kfpd": HEAD + "pipeline:\n  name: x\n  parameters:\n  - {name: a, type: 5}\n",
    "after.kfpd": HEAD + "pipeline:\n  name: x\n  tasks:\n  - {id: a, name: t, component: c, "
                         "after: 3}\n",
    "inf.kfpd": HEAD + "pipeline: {name: x}\nlayout: {a: [.inf, 0]}\n",
}


@pytest.mark.parametrize("name", sorted(BAD_AT_START))
def test_a_bad_file_at_start_is_a_cannot_open_dialog(tmp_path, name):
    """``kfp-designer bad.kfpd``, a real process: the dialog (answered by a stub that
    prints it), an empty window, exit 0 once painted; no traceback."""
    bad = tmp_path / name
    bad.write_text(BAD_AT_START[name])
    script = textwrap.dedent(f"""
        import sys
        from designer.ui import dialogs
        dialogs.warn = lambda parent, title, text, details="": print("DIALOG", title, "|",
                                                                      details, flush=True)
        from designer.cli import main
        sys.exit(main([{str(bad)!r}]))
    """)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KFP_DESIGNER_EXIT_AFTER_PAINT": "1"}
    res = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         env=env, timeout=120)
    assert res.returncode == 0, res.stderr
    assert "Traceback" not in res.stderr
    dialog = next(line for line in res.stdout.splitlines() if line.startswith("DIALOG"))
    assert dialog.startswith(f"DIALOG Cannot open file | {bad}:")


def _sample(module, n: int, seed: int) -> list[bytes]:
    return [module.generate(random.Random(f"gui:{seed}:{i}")) for i in range(n)]


def test_fuzzed_files_open_or_are_refused_and_previews_never_raise(window, dialogs_script,
                                                                    qtbot, tmp_path,
                                                                    monkeypatch):
    raised: list[str] = []
    monkeypatch.setattr(threading, "excepthook",
                        lambda args: raised.append(f"{args.exc_type.__name__}: {args.exc_value}"))
    monkeypatch.setattr(sys, "excepthook",
                        lambda t, v, tb: raised.append(f"{t.__name__}: {v}"))
    previews = window.panes.previews
    opened = refused = 0
    inputs = [(f"p{i}.kfpd", d) for i, d in enumerate(_sample(project_files, 12, 1))] + \
        [(f"q{i}.py", d) for i, d in enumerate(_sample(python_files, 12, 1))]
    for name, data in inputs:
        path = tmp_path / name
        path.write_bytes(data)
        before = len(dialogs_script.warnings)
        if window.files.open_path(str(path), ask=False):
            opened += 1
            qtbot.waitUntil(previews.is_idle, timeout=60_000)
        else:
            refused += 1
            assert dialogs_script.warnings[before][0] == "Cannot open file"
        window.document.undo_stack.setClean()
    assert not raised, raised
    assert opened and refused          # both paths were taken


def test_saving_over_a_read_only_file_asks_first(window, dialogs_script, tmp_path):
    window.files.open_example()
    target = tmp_path / "ro.kfpd"
    target.write_text("keep me")
    os.chmod(target, 0o444)
    dialogs_script.save_paths.append(str(target))
    dialogs_script.overwrite_answers.append(False)
    assert not window.files.save()
    assert dialogs_script.asked_overwrite == ["ro.kfpd"] and target.read_text() == "keep me"
    assert window.document.path is None
    dialogs_script.save_paths.append(str(target))
    dialogs_script.overwrite_answers.append(True)
    assert window.files.save()
    assert target.read_text().startswith("format: kfp-pipeline-designer")
    assert stat.S_IMODE(target.stat().st_mode) == 0o444          # still read-only
    out = tmp_path / "ro.yaml"
    out.write_text("old")
    os.chmod(out, 0o444)
    dialogs_script.overwrite_answers.append(False)
    assert not window.files.export_yaml("v1", str(out))
    assert out.read_text() == "old" and dialogs_script.asked_overwrite[-1] == "ro.yaml"


def test_a_failed_save_says_why(window, dialogs_script, tmp_path):
    window.files.open_example()
    dialogs_script.save_paths.append(str(tmp_path / "no" / "such" / "folder.kfpd"))
    assert not window.files.save()
    title, message, details = dialogs_script.warnings[-1]
    assert title == "Cannot save" and "No such file or directory" in details


@pytest.mark.parametrize("text, words", [
    ("(1, 2)", "a tuple cannot be saved: use a list"),
    ("{1, 2}", "a set cannot be saved: use a list"),
    ("b'x'", "a bytes is not a JSON-like value"),
    ("0x" + "f" * 5000, "an integer of more than 4300 digits cannot be saved or compiled"),
    ("[(1, 2)]", "a tuple cannot be saved"),
])
def test_values_no_file_can_hold_are_refused_at_the_edit(text, words):
    with pytest.raises(ValueTextError, match=words.replace("(", r"\(")):
        parse_value(text, None)
    assert parse_value("[1, 2]", None) == [1, 2]


def test_a_preview_that_fails_after_compiling_says_so_in_its_tab(qtbot, monkeypatch):
    """Compiling is guarded; what follows it (locating tasks, lexing, diffing) ran unguarded
    in the worker thread, where an exception only printed a traceback. It is a banner now."""
    from designer.ui.preview import pane as preview
    from tests.ui.panes_support import example_pipeline
    raised: list[str] = []
    monkeypatch.setattr(threading, "excepthook",
                        lambda args: raised.append(f"{args.exc_type.__name__}: {args.exc_value}"))
    monkeypatch.setattr(sys, "excepthook", lambda t, v, tb: raised.append(f"{t.__name__}: {v}"))

    def broken_locate(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded")
    monkeypatch.setattr(preview, "lex", broken_locate)
    pane = preview.PreviewPane(compilers={"v1": lambda p: "name: x\n"}, debounce_ms=20)
    qtbot.addWidget(pane)
    pane.show()
    pane.set_pipeline(example_pipeline())
    qtbot.waitUntil(lambda: pane.is_idle() and pane.view("v1").generation == pane.generation,
                    timeout=10_000)
    assert "The preview failed: RecursionError" in pane.view("v1").banner.text()
    assert not raised, raised
    pane.shutdown()
