"""kfp 2's ``dsl.importer(artifact_uri, artifact_class, reimport=False, metadata=None)`` as
the Python importer reads it (never run): one ``ImporterComponent`` per call, as kfp makes
one per call, and a task whose ``uri`` argument is the artifact URI.

Refused at the call's line: an artifact class of the file's own, metadata holding run-time
values (kfp turns those into extra ``metadata`` inputs, which the IR does not hold), an
f-string URI (kfp writes it as a constant with a placeholder in it), and
``download_to_workspace=True``.
"""
from __future__ import annotations

import ast
from typing import Any

from designer.ir.importer import URI, ImporterComponent
from designer.ir.model import Constant, OutputRef, ParamRef, new_id
from designer.ir.signature import ARTIFACT_TYPES

from ._eval import _is_plain
from ._values import Ref, describe

_PARAMS = ("artifact_uri", "artifact_class", "reimport", "metadata", "download_to_workspace")


def _artifact_class(ctx: Any, value: Any, node: ast.AST) -> str:
    from ._kfp_calls import canonical
    if isinstance(value, Ref):
        name = canonical(value.qualname)
        short = name.rsplit(".", 1)[-1]
        if name == f"kfp.dsl.{short}" and short in ARTIFACT_TYPES:
            return short
    raise ctx.error(f"the importer's artifact class must be one of kfp's ({', '.join(ARTIFACT_TYPES)}"
                    f"), not {describe(value)}: an artifact class of the file's own is not "
                    "supported by the designer", node)


def importer_call(ctx: Any, args: list[Any], kwargs: dict[str, Any], node: ast.Call,
                  hint: str | None) -> Any:
    from ._kfp_calls import _bind
    builder = ctx.need_builder("`dsl.importer` makes a task, which kfp allows", node)
    b = _bind(ctx, "dsl.importer", _PARAMS, args, kwargs, node, 2)
    if b.get("download_to_workspace") not in (None, False):
        raise ctx.error("`download_to_workspace=` of `dsl.importer` is not supported by the "
                        "designer (it needs the pipeline's workspace)", node)
    reimport = b.get("reimport", False)
    if not isinstance(reimport, bool):
        raise ctx.error(f"`reimport=` must be True or False, not {describe(reimport)}", node)
    metadata = b.get("metadata")
    if metadata is None:
        metadata = {}
    if not isinstance(metadata, dict) or not _is_plain(metadata):
        raise ctx.error("the importer's metadata must be a dict of constants: pipeline "
                        "parameters or task outputs in it are not supported by the designer",
                        node)
    uri = builder.to_argument(b["artifact_uri"], node)
    if not isinstance(uri, (ParamRef, OutputRef)) and not (
            isinstance(uri, Constant) and isinstance(uri.value, str)):
        raise ctx.error("the importer's URI must be a string, a pipeline parameter or a task "
                        f"output, not {describe(b['artifact_uri'])}", node)
    component = ImporterComponent(new_id(), _artifact_class(ctx, b["artifact_class"], node),
                                  reimport, metadata)
    return builder.make_task(component, {URI: uri}, hint, node)


__all__ = ["importer_call"]
