"""Reading a project file in one pass (issue 16, opening 2,000 tasks): ``project_yaml.build``
gives what PyYAML's constructor and ``locate`` give, and a plain file takes that path without
walking its node graph for aliases first. Counted, not timed."""
import pytest

from designer import persist, project_yaml
from designer.ir import Component, OutputRef, ParamRef, Pipeline, PipelineParam, Task
from designer.resources_path import resources_dir

EXAMPLE = resources_dir() / "examples" / "example_pipeline.kfpd"

DOCUMENTS = [
    "a: 1\nb: [1, 2.5, -3, 0x1F, 012, 1_000, +7, 0b101, '5', 1:30]\n",
    "a: .inf\nb: -.Inf\nc: 1e3\nd: 6.8523015e+5\ne: 190:20:30.15\nf: .5\n",
    "a: yes\nb: No\nc: on\nd: FALSE\ne: ~\nf: null\ng:\nh: Null\n",
    "text: |\n  two\n  lines\nfolded: >\n  one\n  line\nq: \"x\\ty\"\nplain: a b\n",
    "- [a, [b, [c, {d: [e]}]]]\n- {x: {y: {z: []}}}\n- {}\n- []\n",
    "2: int key\n2.5: float key\ntrue: bool key\n~: null key\nk: v\n",
    "deep: " + "[" * 40 + "1" + "]" * 40 + "\n",
]


def _walk_equal(a, a_lines, b, b_lines):
    """The same values with the same lines, container by container."""
    stack = [(a, b)]
    while stack:
        x, y = stack.pop()
        assert type(x) is type(y) and (x == y or x != x)   # (nan is not nan's equal)
        if isinstance(x, dict):
            assert list(x) == list(y)
            assert a_lines.line(x) == b_lines.line(y)
            for k in x:
                assert a_lines.value_line(x, k) == b_lines.value_line(y, k)
                stack.append((x[k], y[k]))
        elif isinstance(x, list):
            assert a_lines.line(x) == b_lines.line(y)
            stack.extend(zip(x, y))


@pytest.mark.parametrize("text", DOCUMENTS + [EXAMPLE.read_text(encoding="utf-8")])
def test_build_gives_what_the_constructor_and_locate_give(text):
    node = project_yaml.compose(text, None)
    built = project_yaml.build(node)
    assert built is not None
    doc = project_yaml.construct(node)
    _walk_equal(built[0], built[1], doc, project_yaml.locate(node, doc))


@pytest.mark.parametrize("text", [
    "a: !!binary aGk=\n", "a: 2001-12-14\n", "a: !!set {x}\n", "<<: {a: 1}\nb: 2\n",
    "a: 1\na: 2\n", "? [x]\n: 1\n", "a: !custom 1\n", "a: !!omap [{a: 1}]\n",
])
def test_build_leaves_what_it_does_not_build_to_the_constructor(text):
    assert project_yaml.build(project_yaml.compose(text, None)) is None


def _project(n: int, command: str = "python") -> persist.Project:
    comp = Component.from_source("def step(number: int) -> int:\n    return number\n",
                                 id="step")
    comp.base_image = command           # where an ``&`` of a shell command would be
    tasks = [Task(f"t{i}", f"step_{i}", "step",
                  {"number": ParamRef("start") if i == 0 else OutputRef(f"t{i - 1}", "Output")})
             for i in range(n)]
    return persist.Project(Pipeline("chain", params=[PipelineParam("start", "int", 1, True)],
                                    components=[comp], tasks=tasks),
                           {f"t{i}": (i * 270.0, 0.0) for i in range(n)})


@pytest.fixture
def counted(monkeypatch):
    """Nodes the alias check visits; the general constructor and locate refuse to run."""
    visits = []
    children = project_yaml._children
    monkeypatch.setattr(project_yaml, "_children", lambda n: visits.append(n) or children(n))

    def general(*args):
        raise AssertionError("the general constructor ran")
    monkeypatch.setattr(project_yaml, "construct", general)
    monkeypatch.setattr(project_yaml, "locate", general)
    return visits


def test_a_plain_file_is_read_in_one_pass_without_an_alias_walk(counted):
    project = _project(200)
    text = persist.dumps(project)
    assert "&" not in text
    assert persist.loads(text) == project
    assert counted == []


def test_a_file_with_an_ampersand_is_walked_for_aliases_and_still_built_in_one_pass(counted):
    project = _project(50, "busybox && true")
    text = persist.dumps(project)
    assert persist.loads(text) == project
    assert counted            # walked: an ``&`` may be an anchor


def test_shared_values_take_the_general_path(monkeypatch):
    project = _project(2)
    text = persist.dumps(project).replace("after: []", "after: &none []", 1)
    text = text.replace("after: []", "after: *none", 1)
    assert "*none" in text
    calls = []
    construct = project_yaml.construct
    monkeypatch.setattr(project_yaml, "construct", lambda n: calls.append(n) or construct(n))
    assert persist.loads(text) == project
    assert len(calls) == 1
