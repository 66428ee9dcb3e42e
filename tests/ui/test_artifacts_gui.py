"""Output artifacts of a finished local run open in the app: a double-click on an output
port or the run panel's Outputs menu shows a table for a dataset, metrics as a table, a
confusion matrix, rendered HTML and Markdown, an image (driven by real mouse events).
`KFP_DESIGNER_SCREENSHOTS=1 python -m pytest tests/ui/test_artifacts_gui.py` rewrites the
README's docs/screenshots/artifacts.png."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QPoint, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QPainter, QPixmap  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QLabel, QTableWidget, QTextBrowser  # noqa: E402

from designer.importers import load_pipeline_file  # noqa: E402
from designer.persist import Project  # noqa: E402
from designer.ui.run.artifact_viewer import ArtifactViewer  # noqa: E402
from tests.ui.canvas_helpers import vp  # noqa: E402
from tests.ui.test_run_gui import press, run_window, wait_done  # noqa: E402,F401

ROOT = Path(__file__).resolve().parents[2]

PIPELINE = '''
from kfp import dsl
from kfp.dsl import Input, Output, Artifact, Dataset, Metrics, ClassificationMetrics, HTML, Markdown

@dsl.component
def make_data(rows: int, data: Output[Dataset]):
    with open(data.path, 'w') as f:
        f.write('petal,sepal,species\\n')
        for i in range(rows):
            f.write(f'{1 + i * 0.5},{3 + i * 0.25},{"setosa" if i % 2 else "virginica"}\\n')
    data.metadata['rows'] = rows

@dsl.component
def evaluate(data: Input[Dataset], metrics: Output[Metrics], matrix: Output[ClassificationMetrics],
             report: Output[HTML], notes: Output[Markdown], plot: Output[Artifact]):
    import struct, zlib
    rows = open(data.path).read().splitlines()[1:]
    metrics.log_metric('accuracy', 0.92)
    metrics.log_metric('rows', len(rows))
    matrix.log_confusion_matrix(['setosa', 'virginica'], [[9, 1], [2, 8]])
    with open(report.path, 'w') as f:
        f.write('<html><body><h2>Evaluation</h2><p>Accuracy <b>92%</b> on '
                f'{len(rows)} rows.</p><img src="https://example.com/x.png"></body></html>')
    with open(notes.path, 'w') as f:
        f.write('# Notes\\n\\n* the model is *fine*\\n* more data helps\\n')
    width, height = 96, 64
    raw = b''.join(b'\\0' + b''.join(bytes((x * 255 // width, y * 255 // height, 160))
                                     for x in range(width)) for y in range(height))
    def chunk(kind, body):
        return (struct.pack('>I', len(body)) + kind + body
                + struct.pack('>I', zlib.crc32(kind + body) & 0xFFFFFFFF))
    with open(plot.path, 'wb') as f:
        f.write(b'\\x89PNG\\r\\n\\x1a\\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', width, height,
                8, 2, 0, 0, 0)) + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b''))

@dsl.pipeline(name='artifacts')
def artifacts():
    made = make_data(rows=6)
    evaluate(data=made.outputs['data'])
'''


def load(window, tmp_path) -> None:
    source = tmp_path / "artifacts.py"
    source.write_text(PIPELINE)
    pipeline = load_pipeline_file(source)
    ids = {t.name: t.id for t in pipeline.tasks}
    window.document.load(Project(pipeline, {ids["made"]: (0.0, 0.0),
                                            ids["evaluate_task"]: (340.0, 0.0)}))


def task_id(window, name: str) -> str:
    return next(t.id for t in window.document.pipeline.tasks if t.name == name)


def viewers() -> list[ArtifactViewer]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, ArtifactViewer) and w.isVisible()]


@pytest.fixture
def ran(run_window, qtbot, tmp_path):
    """The window after a run of PIPELINE (F5, no parameters asked)."""
    window = run_window
    load(window, tmp_path)
    press(qtbot, window, Qt.Key.Key_F5)
    info = wait_done(qtbot, window, timeout=120000)
    assert info.status == "succeeded", {t.name: t.error for t in info.tasks.values()}
    yield window
    for viewer in viewers():
        viewer.close()


def double_click_output(window, key: str, output: str) -> None:
    node = window.scene.nodes[task_id(window, key)]
    window.view.centerOn(node)
    QTest.mouseDClick(window.view.viewport(), Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier, vp(window.view, node.output_pos(output)))


def open_from_panel(qtbot, window, key: str, output: str) -> ArtifactViewer:
    """The run panel: select the task's row, then Outputs ▸ ``output``."""
    panel = window.runs.panel
    row = panel.rows[task_id(window, key)]
    rect = panel.tasks.visualItemRect(row)
    QTest.mouseClick(panel.tasks.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, rect.center())
    qtbot.waitUntil(lambda: panel.outputs_button.isEnabled())
    before = set(map(id, viewers()))
    menu = panel.outputs_menu
    poll = QTimer()   # the popup runs its own event loop: pick the entry from inside it

    def pick() -> None:
        if menu.isVisible():
            poll.stop()
            action = next(a for a in menu.actions() if a.text() == output)
            QTest.mouseClick(menu, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                             menu.actionGeometry(action).center())
    poll.timeout.connect(pick)
    poll.start(10)
    QTest.mouseClick(panel.outputs_button, Qt.MouseButton.LeftButton)   # instant popup
    poll.stop()
    qtbot.waitUntil(lambda: any(id(v) not in before for v in viewers()))
    return next(v for v in viewers() if id(v) not in before)


