"""A project's container component loaded from a kfp component spec (origin "spec") is what
its ``spec_text`` says: the compilers read the text (kfp 1 compiles it, kfp 2 its
conversion) while the Python writer and the canvas read the structured fields, so a file in
which the two disagree would give each writer a different component. The fields are
derived from the text again on load and must come out the same: the text is the one source
of truth, and a file that breaks it is refused with the line of the component.
"""
from __future__ import annotations

import dataclasses

from designer.ir.component_spec import Where, spec_component
from designer.ir.components import ContainerComponent
from designer.ir.errors import InputError



def check_spec(comp: ContainerComponent, path: str | None, line: int | None) -> None:
    if comp.origin != "spec":
        return
    what = f"component `{comp.id}`"
    if comp.spec_text is None:
        raise InputError(f"{what}: a component loaded from a spec needs its `spec_text`",
                         path, line)
    try:
        derived = spec_component(comp.spec_text, Where(path or "", line, in_yaml=False),
                                 python_name=comp.python_name, spec_path=comp.spec_path,
                                 spec_url=comp.spec_url, id=comp.id)
    except InputError as e:
        raise InputError(f"{what}: {e.message}", path, line) from None
    if derived == comp:
        return
    differ = [f.name for f in dataclasses.fields(comp)
              if getattr(derived, f.name) != getattr(comp, f.name)]
    raise InputError(f"{what}: its {', '.join(f'`{d}`' for d in differ)} "
                     f"{'does' if len(differ) == 1 else 'do'} not match its `spec_text` "
                     "(the component is what the text says)", path, line)


__all__ = ["check_spec"]
