"""Opening compiled YAML against opening the same pipeline's project file, in one run.

    QT_QPA_PLATFORM=offscreen python tests/bench/yaml_import_bench.py [--tasks 1000] [--repeat 3]

A pipeline of N function-component tasks (tests/golden/generate.py's generated pipeline) is
compiled to KFP v1 YAML (about 150 lines a task) and converted to a laid-out ``.kfpd``. The
real main window then opens each file through its File ▸ Open path (read, import, lay out,
build the canvas) until the canvas has painted; medians of ``--repeat`` opens each. The
YAML open includes the check that re-compiles the pipeline and compares it with the file.
Goal: YAML < 2x the project file. A benchmark: it prints, it does not assert.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def make_files(n: int, folder: Path) -> tuple[Path, Path]:
    from designer import persist
    from designer.compiler import compile_pipeline
    from designer.importers import import_python
    from designer.inputs import load_project, with_readable_ids
    from designer.model.node_geometry import initial_layout
    from tests.golden.generate import big_pipeline_source

    pipeline = import_python(big_pipeline_source(n), f"generated_{n}.py")
    yaml_path = folder / f"generated_{n}.yaml"
    yaml_path.write_text(compile_pipeline(pipeline, "v1", compile_time="2024-01-01T00:00:00"),
                         encoding="utf-8")
    project = with_readable_ids(load_project(yaml_path))
    project.layout = initial_layout(project.pipeline, {})
    kfpd = folder / f"generated_{n}.kfpd"
    persist.save(project, kfpd)
    return yaml_path, kfpd


def time_open(window, app, path: Path) -> float:
    """Open to the first painted frame of the canvas; then let what waits for that frame
    (the YAML re-compile check, the previews' compile in their worker) finish, untimed."""
    t0 = time.perf_counter()
    assert window.files.open_path(str(path), ask=False)
    window.view.viewport().repaint()
    elapsed = time.perf_counter() - t0
    previews = window.panes.previews if hasattr(window, "panes") else None
    end = time.perf_counter() + 120
    app.processEvents()
    while previews is not None and not previews.is_idle() and time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.005)
    return elapsed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tasks", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="yaml-import-bench-"))
    yaml_path, kfpd = make_files(args.tasks, folder)
    lines = yaml_path.read_text(encoding="utf-8").count("\n")
    print(f"{args.tasks} tasks: {lines} YAML lines ({yaml_path.stat().st_size / 1e6:.1f} MB), "
          f".kfpd {kfpd.stat().st_size / 1e6:.1f} MB")

    from designer.importers import load_yaml_file
    t0 = time.perf_counter()
    imported = load_yaml_file(yaml_path)
    print(f"import alone (read + IR + re-compile check): "
          f"{(time.perf_counter() - t0) * 1000:.0f} ms, {len(imported.warnings)} warnings")

    from designer.ui.app import application
    from designer.ui.main_window import MainWindow
    app = application()
    window = MainWindow()
    window.resize(1600, 1000)
    window.show()
    app.processEvents()
    times: dict[str, list[float]] = {"kfpd": [], "yaml": []}
    time_open(window, app, kfpd)       # warm-up: fonts, caches, bytecode
    for _ in range(args.repeat):       # interleaved: the same machine load for both
        times["kfpd"].append(time_open(window, app, kfpd))
        times["yaml"].append(time_open(window, app, yaml_path))
        assert len(window.scene.nodes) == args.tasks + len(window.document.pipeline.params)
    kfpd_ms = statistics.median(times["kfpd"]) * 1000
    yaml_ms = statistics.median(times["yaml"]) * 1000
    print(f"open to a painted canvas (median of {args.repeat}): .kfpd {kfpd_ms:.0f} ms, "
          f".yaml {yaml_ms:.0f} ms, ratio {yaml_ms / kfpd_ms:.2f}x (goal < 2x)")
    from designer.importers import yaml_file_warnings
    t0 = time.perf_counter()
    yaml_file_warnings(yaml_path, window.document.pipeline)
    print(f"then, after the first frame: the re-compile check "
          f"{(time.perf_counter() - t0) * 1000:.0f} ms")
    window.close()


if __name__ == "__main__":
    main()
