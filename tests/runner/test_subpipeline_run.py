"""Local runs of pipelines that use pipelines: the sub-pipeline's tasks run in place of the
task that runs it (ir.subpipeline_inline), with what it was given (else its defaults), after
what it ran after, and its outputs read by the caller; what a flat pipeline cannot say is
refused before anything runs."""
from __future__ import annotations

import textwrap

import pytest

from designer.importers import import_python
from designer.ir import InputError
from designer.ir.subpipeline import PipelineComponent
from designer.ir.subpipeline_inline import inline
from designer.runner.engine import Runner

SOURCE = textwrap.dedent("""\
    from kfp import dsl

    @dsl.component
    def add(a: int, b: int = 1) -> int:
        return a + b

    @dsl.component
    def show(text: str):
        print(text)

    @dsl.pipeline
    def inner(x: int, step: int = 10) -> int:
        first = add(a=x, b=step)
        return add(a=first.output).output

    @dsl.pipeline
    def middle(x: int) -> int:
        return inner(x=x, step=100).output

    @dsl.pipeline(name="outer")
    def outer(n: int = 1):
        start = show(text="go")
        one = inner(x=n).after(start)
        two = middle(x=one.output)
        add(a=one.output, b=two.output)
    """)


def _pipeline():
    return import_python(SOURCE, "outer.py", pipeline="outer")


def test_inline_puts_the_tasks_in_place_without_touching_the_pipeline():
    p = _pipeline()
    before = repr(p)
    flat = inline(p)
    assert repr(p) == before
    assert not any(isinstance(c, PipelineComponent) for c in flat.components)
    names = [t.name for t in flat.tasks]
    assert names == ["start", "one__first", "one__add_task", "two__inner_task__first",
                     "two__inner_task__add_task", "add_task"]
    by = {t.name: t for t in flat.tasks}
    first = by["one__first"]
    assert first.after == [by["start"].id]                       # after what `one` ran after
    assert repr(first.arguments["a"]) == "ParamRef(name='n')"    # what `one` was given
    assert first.arguments["b"].value == 10                      # else its default
    assert by["two__inner_task__first"].arguments["b"].value == 100
    # The caller reads what the sub-pipeline returns.
    assert by["add_task"].arguments["a"].task_id == by["one__add_task"].id
    assert by["add_task"].arguments["b"].task_id == by["two__inner_task__add_task"].id


def test_a_local_run_runs_the_tasks_inside(tmp_path):
    result = Runner(_pipeline(), {"n": 1}, _options(tmp_path)).run()
    assert result.ok, result
    out = {r.name: r.outputs.get("Output") for r in result.tasks.values()}
    # one: (1 + 10) + 1 = 12; two: (12 + 100) + 1 = 113; 12 + 113 = 125
    assert out["one__add_task"] == "12" and out["two__inner_task__add_task"] == "113"
    assert out["add_task"] == "125"


def test_what_a_flat_pipeline_cannot_say_is_refused(tmp_path):
    p = _pipeline()
    from designer.ir.settings import Retry, TaskSettings
    one = next(t for t in p.tasks if t.name == "one")
    one.settings = TaskSettings(retry=Retry(2))
    with pytest.raises(InputError, match="cannot run the pipeline locally: task `one` "
                                         "\\(pipeline `inner`\\) sets retry on the whole "
                                         "pipeline"):
        Runner(p, {"n": 1}, _options(tmp_path))


def _options(tmp_path):
    from designer.runner.engine import RunOptions
    return RunOptions(jobs=2, runs_dir=tmp_path / "runs", cache_dir=tmp_path / "cache",
                      venvs_dir=tmp_path / "venvs")


def test_a_sub_pipelines_own_pipeline_settings_are_refused_not_dropped(tmp_path):
    from designer.ir.settings import PipelineConf
    p = _pipeline()
    inner = next(c for c in p.components if isinstance(c, PipelineComponent)
                 and c.python_name == "inner")
    inner.pipeline.conf = PipelineConf(parallelism=2)
    with pytest.raises(InputError, match="the pipeline has pipeline settings of its own"):
        Runner(p, {"n": 1}, _options(tmp_path))
