"""kfp's naming rules, in one place (and the designer's one rule for new names).

kfp derives names from function and component names by fixed rules (kfp 1.8.9:
``components/_naming.py``, ``compiler/_k8s_helper.py``; kfp 2 keeps the same rules under
other names).  The compilers write these names, the importer reads kfp files whose calls
use them, and the previews find tasks by them, so all three must agree to the byte: they
share these functions instead of each keeping a copy.
"""
from __future__ import annotations

import re
from typing import Any, Container, Iterable


def unique_name(base: str, taken: Container[str]) -> str:
    """``base``, else ``base_2``, ``base_3``... whichever is free first: the designer's rule
    for the Python names it makes up (tasks, parameters); kfp's own rule is ``UniqueNames``."""
    if base not in taken:
        return base
    n = 2
    while f"{base}_{n}" in taken:
        n += 1
    return f"{base}_{n}"


def component_name(function_name: str) -> str:
    """``_python_function_name_to_component_name`` (same in kfp 1 and 2):
    ``print_and_return_number`` -> ``Print and return number``."""
    spaced = re.sub(" +", " ", function_name.replace("_", " ")).strip(" ")
    return spaced[:1].upper() + spaced[1:]


def sanitize_k8s_name(name: str, allow_capital_underscore: bool = False) -> str:
    """kfp 1's ``sanitize_k8s_name`` (kfp 2's ``maybe_rename_for_k8s`` is the default form):
    ``Print and return number`` -> ``print-and-return-number``."""
    if allow_capital_underscore:
        return re.sub("-+", "-", re.sub("[^-_0-9A-Za-z]+", "-", name)).strip("-")
    return re.sub("-+", "-", re.sub("[^-0-9a-z]+", "-", name.lower())).strip("-")


def sanitize_python_name(name: str) -> str:
    """kfp 1's ``_sanitize_python_function_name``: ``Print it 2`` -> ``print_it_2``; a
    leading digit gets an ``n``."""
    text = re.sub(r"[\W_]", " ", name.lower())
    text = re.sub(" +", " ", text).strip()
    if re.match(r"\d", text):
        text = "n" + text
    return text.replace(" ", "_")


def sanitize_file_name(name: str) -> str:
    """kfp 1's file-name sanitizer for output folders (``/tmp/outputs/<name>/data``)."""
    return re.sub("[^-_.0-9a-zA-Z]+", "_", name)


class UniqueNames:
    """kfp's ``_make_name_unique_by_adding_index(name, taken, "-")`` over a growing set:
    ``name``, else ``name-2``, ``name-3``... whichever is free first.

    kfp scans from ``-2`` every time (quadratic for a component used 1000 times); names
    are only ever added, so the first free index per base never decreases, and resuming
    from the last one gives the same names in linear time."""

    def __init__(self, taken: Iterable[str] = ()) -> None:
        self.taken: set[str] = set(taken)
        self._next_index: dict[str, int] = {}

    def add(self, name: str) -> str:
        if name in self.taken:
            i = self._next_index.get(name, 2)
            while f"{name}-{i}" in self.taken:
                i += 1
            self._next_index[name] = i + 1
            name = f"{name}-{i}"
        self.taken.add(name)
        return name


def pythonic_names(names: Iterable[str]) -> dict[str, str]:
    """kfp 1's ``generate_unique_name_conversion_table(names, _sanitize_python_function_name)``.

    kfp 1 task factories take inputs under these names (``numberA`` -> ``numbera``) and
    expose outputs under them too (``Output`` -> ``output``) besides the original names.
    """
    forward: dict[str, str] = {}
    taken: set[str] = set()
    to_convert = []
    for name in names:
        if sanitize_python_name(name) == name:
            forward[name] = name
            taken.add(name)
        else:
            to_convert.append(name)
    for name in to_convert:
        converted = sanitize_python_name(name)
        n = 2
        while converted in taken:
            converted = sanitize_python_name(f"{name} {n}")
            n += 1
        forward[name] = converted
        taken.add(converted)
    return forward


# kfp 1 names a function component's file inputs and outputs without these suffixes
# (``components/_python_op.py``): ``data_path: InputPath()`` is the input ``data``.
_PATH_KINDS = ("InputPath", "OutputPath")
_FILE_KINDS = ("InputPath", "OutputPath", "InputTextFile", "OutputTextFile", "InputBinaryFile",
               "OutputBinaryFile", "InputArtifact", "OutputArtifact")


def v1_io_name(name: str, annotation: str | None) -> str:
    """The name kfp 1.8.9 gives a function parameter's port: ``_path`` is dropped for
    ``InputPath``/``OutputPath``, then ``_file`` for every file kind; other ports keep
    their name."""
    kind = _annotation_kind(annotation)
    if kind not in _FILE_KINDS:
        return name
    if kind in _PATH_KINDS and name.endswith("_path"):
        name = name[:-len("_path")]
    if name.endswith("_file"):
        name = name[:-len("_file")]
    return name


def _annotation_kind(annotation: str | None) -> str | None:
    if not annotation:
        return None
    head = annotation.split("(", 1)[0].split("[", 1)[0].strip()
    return head.rsplit(".", 1)[-1]


def legacy_v1_output(name: str) -> str | None:
    """kfp 1's ``_is_legacy_output_name``: ``mlpipeline-ui-metadata`` / ``mlpipeline-metrics``
    (in any spelling that normalises to them) are artifacts only, not task outputs."""
    normalized = re.sub("[^a-zA-Z0-9]", "-", name.lower())
    return normalized if normalized in ("mlpipeline-ui-metadata", "mlpipeline-metrics") else None


def sanitize_v2_input_name(name: str) -> str:
    """kfp 2's ``utils.sanitize_input_name`` (names of inputs/outputs of a loaded v1 spec)."""
    return re.sub("[^_0-9a-z]+", "_", name.lower()).lstrip("_").rstrip("_")


def _is_container(component: Any) -> bool:
    return getattr(component, "kind", None) == "container"


def call_names(component: Any, style: str) -> dict[str, str]:
    """Input name -> the keyword a call uses for it in this kfp version."""
    names = [i.name for i in component.signature.inputs]
    if style == "v2":
        if _is_container(component) and component.origin == "spec":
            return {n: sanitize_v2_input_name(n) for n in names}
        return {n: n for n in names}
    stripped = {i.name: v1_io_name(i.name, i.annotation) for i in component.signature.inputs}
    pythonic = pythonic_names(list(stripped.values()))
    return {n: pythonic[stripped[n]] for n in names}


def output_names(component: Any, style: str) -> dict[str, str]:
    """What a task offers under ``.outputs[...]``: key -> the IR output name.

    kfp 1 names function-component file outputs without ``_path``/``_file``, offers each
    under its pythonic name too, and keeps mlpipeline-ui-metadata/-metrics out of them;
    kfp 2 uses a loaded spec's outputs under their sanitized names."""
    outs = component.signature.outputs
    if style == "v2":
        if _is_container(component) and component.origin == "spec":
            return {sanitize_v2_input_name(o.name): o.name for o in outs}
        return {o.name: o.name for o in outs}
    if _is_container(component) and component.origin == "op":
        return {o.name: o.name for o in outs if o.passing == "value"}
    kfp_names = {o.name: v1_io_name(o.name, o.annotation) for o in outs}
    kept = {ir: k for ir, k in kfp_names.items() if not legacy_v1_output(k)}
    table = {k: ir for ir, k in kept.items()}
    for k, py in pythonic_names(list(kept.values())).items():
        table.setdefault(py, table[k])
    return table
