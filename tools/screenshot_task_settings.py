"""Writes docs/screenshots/task-settings.png: the Properties pane of the tutorial's sum task
with its run settings sections unfolded (a claim mounted at /data), and a refused CPU value
showing kfp's message.

    QT_QPA_PLATFORM=offscreen python tools/screenshot_task_settings.py [OUT.png]
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    out = (Path(sys.argv[1]) if len(sys.argv) > 1
           else ROOT / "docs" / "screenshots" / "task-settings.png")
    from PySide6.QtWidgets import QApplication

    from designer import persist
    from designer.inputs import example_path
    from designer.ir.settings import EnvVar, Retry, TaskSettings, Toleration, VolumeMount
    from designer.ui.panes.properties import PropertiesPane
    from designer.ui.theme import apply_theme

    app = QApplication.instance() or QApplication([])
    apply_theme("light")
    pipeline = persist.load(example_path()).pipeline
    pipeline.task("sum_result").settings = TaskSettings(
        display_name="Sum the numbers", enable_caching=False,
        retry=Retry(2, backoff_duration="30s"), timeout=600, cpu_limit="500m",
        memory_limit="2Gi", node_selector={"pool": "batch"},
        env=(EnvVar("API_TOKEN", secret="api-secret", key="token"),
             EnvVar("MODE", value="fast")),
        tolerations=(Toleration("gpu", "Equal", "yes", "NoSchedule"),),
        volumes=(VolumeMount("/data", "pvc", "shared-data"),))
    pane = PropertiesPane()
    pane._expanded.update(run=True, resources=True, environment=True, kubernetes=True,
                          volumes=True)
    pane.resize(400, 1400)
    pane.set_pipeline(pipeline)
    pane.set_task("sum_result")
    pane.show()
    app.processEvents()
    pane.resize(401, 1400)   # input labels fit the shown width
    cpu = pane.settings_editor.fields["cpu_request"].edit
    cpu.setText("5 cores")
    cpu.editingFinished.emit()
    app.processEvents()
    pane.grab().save(str(out))
    print(f"written {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
