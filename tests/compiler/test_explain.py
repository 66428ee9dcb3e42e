"""Explain this YAML (designer/compiler/explain.py), without Qt: what a line of the v1 or
v2 YAML is, and which node made it, on the tutorial, a pipeline with `.after()` and the
golden corpus."""
from __future__ import annotations

import string
from pathlib import Path

import pytest

from designer import persist
from designer.compiler import compile_pipeline
from designer.compiler.explain import RULES, Explainer, Phrase, line_paths, render
from designer.inputs import load_project
from designer.ir import Constant, OutputRef, Task
from tests.golden.goldens import corpus_file, corpus_names

EXAMPLE = Path(__file__).resolve().parents[2] / "resources" / "examples" / "example_pipeline.kfpd"


def tutorial():
    return persist.load(str(EXAMPLE)).pipeline


def explainer(p, target: str) -> tuple[Explainer, list[str]]:
    c = compile_pipeline(p, target, compile_time="t", with_source_map=True)
    return Explainer(p, c.text, c.source_map, target), c.text.split("\n")


def find(lines: list[str], needle: str, start: int = 0) -> int:
    """The 1-based number of the first line from ``start`` holding ``needle``."""
    for i, line in enumerate(lines[start:], start + 1):
        if needle in line:
            return i
    raise AssertionError(f"{needle!r} not in the text")


@pytest.mark.parametrize("target,key", [("v1", "dependencies:"), ("v2", "dependentTasks:")])
def test_dependencies_are_explained_as_data_flow(target, key):
    e, lines = explainer(tutorial(), target)
    x = e.line(find(lines, key))
    assert x.node == "sum_result" and x.concept == "dependency"
    assert x.text().startswith("Dependencies, derived from data flow: sum_result uses "
                               "outputs of number_1_result, number_2_result")
    if target == "v2":   # the list's items too
        assert e.line(find(lines, key) + 1).node == "sum_result"


def test_after_is_named_as_the_reason_of_a_dependency():
    p = tutorial()
    p.task("sum_result").after.append("number_1_result")
    p.tasks.append(Task("late", "late", "print_and_return_number",
                        {"number": Constant(5)}, after=["sum_result"]))
    e, lines = explainer(p, "v2")
    both = e.line(find(lines, "dependentTasks:", e.source_map.tasks["sum_result"][0][0]))
    assert "(data flow) and runs after number_1_result (`.after()`)" in both.text()
    late = find(lines, "dependentTasks:", e.source_map.tasks["late"][0][0])
    assert e.line(late).text().startswith("Dependencies: late runs after sum_result because "
                                          "of `.after()`")
    assert e.line(late).node == "late"


def test_inputs_name_where_their_value_comes_from():
    e, lines = explainer(tutorial(), "v2")
    param_line = find(lines, "componentInputParameter: number_2")
    x = e.line(param_line)
    assert x.text() == "The input number of number_2_result gets the pipeline parameter " \
                       "number_2."
    out = e.line(find(lines, "producerTask: print-and-return-number-2"))
    assert out.text() == "The input number_2 of sum_result gets the output Output of " \
                         "number_2_result."
    assert out.node == "sum_result"
    v1, v1_lines = explainer(tutorial(), "v1")
    args = v1.line(find(v1_lines, "{name: print-and-return-number-2-Output, value:"))
    assert "number_1 ← the output Output of number_1_result" in args.text()


def test_parameters_point_at_their_parameter_node():
    for target, needle in (("v1", "- {name: number_2}"), ("v2", "#    number_2: int")):
        e, lines = explainer(tutorial(), target)
        # v1: the last one is in spec.arguments (the first ones are the DAG template's)
        line = max(i for i, text in enumerate(lines, 1) if needle in text)
        assert e.line(line).node == "param:number_2", (target, lines[line - 1])


def test_every_line_of_the_tutorial_is_explained_and_tasks_match_the_source_map():
    for target in ("v1", "v2"):
        e, lines = explainer(tutorial(), target)
        for n in range(1, len(lines)):
            x = e.line(n)
            assert x.template != "Part of the compiled pipeline.", (target, n, lines[n - 1])
            text = x.text()
            assert "{" not in text.replace("{{", "").replace("{name", "") or \
                "{" in lines[n - 1], (target, n, text)
            task = e.source_map.task_at(n)
            if task is not None:
                assert x.node == task, (target, n)


def test_translations_are_applied_to_every_piece():
    e, lines = explainer(tutorial(), "v2")
    x = e.line(find(lines, "producerTask: print-and-return-number-2"))
    seen = []

    def translate(context, text):
        seen.append((context, text))
        return "<" + text + ">"
    shown = x.text(translate)
    assert shown.startswith("<The input number_2 of sum_result gets <the output Output of")
    assert all(context == "Explain" for context, _ in seen)
    # A translation that breaks a field falls back to the English.
    assert Phrase("the output {output}", {"output": "x"}) and \
        render(Phrase("a {b}", {"b": "c"}), lambda c, t: "{missing}") == "a c"


def test_rule_templates_use_only_fields_the_explainer_fills():
    known = {"task", "component", "upstreams", "after", "input", "source", "arguments",
             "param"}
    for rule in RULES:
        fields = {f for _, f, _, _ in string.Formatter().parse(rule.template) if f}
        captures = {p[1:-1] for p in rule.pattern if p.startswith("<")}
        assert fields <= known | captures, rule


def test_line_paths_follow_the_yaml_structure():
    paths, _nodes = line_paths("a:\n  b:\n  - x\n  - y: |\n      text\n      more\nc: 1\n")
    assert paths[1] == ("a",)
    assert paths[3] == ("a", "b", 0)
    assert paths[5] == ("a", "b", 1, "y") and paths[6] == ("a", "b", 1, "y")
    assert paths[7] == ("c",)


@pytest.mark.parametrize("name", corpus_names()[:40])
def test_golden_pipelines_explain_their_task_lines(name):
    try:
        p = load_project(str(corpus_file(name))).pipeline
    except Exception:   # noqa: BLE001 - not every corpus file is a project
        pytest.skip("not a project")
    for target in ("v1", "v2"):
        try:
            e, lines = explainer(p, target)
        except Exception:   # noqa: BLE001 - a pipeline a writer refuses
            continue
        for task_id, ranges in e.source_map.tasks.items():
            first, last = ranges[0]
            for n in (first, (first + last) // 2, last):
                assert e.line(n).node == task_id, (name, target, n)


def test_dag_task_output_ref_smoke():
    # An OutputRef to a task id the pipeline lacks must not break the explainer.
    p = tutorial()
    p.task("sum_result").arguments["number_1"] = OutputRef("number_1_result", "Output")
    e, lines = explainer(p, "v1")
    assert e.line(find(lines, "dependencies:")).node == "sum_result"
