"""Import a kfp pipeline file (v1 or v2 DSL) into the IR by reading its ``ast``.

The file is never executed. ``_module`` reads the top level (imports, component functions,
the one pipeline function), ``_pipeline_body`` the pipeline function's statements, and
``_pyast`` holds what mirrors kfp (captured source, literals); kfp's naming rules and its
docstring_parser are ported in designer.ir (naming, docstrings), shared with the compilers.
Whatever cannot be expressed faithfully is an InputError naming the file and line; a
guessed pipeline would be worse than a clear refusal.

Decisions worth knowing:
* Exactly one ``@dsl.pipeline`` function per file; none or several is an error (the
  ``__main__`` block is ignored, so it cannot pick one).
* The DSL style decides kfp-version details: ``create_component_from_func`` /
  ``func_to_container_op`` make a v1 file, ``@dsl.component`` a v2 file, both is an error.
  A file without components is v1 unless its pipeline decorator is bare (v2 only).
* kfp 1.8.9 rejects ``@create_component_from_func(base_image=...)`` (``func`` is required);
  so do we, pointing at ``functools.partial(create_component_from_func, ...)``, which works.
* A module-level name bound to a JSON-like literal may be used wherever a literal may.
* Names bound in a way we cannot follow (other compound statements, unknown calls, other
  decorators) are fine until the pipeline uses them; then the error says where they came from.
"""
from __future__ import annotations

import ast

from designer.ir import InputError, Pipeline

from ._module import ModuleReader
from ._pipeline_body import read_pipeline


def import_python(text: str, path: str = "<string>") -> Pipeline:
    """The pipeline a kfp Python file defines, read with ``ast`` (never executed).

    Raises InputError(message, path, line) for anything it cannot express faithfully.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")
    try:
        tree = ast.parse(text, filename=path)
    except SyntaxError as e:
        raise InputError(f"syntax error: {e.msg}", path, e.lineno) from None
    except (ValueError, RecursionError, MemoryError) as e:
        raise InputError(f"cannot parse this file: {e}", path) from None
    module = ModuleReader(tree, text, path)
    module.read()
    func, dec = module.the_pipeline()
    style = module.style(dec)
    name, description, param_docs = module.pipeline_metadata(func, dec, style)
    return read_pipeline(module, func, style, name, description, param_docs)
