"""The bundled component library: ``resources/components/*.py``, read with ``ast``.

Each file holds one component function. The module docstring is the library's
description of it (kept out of the function so compiled output matches what
kfp writes for the bare function); optional module-level literals
``BASE_IMAGE = "..."`` and ``PACKAGES_TO_INSTALL = [...]`` set its container.
Nothing is executed.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

from designer.ir import Component, InputError, Signature, SignatureError
from designer.ir.signature import signature_of


@dataclass(frozen=True)
class LibraryComponent:
    name: str
    source: str
    signature: Signature
    description: str
    base_image: str | None
    packages_to_install: tuple[str, ...]
    path: str

    def to_component(self) -> Component:
        """A fresh IR component; its id is the function name (readable project files)."""
        return Component(id=self.name, source=self.source, signature=self.signature,
                         base_image=self.base_image,
                         packages_to_install=list(self.packages_to_install))


def signature_text(sig: Signature) -> str:
    """``def f(a: int, b: str = 'x') -> int`` for tooltips."""
    parts = []
    for i in sig.inputs:
        text = i.name + (f": {i.annotation}" if i.annotation else "")
        if i.has_default:
            text += f" = {i.default!r}"
        parts.append(text)
    ret = f" -> {sig.return_annotation}" if sig.return_annotation else ""
    return f"def {sig.function_name}({', '.join(parts)}){ret}"


def read_component_file(path: Path) -> LibraryComponent:
    text = path.read_text(encoding="utf-8")
    try:
        module = ast.parse(text, filename=str(path))
    except SyntaxError as e:
        raise InputError(f"syntax error: {e.msg}", str(path), e.lineno) from None
    funcs = [n for n in module.body if isinstance(n, ast.FunctionDef)]
    if len(funcs) != 1:
        raise InputError("a library file holds exactly one component function", str(path))
    func = funcs[0]
    settings: dict[str, object] = {}
    for node in module.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 \
                and isinstance(node.targets[0], ast.Name):
            try:
                settings[node.targets[0].id] = ast.literal_eval(node.value)
            except ValueError:
                raise InputError(f"`{node.targets[0].id}` must be a literal", str(path),
                                 node.lineno) from None
    try:
        sig = signature_of(func)
    except SignatureError as e:
        raise InputError(e.message, str(path), e.line) from None
    source = ast.get_source_segment(text, func) + "\n"
    base_image = settings.get("BASE_IMAGE")
    packages = settings.get("PACKAGES_TO_INSTALL") or []
    return LibraryComponent(
        name=func.name, source=source, signature=sig,
        description=(ast.get_docstring(module) or "").strip(),
        base_image=str(base_image) if base_image else None,
        packages_to_install=tuple(str(p) for p in packages), path=str(path))


def load_library(folder: Path | None = None) -> list[LibraryComponent]:
    """Every component in ``folder`` (the bundled library by default), sorted by name."""
    if folder is None:
        from designer.resources_path import resources_dir
        folder = resources_dir() / "components"
    out = [read_component_file(p) for p in sorted(Path(folder).glob("*.py"))
           if not p.name.startswith("_")]
    return sorted(out, key=lambda c: c.name)
