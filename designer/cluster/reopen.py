"""A run re-opened: read again with its task details, and the pipeline it ran.

The pipeline a run ran is the one kept with it (``KfpApi.run_spec``: its version's spec, or
the spec it carried). When it is what the open pipeline compiles to, the run is shown on it;
else the run's own pipeline is read back from that spec (an older version):

* KFP v1: the Argo workflow (from the version's template, or the run's manifest) is read by
  the v1 YAML importer and must compile back to the same workflow (the compile time kept);
* KFP v2: the PipelineSpec (with its platform spec) is read by the v2 YAML importer and must
  compile back to the same spec, the SDK version aside; a spec of lightweight Python
  components written by another kfp 2 (other version pins) is read by ``spec_reader``.

What the designer cannot re-create exactly is refused with the difference (InputError):
a run is never shown on a pipeline other than the one it ran.
"""
from __future__ import annotations

from dataclasses import dataclass

import yaml

from designer.ir import InputError, Pipeline, errors

from .api import KfpApi, RemoteRun
from .errors import ClusterError, Failure
from .specs import pipeline_part, platform_part, spec_document

_COMPILE_TIME = "pipelines.kubeflow.org/pipeline_compilation_time"


@dataclass
class Reopened:
    run: RemoteRun          # read again: with what its tasks did
    spec: dict              # the compiled pipeline it ran, as the backend keeps it
    pipeline: Pipeline      # the open pipeline when it is that one, else read from spec
    same: bool              # True: ``pipeline`` is the open one


def _without_sdk(spec: dict) -> dict:
    return {k: v for k, v in spec.items() if k != "sdkVersion"}


def same_pipeline(pipeline: Pipeline, spec: dict | None, target: str) -> bool:
    """Whether ``spec`` (a run's) is what ``pipeline`` compiles to for ``target``; the
    SDK version and the compile time stamp aside."""
    from designer.compiler import compile_pipeline
    try:
        mine = spec_document(compile_pipeline(pipeline, target), target)
    except InputError:
        return False
    if target == "v1":
        return mine.get("spec") == (spec or {}).get("spec")
    return platform_part(mine) == platform_part(spec) and \
        _without_sdk(pipeline_part(mine)) == _without_sdk(pipeline_part(spec))


def _first_difference(a, b, path: str) -> str:
    """The dotted path of the first place where ``a`` and ``b`` differ."""
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b), key=str):
            if a.get(key) != b.get(key):
                return _first_difference(a.get(key), b.get(key), f"{path}.{key}")
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b)):
            if x != y:
                return _first_difference(x, y, f"{path}[{i}]")
    return path


def _differences(again: dict, kept: dict) -> str:
    """Where the re-compiled spec differs from the kept one: each top-level key, with the
    first place it differs (``root.dag.tasks.add.cachingOptions``)."""
    keys = sorted(k for k in set(again) | set(kept) if again.get(k) != kept.get(k))
    return ", ".join(_first_difference(again.get(k), kept.get(k), k) for k in keys) or \
        "its layout"


def pipeline_of_run(spec: dict, target: str, where: str = "the run") -> Pipeline:
    """The pipeline ``spec`` holds, exactly; InputError when the designer cannot re-create
    it exactly."""
    from designer.compiler import compile_pipeline
    from designer.importers.compiled_yaml import import_yaml
    if target == "v1":
        text = yaml.safe_dump(spec, sort_keys=False, allow_unicode=True)
        pipeline = import_yaml(text, where, check=False).pipeline
        stamp = ((spec.get("metadata") or {}).get("annotations") or {}).get(_COMPILE_TIME)
        again = yaml.safe_load(compile_pipeline(pipeline, "v1", compile_time=stamp))
        if again != spec:
            raise InputError(f"cannot open the KFP v1 pipeline of {where}: the designer cannot "
                             f"re-create it exactly (it differs in {_differences(again, spec)})")
        return pipeline
    docs = [pipeline_part(spec)] + ([platform_part(spec)] if platform_part(spec) else [])
    text = yaml.safe_dump_all(docs, sort_keys=False, allow_unicode=True)
    try:
        pipeline = import_yaml(text, where, check=False).pipeline
        if same_pipeline(pipeline, spec, "v2"):
            return pipeline
        again = spec_document(compile_pipeline(pipeline, "v2"), "v2")
        differs = _differences(_without_sdk(pipeline_part(again)),
                               _without_sdk(pipeline_part(spec)))
        if platform_part(again) != platform_part(spec):
            differs += ", its platform spec"
        problem = InputError(f"cannot open the KFP v2 pipeline of {where}: the designer "
                             f"cannot re-create it exactly (it differs in {differs})")
    except InputError as e:
        problem = e
    if platform_part(spec):
        raise problem
    from .spec_reader import read_pipeline_spec
    try:
        return read_pipeline_spec(pipeline_part(spec))   # other kfp 2 versions' pins
    except InputError:
        raise problem from None


def fresh_run(api: KfpApi, run_id: str) -> tuple[RemoteRun, dict]:
    """The run read again (with its task details) and the spec it ran."""
    run = api.get_run(run_id)
    spec = api.run_spec(run)
    if not spec:
        raise ClusterError(Failure.BAD_RESPONSE, f"the endpoint keeps no pipeline for the run "
                           f"{run.name or run.id}")
    return run, spec


def reopen(api: KfpApi, run_id: str, current: Pipeline | None = None) -> Reopened:
    """The run ``run_id`` read again, and its pipeline: ``current`` when the run ran it."""
    run, spec = fresh_run(api, run_id)
    if current is not None and not errors(current) and same_pipeline(current, spec,
                                                                     api.target):
        return Reopened(run, spec, current, True)
    return Reopened(run, spec, pipeline_of_run(spec, api.target, f"the run {run.name or run.id}"),
                    False)
