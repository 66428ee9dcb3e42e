"""Component YAML files in the library (issue #11): a team's component hub (a folder of
component.yaml files) and a single file are added from the menu, remembered in the settings,
and shown in the palette with their description and typed ports (a file the designer cannot
hold stays visible, saying why). Dropped on the canvas and wired by mouse (a Dataset artifact
into a Dataset input), they compile to what kfp 1.8.9 and kfp 2.17.3 compile from
``load_component_from_file`` of the same files."""
from __future__ import annotations

from PySide6.QtCore import QPointF

from designer.ir import OutputRef
from designer.ui import dialogs
from designer.ui.panes.library import LibraryPanel
from designer.ui.panes.spec_sources import FILES

from tests.ui.canvas_helpers import drop_component, mouse_drag
from tests.ui.kfp_compare import assert_compiles_like_kfp

MAKE = """name: Make data
description: Writes a table of random rows.
inputs:
- {name: rows, type: Integer, default: '10', optional: true}
outputs:
- {name: data, type: Dataset}
implementation:
  container:
    image: python:3.10
    command: [python3, -c, 'import sys; open(sys.argv[2], "w").write("x\\n" * int(sys.argv[1]))']
    args: [{inputValue: rows}, {outputPath: data}]
"""
TRAIN = """name: Train model
description: Trains a model on a table.
inputs:
- {name: table, type: Dataset, description: rows to learn from}
- {name: epochs, type: Integer, default: '5', optional: true}
outputs:
- {name: model, type: Model}
implementation:
  container:
    image: python:3.10
    command: [python3, -m, trainer]
    args: [--data, {inputPath: table}, --epochs, {inputValue: epochs}, --model,
           {outputPath: model}]
"""
ECHO = """name: Echo
description: Says a word.
inputs:
- {name: word, type: String}
implementation:
  container:
    image: alpine
    command: [echo, {inputValue: word}]
"""
GRAPH = "name: Nested\nimplementation:\n  graph: {tasks: {}}\n"

KFP = """from kfp import compiler, dsl
from kfp.components import load_component_from_file

make_data = load_component_from_file(MAKE_PATH)
train_model = load_component_from_file(TRAIN_PATH)


@dsl.pipeline(name=NAME)
def pipeline():
    made = make_data()
    train_model(table=made.outputs["data"])


compiler.Compiler().compile(pipeline, "pipeline.yaml")
"""   # kfp 1.8.9 and kfp 2 alike


def make_hub(tmp_path):
    hub = tmp_path / "team-hub"
    for folder, text in (("make", MAKE), ("train", TRAIN), ("nested", GRAPH)):
        (hub / folder).mkdir(parents=True)
        (hub / folder / "component.yaml").write_text(text)
    (hub / "README.md").write_text("our components")
    (hub / "pipeline-config.yaml").write_text("steps: 3\n")   # not a component: not listed
    single = tmp_path / "echo.yaml"
    single.write_text(ECHO)
    return hub, single


def test_a_hub_and_a_file_appear_with_descriptions_and_typed_ports(window, monkeypatch,
                                                                     tmp_path):
    hub, single = make_hub(tmp_path)
    panel = window.library
    monkeypatch.setattr(dialogs, "component_folder", lambda parent: str(hub))
    monkeypatch.setattr(dialogs, "component_file", lambda parent: str(single))
    assert panel.act_add_folder in window.file_menu.actions()
    panel.act_add_folder.trigger()
    group = panel.spec_groups[str(hub)]
    assert group.text(0) == "team-hub" and not group.isHidden()
    names = [group.child(i).text(0) for i in range(group.childCount())]
    assert names == ["Make data", "Train model", "⚠ nested/component.yaml"]
    train = panel.find("Train model", group)
    tip = train.toolTip(0)
    assert "Trains a model on a table." in tip and "train_model" in tip
    assert "table: Dataset artifact" in tip and "model: Model artifact" in tip
    assert "epochs: Integer" in tip
    refused = group.child(2)
    assert "graph components" in refused.toolTip(0) and "nested" in refused.toolTip(0)
    # Search finds them by description too.
    panel.search.setText("random rows")
    assert [i.text(0) for i in panel.items() if not i.isHidden()] == ["Make data"]
    panel.search.setText("")

    panel.act_add_file.trigger()
    files = panel.spec_groups[FILES]
    assert files.text(0) == "Component files" and files.child(0).text(0) == "Echo"
    assert "word: String" in files.child(0).toolTip(0)

    # Remembered: a new library panel (the next start) shows both.
    other = LibraryPanel(window.document)
    assert set(other.spec_groups) == {str(hub), FILES}
    assert other.find("Train model", other.spec_groups[str(hub)]) is not None
    # Removed from the library: gone now and at the next start.
    panel.remove_source(str(single))
    assert FILES not in panel.spec_groups
    assert FILES not in LibraryPanel(window.document).spec_groups


def test_dropped_hub_components_compile_like_kfp(window, monkeypatch, tmp_path,
                                                 kfp1_python, kfp2_python):
    hub, _single = make_hub(tmp_path)
    panel = window.library
    panel.add_folder(str(hub))
    group = panel.spec_groups[str(hub)]
    doc = window.document
    drop_component(window, "Make data", QPointF(0, 0), group)
    drop_component(window, "Train model", QPointF(420, 0), group)
    made, train = doc.pipeline.tasks
    assert (made.name, train.name) == ("make_data", "train_model")
    assert doc.pipeline.component(train.component_id).spec_path == str(
        hub / "train" / "component.yaml")
    scene = window.scene
    table = next(p for p in scene.nodes[train.id].inputs if p.name == "table")
    assert table.ptype.artifact and table.ptype.label == "Dataset"
    mouse_drag(window.view, scene.nodes[made.id].output_pos("data"),
               scene.nodes[train.id].input_pos("table"))
    assert doc.task(train.id).arguments["table"] == OutputRef(made.id, "data")

    paths = {"MAKE_PATH": repr(str(hub / "make" / "component.yaml")),
             "TRAIN_PATH": repr(str(hub / "train" / "component.yaml")),
             "NAME": repr(doc.pipeline.name)}
    source = KFP
    for key, value in paths.items():
        source = source.replace(key, value)
    for target, python in (("v1", kfp1_python), ("v2", kfp2_python)):
        assert_compiles_like_kfp(doc.pipeline, target, python, source, tmp_path)
