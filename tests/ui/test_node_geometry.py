"""The Qt-free node geometry is the canvas's: same sizes and ports with the canvas's fonts,
and ``kfp-designer convert`` places every node at the y the designer does on opening the file.

Why x may differ: the canvas measures text with the machine's fonts; convert (no Qt) with an
average character width. A column is as wide as its widest node, so x differs where an
estimated text width crosses the node's minimum width differently than the font's.
"""
from pathlib import Path

import pytest

from designer import persist
from designer.inputs import load_project
from designer.model.node_geometry import estimate_width, initial_layout, node_geometry
from designer.ui import style
from designer.ui.file_actions import read_project

CORPUS = sorted((Path(__file__).parents[1] / "golden" / "pipelines").glob("*.py"))


@pytest.mark.parametrize("source", CORPUS, ids=[p.stem for p in CORPUS])
def test_the_canvas_shapes_nodes_as_node_geometry_says(window, source):
    assert window.files.open_path(str(source))
    p = window.document.pipeline
    sizes, ports = node_geometry(p, style.text_width)
    assert {k: n.size for k, n in window.scene.nodes.items()} == sizes
    assert {k: n.port_offsets() for k, n in window.scene.nodes.items()} == ports


def _by_name(project: persist.Project) -> dict[str, tuple[float, float]]:
    """Positions keyed by node name (imports give tasks random ids)."""
    names = {t.id: t.name for t in project.pipeline.tasks}
    return {names.get(k, k): v for k, v in project.layout.items()}


def test_a_converted_file_puts_every_node_at_the_designers_y(qapp):
    same_x = total = 0
    for source in CORPUS:
        gui = _by_name(read_project(str(source)))          # what opening the file places
        project = load_project(source)
        project.layout = initial_layout(project.pipeline, project.layout, estimate_width)
        estimated = _by_name(project)
        assert set(estimated) == set(gui)
        for key, (x, y) in gui.items():
            assert estimated[key][1] == y, (source.stem, key)
            total += 1
            same_x += estimated[key][0] == x
        # Same columns: nodes sharing an x in one layout share it in the other.
        columns = lambda lay: sorted(sorted(k for k in lay if lay[k][0] == x)
                                     for x in {v[0] for v in lay.values()})
        assert columns(estimated) == columns(gui), source.stem
    print(f"\nx equal for {same_x} of {total} nodes of {len(CORPUS)} files")
    assert same_x > 0


def test_the_estimate_is_close_to_the_canvas_fonts(qapp):
    """The measured ratio of estimate to font over the corpus's task names, printed; a
    wildly wrong estimate (mean off by a quarter) fails."""
    texts = [t.name for s in CORPUS for t in load_project(s).pipeline.tasks]
    for font in ("title", "label", "small"):
        ratios = [estimate_width(font, t) / style.text_width(font, t) for t in texts if t]
        mean = sum(ratios) / len(ratios)
        print(f"{font}: estimate/font = {mean:.2f} (min {min(ratios):.2f}, max "
              f"{max(ratios):.2f}; single letters are the extremes)")
        assert 0.8 < mean < 1.25


def test_opening_a_python_file_places_nodes_like_before(window):
    """The canvas's with_layout now goes through node_geometry: the tutorial still opens
    with its three tasks right of its two parameters, wires running straight."""
    project = read_project(str(CORPUS[[p.stem for p in CORPUS].index("example_pipeline")]))
    layout = project.layout
    params = [v for k, v in layout.items() if k.startswith("param:")]
    tasks = [layout[t.id] for t in project.pipeline.tasks]
    assert max(x for x, _ in params) < min(x for x, _ in tasks)
    assert isinstance(project, persist.Project)