def test_double_click_on_a_dataset_port_shows_its_table(ran, qtbot):
    window = ran
    double_click_output(window, "made", "data")
    qtbot.waitUntil(lambda: len(viewers()) == 1)
    viewer = viewers()[0]
    assert "made" in viewer.windowTitle() and "data" in viewer.windowTitle()
    table = viewer.widgets[0]
    assert isinstance(table, QTableWidget)
    assert [table.horizontalHeaderItem(c).text() for c in range(3)] == [
        "petal", "sepal", "species"]
    assert table.rowCount() == 6 and table.item(1, 2).text() == "setosa"
    # its metadata is the second tab
    assert viewer.tabs.count() == 2 and viewer.tabs.tabText(1) == "Metadata"
    meta = viewer.widgets[1]
    assert (meta.item(0, 0).text(), meta.item(0, 1).text()) == ("rows", "6")
    # a double-click elsewhere on the node still selects/activates it, no viewer
    viewer.close()
    node = window.scene.nodes[task_id(window, "made")]
    QTest.mouseDClick(window.view.viewport(), Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier, vp(window.view, node.mapToScene(
                          node.boundingRect().center())))
    assert viewers() == []


def test_the_run_panel_opens_metrics_html_markdown_and_images(ran, qtbot, tmp_path):
    window = ran
    metrics = open_from_panel(qtbot, window, "evaluate_task", "metrics")
    table = metrics.widgets[0]
    assert metrics.tabs.tabText(0) == "Metrics"
    assert [(table.item(r, 0).text(), table.item(r, 1).text())
            for r in range(table.rowCount())] == [("accuracy", "0.92"), ("rows", "6")]

    matrix = open_from_panel(qtbot, window, "evaluate_task", "matrix").widgets[0]
    assert [matrix.verticalHeaderItem(r).text() for r in range(2)] == ["setosa", "virginica"]
    assert [[matrix.item(r, c).text() for c in range(2)] for r in range(2)] == [
        ["9", "1"], ["2", "8"]]

    report = open_from_panel(qtbot, window, "evaluate_task", "report").widgets[0]
    assert isinstance(report, QTextBrowser)
    assert "Accuracy 92% on 6 rows." in report.toPlainText()   # rendered, not the source
    assert "<b>" not in report.toPlainText()

    notes = open_from_panel(qtbot, window, "evaluate_task", "notes").widgets[0]
    assert isinstance(notes, QTextBrowser) and "the model is fine" in notes.toPlainText()
    assert "#" not in notes.toPlainText()

    plot = open_from_panel(qtbot, window, "evaluate_task", "plot")
    label = plot.widgets[0].widget()
    assert isinstance(label, QLabel) and label.pixmap().size().width() == 96
    image = label.pixmap().toImage()
    assert image.pixelColor(95, 0).red() > 200 and image.pixelColor(0, 0).red() < 10

    # What the person sees: the window after the run, and the outputs it opened.
    double_click_output(window, "made", "data")
    qtbot.waitUntil(lambda: len(viewers()) == 6)
    dataset = next(v for v in viewers() if v.windowTitle().startswith("made"))
    shot = QPixmap(1700, 760)
    shot.fill(window.palette().window().color())
    painter = QPainter(shot)
    window.resize(1120, 760)
    window.view.fit()
    painter.drawPixmap(0, 0, window.grab())
    column = [(dataset, 330), (metrics, 190), (plot, 240)]
    y = 0
    for viewer, height in column:
        viewer.resize(580, height)
        painter.drawPixmap(QPoint(1120, y), viewer.grab())
        y += height
    painter.end()
    # The README's picture is this one: written there only when asked
    # (KFP_DESIGNER_SCREENSHOTS=1), so a test run never changes the checkout.
    folder = ROOT / "docs" / "screenshots" if os.environ.get("KFP_DESIGNER_SCREENSHOTS") \
        else tmp_path
    assert shot.save(str(folder / "artifacts.png"))


def test_before_a_run_a_double_click_on_an_output_says_so(run_window, qtbot, tmp_path):
    window = run_window
    load(window, tmp_path)
    messages = []
    window.statusBar().messageChanged.connect(messages.append)
    double_click_output(window, "made", "data")
    assert viewers() == []
    assert any("No output `data` from the last run" in m for m in messages)
