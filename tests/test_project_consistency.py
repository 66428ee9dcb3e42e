"""A project file is refused when its parts disagree in a way the writers would each read
differently (the project fuzzer's wrong outputs): a spec component's text against its
fields, a made volume's claim, resource settings' order. What is accepted exports to Python
that imports back to the same compiled bytes."""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from designer import persist
from designer.compiler import compile_pipeline
from designer.compiler.python_source import export_python
from designer.importers import import_python, load_pipeline_file
from designer.inputs import with_readable_ids
from designer.ir import InputError, OutputRef

FEATURES = Path(__file__).parent / "golden" / "features"
TIME = "2023-11-14T22:13:20"


SPEC_PIPELINE = '''
from kfp import dsl
from kfp.components import load_component_from_text

train_op = load_component_from_text("""
name: Train model
inputs:
- {name: data, type: Dataset}
- {name: epochs, type: Integer, default: '5', optional: true}
- {name: label column, type: String, optional: true}
outputs:
- {name: model, type: Model}
implementation:
  container:
    image: python:3.10
    command: [train, {inputUri: data}, {inputValue: epochs}, {outputUri: model}]
    args:
    - if:
        cond: {isPresent: label column}
        then: [--label, {inputValue: label column}]
""")


@dsl.pipeline(name="spec")
def spec(data: str = "gs://b/d"):
    train_op(data=data)
'''


def _saved(name: str) -> str:
    pipeline = import_python(SPEC_PIPELINE, "spec.py") if name == "spec" else \
        load_pipeline_file(FEATURES / name)
    return persist.dumps(with_readable_ids(persist.Project(pipeline, {})))


def _refused(text: str) -> InputError:
    with pytest.raises(InputError) as e:
        persist.loads(text, "p.kfpd")
    assert str(e.value).startswith("p.kfpd:"), str(e.value)
    assert "\n" not in str(e.value)
    return e.value


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.split("\n"), 1) if needle in line)


def test_a_spec_text_that_is_not_yaml_is_refused_at_its_component():
    text = _saved("spec")
    broken = text.replace("cond: {isPresent: label column}", "cond: {isPresent: *nowhere}", 1)
    assert broken != text
    e = _refused(broken)
    assert "not valid YAML" in e.message and "undefined alias" in e.message
    assert e.message.startswith("component `")
    assert e.line is not None and e.line < _line_of(broken, "*nowhere")


def test_a_spec_text_that_disagrees_with_the_fields_is_refused():
    text = _saved("spec")
    # The fields say python:3.10, the text another image (a placeholder kfp does not know
    # would be refused the same way: the text is what kfp compiles).
    at = text.index("spec_text:")
    changed = text[:at] + text[at:].replace("image: python:3.10", "image: python:3.12", 1)
    e = _refused(changed)
    assert "`image` does not match its `spec_text`" in e.message
    unknown = text[:at] + text[at:].replace("{inputUri: data}", "{inputUri...: data}", 1)
    assert "is not a placeholder kfp knows" in _refused(unknown).message


def test_a_spec_component_without_its_text_is_refused():
    project = persist.loads(_saved("spec"))
    comp = next(c for c in project.pipeline.components if getattr(c, "origin", "") == "spec")
    comp.spec_text = None
    e = _refused(persist.dumps(project))
    assert "needs its `spec_text`" in e.message


def test_a_made_volume_mounts_the_claim_of_the_task_that_made_it():
    project = persist.loads(_saved("volume_ops.py"))
    task = next(t for t in project.pipeline.tasks
                if any(m.volume_task for m in t.settings.volumes))
    m = next(m for m in task.settings.volumes if m.volume_task)
    assert m.name == OutputRef(m.volume_task, "name")
    other = replace(m, name="another-claim")
    task.settings = replace(task.settings, volumes=(other,))
    text = persist.dumps(project)
    e = _refused(text)
    assert "names another claim" in e.message
    assert e.line is not None


def test_resource_order_names_only_resource_settings():
    text = _saved("task_settings.py")
    assert "resource_order:" in text
    e = _refused(re.sub(r"(resource_order: \[)\w+", r"\1cpu_lim", text, count=1))
    assert "expected one of cpu_request" in e.message and "`cpu_lim`" in e.message


@pytest.mark.parametrize("order", [("memory_limit",), ("accelerator_type", "cpu_request"),
                                   ("memory_limit", "memory_limit", "cpu_request")])
def test_v1_export_writes_resources_in_the_order_the_v1_compiler_does(order):
    p = persist.loads(_saved("task_settings.py")).pipeline
    for t in p.tasks:
        if t.settings.cpu_request or t.settings.memory_limit or t.settings.accelerator_limit:
            t.settings = replace(t.settings, resource_order=order)
    compiled = compile_pipeline(p, "v1", compile_time=TIME)
    back = import_python(export_python(p, "v1"), "exported.py")
    assert compile_pipeline(back, "v1", compile_time=TIME) == compiled


def test_v1_export_refuses_a_renamed_volumeop_volume():
    p = persist.loads(_saved("volume_ops.py")).pipeline
    task = next(t for t in p.tasks if any(m.volume_task for m in t.settings.volumes))
    task.settings = replace(task.settings, volumes=tuple(
        replace(m, volume_name="renamed") if m.volume_task else m
        for m in task.settings.volumes))
    compile_pipeline(p, "v1", compile_time=TIME)      # the compiler can write it
    with pytest.raises(InputError, match="names a VolumeOp's volume after the op"):
        export_python(p, "v1")


def _container_project(tmp_path: Path) -> tuple[Path, str]:
    """features_v2/container_components.py converted to a project file (CLI convert path)."""
    from designer.inputs import load_project
    source = Path(__file__).parent / "golden" / "features_v2" / "container_components.py"
    project = with_readable_ids(load_project(source))
    path = tmp_path / "containers.kfpd"
    persist.save(project, path)
    return path, path.read_text(encoding="utf-8")


def test_a_container_function_that_disagrees_with_its_fields_is_refused_at_its_line(tmp_path):
    """A kfp 2 container component keeps its function (the Python export writes it) and its
    fields (the compilers write them): a file where they disagree must not open, or export
    and compile would say different things (fuzz seed 23, input 1506)."""
    from designer.inputs import load_project
    from designer.ir.components import ContainerComponent
    path, text = _container_project(tmp_path)
    project = load_project(path)                       # as saved: they agree
    comps = [c for c in project.pipeline.components
             if isinstance(c, ContainerComponent) and c.origin == "v2" and c.function_source]
    assert comps
    image = comps[0].image
    assert text.count(f"image={image!r}".replace("'", '"')) + text.count(
        f"image='{image}'") >= 1, "the function's image is written in the file"
    edited = re.sub(r'image=(["\'])' + re.escape(image) + r'\1', 'image="busybox:1"', text,
                    count=1)
    assert edited != text
    path.write_text(edited, encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_project(path)
    assert e.value.path == str(path) and e.value.line is not None
    assert "its function and its fields" in e.value.message
