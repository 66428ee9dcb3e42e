"""Component hubs: component YAML files found in a folder (designer/model/spec_library)."""
from __future__ import annotations

from designer.model.spec_library import load_spec_folder, read_spec_file

SPEC = "name: {name}\ndescription: {name} it.\nimplementation:\n  container: {{image: alpine}}\n"


def test_a_hub_folder_is_read_recursively_and_refusals_are_kept(tmp_path):
    for folder, name in (("b", "Beta"), ("a/deep", "Alpha")):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "component.yaml").write_text(SPEC.format(name=name))
    (tmp_path / "other.yaml").write_text(SPEC.format(name="Gamma"))       # has implementation:
    (tmp_path / "values.yaml").write_text("replicas: 3\n")                 # not a component
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "component.yaml").write_text(SPEC.format(name="Hidden"))
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "component.yaml").write_text("name: [\n")
    specs, errors = load_spec_folder(tmp_path)
    assert [s.name for s in specs] == ["Alpha", "Beta", "Gamma"]
    assert specs[0].description == "Alpha it." and specs[0].python_name == "alpha"
    assert len(errors) == 1 and "not valid YAML" in str(errors[0])
    assert errors[0].path.endswith("bad/component.yaml")
    comp = read_spec_file(tmp_path / "b" / "component.yaml").to_component()
    assert comp.spec_path == str(tmp_path / "b" / "component.yaml") and comp.origin == "spec"
