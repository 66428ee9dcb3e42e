"""import_python(export_python(p, target)) gives back p, for both kfp DSL styles.

Ids are fresh on every import, so pipelines are compared by names and structure: tasks
by name (in the order the module creates them), references by the names they point at.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from designer.compiler.python_source import export_python
from designer.importers import import_python, load_pipeline_file
from designer.ir import Component, Constant, OutputRef, ParamRef, Pipeline, PipelineParam, Task
from tests.golden.goldens import corpus_file, corpus_names

REFERENCE = Path(__file__).resolve().parents[1] / "data" / "reference" / "example_pipeline.py"
TARGETS = ("v1", "v2")


def structure(p: Pipeline) -> dict:
    task_names = {t.id: t.name for t in p.tasks}
    comp_names = {c.id: c.name for c in p.components}

    def arg(a):
        if isinstance(a, OutputRef):
            return ("output", task_names[a.task_id], a.output)
        return a

    return {
        "name": p.name, "description": p.description,
        "function": p.python_function_name(), "params": p.params,
        "components": [(c.name, c.source, c.signature, c.base_image, c.packages_to_install)
                       for c in p.components],
        "tasks": [(t.name, comp_names[t.component_id],
                   {k: arg(v) for k, v in t.arguments.items()},
                   [task_names[i] for i in t.after]) for t in p.topological_tasks()],
    }


def round_trip(p: Pipeline, target: str) -> Pipeline:
    return import_python(export_python(p, target), f"exported_{target}.py")


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("name", corpus_names())
def test_corpus_round_trips(name, target):
    p = load_pipeline_file(corpus_file(name))
    assert structure(round_trip(p, target)) == structure(p)


@pytest.mark.parametrize("target", TARGETS)
def test_tutorial_reference_round_trips(target):
    p = load_pipeline_file(REFERENCE)
    assert [t.name for t in p.tasks] == ["number_1_result", "number_2_result", "sum_result"]
    assert structure(round_trip(p, target)) == structure(p)


NAMED = ("def stats(values: list) -> NamedTuple('Outputs', [('mean', float), ('top', float)]):\n"
         "    return (sum(values) / len(values), max(values))\n")
REPORT = "def report(label: str, value: float = 0.0, extra: dict = {}):\n    print(label, value)\n"
CAMEL = "def camel(numberOne: int, Second_Value: str = 'x') -> int:\n    return numberOne\n"


def built() -> Pipeline:
    """A pipeline made in the designer (not imported): options, named outputs, pythonic
    names, `.after()`, constants of every kind, and a document order kfp would not create."""
    comps = [Component.from_source(NAMED, id="c1", base_image="python:3.10",
                                   packages_to_install=["numpy==1.26"]),
             Component.from_source(REPORT, id="c2"),
             Component.from_source(CAMEL, id="c3", packages_to_install=["pandas"])]
    tasks = [
        Task("t4", "late", "c2", {"label": Constant("late"), "value": OutputRef("t1", "top")},
             after=["t3"]),
        Task("t1", "summary", "c1", {"values": ParamRef("values")}),
        Task("t2", "mean_report", "c2", {"label": Constant('it\'s "x"'),
                                         "value": OutputRef("t1", "mean"),
                                         "extra": Constant({"k": [1, 2.5, True, "파이프"]})}),
        Task("t3", "camel_task", "c3", {"numberOne": ParamRef("n"),
                                        "Second_Value": Constant("")}, after=["t2", "t1"]),
    ]
    return Pipeline("Built here", description="Made in the designer.\nTwo lines.",
                    params=[PipelineParam("values", "list",
                                          description='The values.\nSay "two" lines.'),
                            PipelineParam("n", "int", 3, True, description="How many.")],
                    components=comps, tasks=tasks, function_name="built_here")


@pytest.mark.parametrize("target", TARGETS)
def test_a_designer_made_pipeline_round_trips(target):
    p = built()
    q = round_trip(p, target)
    assert structure(q) == structure(p)
    # the module creates tasks in dependency order; the importer keeps that order
    assert [t.name for t in q.tasks] == ["summary", "mean_report", "camel_task", "late"]


@pytest.mark.parametrize("target", TARGETS)
def test_exporting_the_imported_module_again_is_a_fixed_point(target):
    text = export_python(built(), target)
    assert export_python(import_python(text, "x.py"), target) == text


def test_a_renamed_task_variable_is_the_only_change():
    """A task named like its component cannot keep that name as a variable; the rest holds."""
    p = built()
    p.tasks[1].name = "stats"
    q = round_trip(p, "v1")
    assert [t.name for t in q.topological_tasks()][0] == "stats_task"
    q.task_named("stats_task").name = "stats"
    assert structure(q) == structure(p)
