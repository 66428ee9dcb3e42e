"""Refuse, with a one-line reason, pipelines using what a writer cannot write exactly."""
from __future__ import annotations

from typing import Iterable, Mapping

from designer.ir import InputError, Pipeline
from designer.ir.features import describe, unsupported

# What kfp 2.17.3 (with kfp-kubernetes 2.17.3) itself lacks, in words a person can act on
# (the v2 compiler and the kfp 2 Python export refuse with them).
KFP2_ABSENT: dict[str, str] = {
    f"setting:{name}": "which kfp-kubernetes 2.17.3 does not have (it sets node affinity "
                       "only: add_node_affinity); keep this pipeline on kfp 1"
    for name in ("pod_affinity", "pod_anti_affinity")}
KFP2_ABSENT["setting:sidecars"] = ("which kfp 2 does not have (a kfp 2 task runs one "
                                   "container); keep this pipeline on kfp 1")
KFP2_ABSENT["volume:snapshot"] = ("which kfp 2 does not have (kfp-kubernetes makes and "
                                  "deletes claims only); keep this pipeline on kfp 1")
KFP2_ABSENT.update({f"setting:{name}": "which kfp 2 does not have (it sets CPU, memory and "
                                       "accelerators only); keep this pipeline on kfp 1"
                    for name in ("other_limits", "other_requests")})
KFP2_ABSENT["conf:dns_config"] = ("which kfp 2.17.3 does not have (kfp 1 PipelineConf."
                                  "set_dns_config); keep this pipeline on kfp 1")


def refuse_unsupported(pipeline: Pipeline, supported: Iterable[str], doing: str,
                       absent: Mapping[str, str] | None = None) -> None:
    """InputError ``<doing>: task `x` uses ..., which ...`` for the first unsupported use;
    ``doing`` says what was refused ("cannot compile for KFP 2"); ``absent``: features the
    target itself lacks, with the words that say so ("which kfp 1 does not have")."""
    use = unsupported(pipeline, supported)
    if use is not None:
        why = (absent or {}).get(use.feature, "which the designer cannot write here yet")
        error = InputError(f"{doing}: {describe(use)}, {why}")
        error.use = use   # (type: ignore) what, for a caller that knows its file lines
        raise error
