"""Template text for expression arguments (``designer/ir/templates.py``): read, shown, and
read back the same."""
from __future__ import annotations

import pytest

from designer import persist
from designer.inputs import example_path
from designer.ir import Constant, OutputRef, ParamRef
from designer.ir.model import Concat, RunPlaceholder
from designer.ir.templates import TemplateError, format_template, is_template, parse, spans


@pytest.fixture
def tutorial():
    return persist.load(example_path()).pipeline


def test_references_are_parameters_outputs_and_run_values(tutorial):
    p = tutorial
    task = p.task_named("sum_result")
    up = p.task_named("number_1_result")
    arg = parse(p, task, "gs://b/{{number_1}}/{{ number_1_result }}-{{run_id}}/{{{{x}}")
    assert arg == Concat(("gs://b/", ParamRef("number_1"), "/", OutputRef(up.id, "Output"),
                          "-", RunPlaceholder("run_id"), "/{{x}}"))
    assert format_template(p, arg) == "gs://b/{{number_1}}/{{number_1_result}}-{{run_id}}/{{{{x}}"
    assert is_template(p, task, arg)
    assert parse(p, task, "plain {{{{ text") == Constant("plain {{ text")
    with pytest.raises(TemplateError, match="`nothing`"):
        parse(p, task, "a{{nothing}}")
    # A task's own output is not a reference (it would be a cycle).
    with pytest.raises(TemplateError):
        parse(p, task, "{{sum_result}}")
    kinds = [(s.kind, "a{{number_1}}{{x}}{{job_name}}"[s.start:s.end])
             for s in spans(p, task, "a{{number_1}}{{x}}{{job_name}}")]
    assert kinds == [("param", "{{number_1}}"), ("", "{{x}}"), ("run", "{{job_name}}")]


def test_what_the_text_cannot_say_is_not_a_template(tutorial):
    p = tutorial
    # A run value shadowed by a parameter of the same name reads back as the parameter.
    shadowed = Concat(("x", RunPlaceholder("number_1")))
    assert not is_template(p, None, shadowed)
    assert not is_template(p, None, Concat(("x", OutputRef("gone", "Output"))))
    assert not is_template(p, None, Constant("x"))
