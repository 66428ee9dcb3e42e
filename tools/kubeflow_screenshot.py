"""Writes docs/screenshots/kubeflow-run.png: a run on "Kubeflow" watched on the canvas.

    QT_QPA_PLATFORM=offscreen python tools/kubeflow_screenshot.py [OUT_DIR]

No cluster is involved: the run is played by the tests' contract server (a loopback
stand-in that answers as KFP's API documents say, tests/cluster/contract_server.py), and
the window title says so. The tutorial is started through Run ▸ Run on Kubeflow… with
number_1=1, number_2=2 and held while sum_result runs (both of its upstream tasks done,
the second taken from the cache); their output parameters come from the server's ML Metadata
side (grpc-web), as a KFP 2 backend keeps them.
Settings, endpoints and keyring stay in a temporary folder.
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tools.screenshots import settle  # noqa: E402

SIZE = (1400, 900)


def wait_for(condition, ms: int = 20000) -> None:
    from PySide6.QtCore import QDeadlineTimer
    deadline = QDeadlineTimer(ms)
    while not condition():
        if deadline.hasExpired():
            raise SystemExit("timed out")
        settle(20)


def main() -> int:
    out_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out_dir.mkdir(parents=True, exist_ok=True)
    temp = tempfile.mkdtemp(prefix="kfp-designer-kubeflow-shot-")
    os.environ["KFP_DESIGNER_CONFIG"] = temp
    from PySide6.QtCore import QSettings

    from designer.cluster.endpoints import Endpoint, EndpointStore
    from designer.ui.app import application
    from tests.cluster.contract_server import KfpContractServer
    app = application()  # noqa: F841
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, temp)
    server = KfpContractServer("v2beta1").start()
    server.plan.logs = {"print-and-return-number": "1\n"}
    server.plan.outcome = {"print-and-return-number-2": "cached"}
    server.plan.outputs = {"print-and-return-number": {"Output": "1"},
                           "print-and-return-number-2": {"Output": "2"}}
    EndpointStore().put(Endpoint("local-kind", server.url))
    from designer.cluster.jobs import open_api, submit
    from designer.ui.main_window import MainWindow
    window = MainWindow()
    window.resize(*SIZE)
    window.show()
    window.files.open_example()
    window.cluster.poll_ms = 30
    pipeline = window.document.pipeline
    api = open_api(EndpointStore().get("local-kind"))
    done = submit(api, pipeline, {"number_1": 1, "number_2": 2}, run_name="tutorial on kind",
                  experiment="designer")
    ids = {t.name: t.id for t in pipeline.tasks}
    watch = window.cluster.follow(api, done.run, pipeline, done.uploaded.target)
    wait_for(lambda: window.scene.nodes[ids["sum_result"]].run_state == "running"
             and window.scene.nodes[ids["number_2_result"]].run_outputs == {"Output": "2"})
    server.hold = True
    window.scene.clearSelection()
    window.scene.nodes[ids["number_1_result"]].setSelected(True)
    watch.fetch_log(ids["number_1_result"])
    window.runs.panel.show_task(ids["number_1_result"])
    settle(300)
    window.setWindowTitle("example_pipeline — run on Kubeflow, played by the contract server "
                          "(no cluster)")
    window.view.fit()
    pane = window.panes.properties       # its "Last run": the output parameter, from MLMD
    if pane.run_label is not None:
        pane._scroll.ensureWidgetVisible(pane.run_label)
    window.statusBar().showMessage("This run is played by the tests' contract server "
                                   "(loopback, KFP API v2beta1): no cluster was involved.")
    settle(300)
    out = out_dir / "kubeflow-run.png"
    if not window.grab().save(str(out)):
        raise SystemExit(f"cannot write {out}")
    print(out)
    watch.stop()
    server.hold = False
    server.stop()
    window.document.undo_stack.setClean()
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
