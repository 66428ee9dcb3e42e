"""Diagnostics and wire refusals are translatable: an English template from a table marked
for pyside6-lupdate, and its named fields; ``message`` is the template filled in English."""
from __future__ import annotations

import string

from designer.ir import Component, Pipeline, PipelineParam, Task, validate
from designer.ir.validate import MESSAGES, Code
from designer.model.rules import REFUSALS, Source, connection_problem, connection_refusal

PRINT = "def show(number: int) -> int:\n    return number\n"


def _fields(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


def test_every_code_has_a_sentence():
    codes = {v for k, v in vars(Code).items() if k.isupper() and isinstance(v, str)}
    keys = {k.split("/")[0] for k in MESSAGES}
    assert codes == keys


def test_a_diagnostic_carries_its_template_and_fields():
    comp = Component.from_source(PRINT)
    p = Pipeline(name="p", params=[PipelineParam("n", "str"), PipelineParam("unused", "int")],
                 components=[comp], tasks=[Task("t1", "t1", comp.id)])
    diagnostics = validate(p)
    assert {d.code for d in diagnostics} >= {Code.MISSING_INPUT, Code.PARAM_UNUSED}
    for d in diagnostics:
        assert d.template in MESSAGES.values()
        assert _fields(d.template) == set(d.args)
        assert d.message == d.template.format(**d.args)
    missing = next(d for d in diagnostics if d.code == Code.MISSING_INPUT)
    assert missing.message == "Task `t1`: required input `number` has no value."
    assert missing.args == {"task": "t1", "input": "number"}


def test_a_refused_wire_says_why_by_template():
    comp = Component.from_source(PRINT)
    p = Pipeline(name="p", params=[PipelineParam("s", "str")], components=[comp],
                 tasks=[Task("t1", "t1", comp.id)])
    refusal = connection_refusal(p, Source("param:s", "s"), "t1", "number")
    assert refusal.reason == "type/param" and refusal.template == REFUSALS["type/param"]
    assert str(refusal) == connection_problem(p, Source("param:s", "s"), "t1", "number") == (
        "Type mismatch: parameter `s` is str, but `t1.number` expects int.")
    assert connection_refusal(p, Source("t1", "Output"), "t1", "number").reason == "self"
    for template in REFUSALS.values():
        assert _fields(template)
