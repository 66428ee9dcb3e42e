"""kfp's own sample and test pipelines as goldens: copied from kfp's git history, compiled by
the real SDKs into tests/golden/kfp_samples/{v1,v2}/NAME.yaml.

    python tools/make_goldens_samples.py --collect   # copy the sources from kfp's git mirror
    python tools/make_goldens_samples.py             # (re)write goldens whose content changed
    python tools/make_goldens_samples.py --check     # exit 1 if any golden is stale or missing

Each file is kept verbatim (its Apache 2.0 header included); ``SAMPLES`` says where it came
from (repository, commit, path), and ``kfp_samples/SOURCES.json`` records it next to them.
The SDK imports each file as a module (not as ``__main__``: some samples' ``__main__`` blocks
write JSON, or name a function that does not exist) and compiles the one function decorated
``@dsl.pipeline``, found with ``ast``: kfp 1.8.9 for ``v1/``, kfp 2.17.3 + kfp-kubernetes for
``v2/``. v1 goldens are kfp's bytes; v2 goldens start with a provenance comment.
tests/test_golden_samples.py compiles the same files with ours.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

SAMPLES_DIR = REPO_ROOT / "tests" / "golden" / "kfp_samples"
KFP_REPO = "kubeflow/pipelines"
KFP_MIRROR = Path("/work/.mirror/kubeflow+pipelines/repo")
# The SDK 1.8.9 release commit on sdk/release-1.8 (tools/corpus_collect.py says why).
KFP_189 = "16f2a2f82fc1821b601625acaf51c56ed122829c"
# master when these were collected (2026-12-06).
KFP_HEAD = "7b70c7b95f6832772efd6fd0029a4024491a0f44"


@dataclass(frozen=True)
class Sample:
    name: str        # file stem under kfp_samples/<sdk>/
    sdk: str         # "v1" | "v2"
    commit: str
    path: str        # in kfp's repository
    pipeline: str = ""   # the function to compile when the file has several pipelines


SAMPLES = (
    # kfp 2 + kfp-kubernetes: CreatePVC, mount_pvc, DeletePVC, ephemeral volumes.
    Sample("create_mount_delete_dynamic_pvc", "v2", KFP_HEAD,
           "kubernetes_platform/python/test/snapshot/data/create_mount_delete_dynamic_pvc.py"),
    Sample("create_mount_delete_existing_pvc", "v2", KFP_HEAD,
           "kubernetes_platform/python/test/snapshot/data/create_mount_delete_existing_pvc.py"),
    Sample("create_mount_delete_existing_pvc_from_task_output", "v2", KFP_HEAD,
           "kubernetes_platform/python/test/snapshot/data/"
           "create_mount_delete_existing_pvc_from_task_output.py"),
    Sample("kubernetes_pvc", "v2", KFP_HEAD, "samples/core/kubernetes_pvc/kubernetes_pvc.py"),
    Sample("parallel_for_mount_pvc", "v2", KFP_HEAD,
           "test_data/sdk_compiled_pipelines/valid/parallel_and_nested/parallel_for_mount_pvc.py"),
    Sample("pipeline_with_volume", "v2", KFP_HEAD,
           "test_data/sdk_compiled_pipelines/valid/pipeline_with_volume.py"),
    Sample("pipeline_with_volume_long_name", "v2", KFP_HEAD,
           "test_data/sdk_compiled_pipelines/valid/pipeline_with_volume_long_name.py"),
    Sample("pipeline_with_volume_no_cache", "v2", KFP_HEAD,
           "test_data/sdk_compiled_pipelines/valid/pipeline_with_volume_no_cache.py"),
    Sample("general_ephemeral_volume", "v2", KFP_HEAD,
           "kubernetes_platform/python/test/snapshot/data/general_ephemeral_volume.py"),
    Sample("pvc_mount", "v2", KFP_HEAD, "test_data/sdk_compiled_pipelines/valid/pvc_mount.py"),
    # kfp-kubernetes: secrets and config maps as volumes and as environment, empty dirs.
    *(Sample(name, "v2", KFP_HEAD, f"kubernetes_platform/python/test/snapshot/data/{name}.py")
      for name in ("secret_as_vol", "config_map_as_vol", "secret_as_env", "config_map_as_env",
                   "empty_dir_mounts")),
    Sample("pvc_mount_subpath", "v2", KFP_HEAD,
           "test_data/sdk_compiled_pipelines/valid/pvc_mount_subpath.py"),
    # Written for kfp 1.8's `kfp.v2` namespace, which kfp 2.17.3 keeps as an alias of `kfp`.
    Sample("after", "v2", KFP_189, "samples/test/after.py"),
    # `@dsl.pipeline(pipeline_root=)`: kfp 2's defaultPipelineRoot, kfp 1.8.9's
    # `pipeline-root` parameter.
    Sample("take_nap_pipeline_root", "v2", KFP_HEAD,
           "test_data/sdk_compiled_pipelines/valid/take_nap_pipeline_root.py"),
    Sample("uri_artifacts", "v1", KFP_189, "sdk/python/tests/compiler/testdata/uri_artifacts.py"),
    # kfp 1.8.9: VolumeOp, add_pvolumes, PipelineVolume, pvolumes passed on.
    Sample("volume_ops", "v1", KFP_189, "samples/core/volume_ops/volume_ops.py"),
    Sample("contrib_volumeop_dag", "v1", KFP_189, "samples/contrib/volume_ops/volumeop_dag.py"),
    Sample("contrib_volumeop_parallel", "v1", KFP_189,
           "samples/contrib/volume_ops/volumeop_parallel.py"),
    Sample("contrib_volumeop_sequential", "v1", KFP_189,
           "samples/contrib/volume_ops/volumeop_sequential.py"),
    Sample("volumeop_basic", "v1", KFP_189, "sdk/python/tests/compiler/testdata/volumeop_basic.py"),
    Sample("volumeop_dag", "v1", KFP_189, "sdk/python/tests/compiler/testdata/volumeop_dag.py"),
    Sample("volumeop_parallel", "v1", KFP_189,
           "sdk/python/tests/compiler/testdata/volumeop_parallel.py"),
    Sample("volumeop_sequential", "v1", KFP_189,
           "sdk/python/tests/compiler/testdata/volumeop_sequential.py"),
    Sample("param_substitutions", "v1", KFP_189,
           "sdk/python/tests/compiler/testdata/param_substitutions.py"),
    Sample("mnist_tf_volume", "v1", KFP_189, "samples/contrib/seldon/mnist_tf_volume.py"),
    Sample("volume_snapshot_ops", "v1", KFP_189,
           "samples/core/volume_snapshot_ops/volume_snapshot_ops.py"),
    # kfp 1.8.9: a pipeline function called in another runs its ops there (no pipeline task).
    Sample("compose", "v1", KFP_189, "sdk/python/tests/compiler/testdata/compose.py",
           "download_save_most_frequent_word"),
    # kfp 2: pipelines used inside pipelines (sub-pipelines), nested, retried, as exit tasks.
    *(Sample(name, "v2", KFP_HEAD, f"test_data/sdk_compiled_pipelines/valid/{path}", pipeline)
      for name, path, pipeline in (
          ("pipeline_in_pipeline", "parallel_and_nested/pipeline_in_pipeline.py",
           "my_pipeline"),
          ("pipeline_in_pipeline_complex", "parallel_and_nested/pipeline_in_pipeline_complex.py",
           "my_pipeline"),
          ("nested_pipeline_opt_input_child_level",
           "parallel_and_nested/nested_pipeline_opt_input_child_level.py",
           "nested_pipeline_opt_input_child_level"),
          ("nested_pipeline_opt_inputs_nil", "parallel_and_nested/nested_pipeline_opt_inputs_nil.py",
           "nested_pipeline_opt_inputs_nil"),
          ("nested_pipeline_opt_inputs_parent_level",
           "parallel_and_nested/nested_pipeline_opt_inputs_parent_level.py",
           "nested_pipeline_opt_inputs_parent_level"),
          ("parameter", "parameter.py", "crust"),
          ("artifact_crust", "critical/artifact_crust.py", "crust"),
          ("mixed_parameters", "critical/mixed_parameters.py", "crust"),
          ("pipeline_with_outputs", "essential/pipeline_with_outputs.py", "my_pipeline"),
          # Descriptions of pipeline outputs, from the docstring's Returns section; and a
          # component compiled as a pipeline, its outputs described by its own docstring.
          ("pipeline_with_metadata_fields", "pipeline_with_metadata_fields.py",
           "dataset_concatenator"),
          ("component_with_metadata_fields", "component_with_metadata_fields.py",
           "dataset_joiner"),
          ("pipeline_as_exit_task", "pipeline_as_exit_task.py", "my_pipeline"))),
    *(Sample(name, "v2", KFP_HEAD, f"test_data/sdk_uncompiled_pipelines/{name}.py", "pipeline")
      for name in ("nested_pipeline_pipeline_retry", "nested_pipeline_all_level_retry",
                   "nested_pipeline_sub_component_retry")),
)

# Runs in the SDK's venv: argv = triples of (source, output, function or ""); compiles the
# function named, else the file's one @dsl.pipeline function, or prints its error line.
_DRIVER = r"""
import ast, json, os, runpy, sys, traceback
def pipeline_names(path):
    names = []
    for node in ast.parse(open(path, encoding="utf-8").read()).body:
        if isinstance(node, ast.FunctionDef):
            for d in node.decorator_list:
                f = d.func if isinstance(d, ast.Call) else d
                if (f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "")) == "pipeline":
                    names.append(node.name)
    return names
errors = {}
args = sys.argv[2:]
for src, out, chosen in zip(args[::3], args[1::3], args[2::3]):
    try:
        names = [chosen] if chosen else pipeline_names(src)
        if len(names) != 1:
            raise RuntimeError(f"expected one @dsl.pipeline function, found {names}")
        os.chdir(os.path.dirname(src))
        ns = runpy.run_path(src, run_name="kfp_sample")
        if sys.argv[1] == "v1":
            import kfp
            kfp.compiler.Compiler().compile(ns[names[0]], out)
        else:
            from kfp import compiler
            compiler.Compiler().compile(ns[names[0]], out)
    except BaseException as e:
        errors[src] = traceback.format_exception_only(type(e), e)[-1].strip()
print(json.dumps(errors))
"""


def source(s: Sample) -> Path:
    return SAMPLES_DIR / s.sdk / f"{s.name}.py"


def golden(s: Sample) -> Path:
    return SAMPLES_DIR / s.sdk / f"{s.name}.yaml"


def provenance(s: Sample, kfp_version: str) -> str:
    return (f"# Golden: what kfp {kfp_version} (with kfp-kubernetes) compiled from\n"
            f"# tests/golden/kfp_samples/v2/{s.name}.py ({KFP_REPO}@{s.commit[:12]}:{s.path})"
            + (f", pipeline `{s.pipeline}`" if s.pipeline else "") + ";\n"
            "# written by tools/make_goldens_samples.py.\n")


def collect() -> None:
    for s in SAMPLES:
        text = subprocess.run(["git", "-C", str(KFP_MIRROR), "show", f"{s.commit}:{s.path}"],
                              capture_output=True, check=True).stdout
        source(s).parent.mkdir(parents=True, exist_ok=True)
        source(s).write_bytes(text)
    sources = {f"{s.sdk}/{s.name}.py": {"repo": KFP_REPO, "commit": s.commit, "path": s.path,
                                        "license": "Apache-2.0",
                                        **({"pipeline": s.pipeline} if s.pipeline else {})}
               for s in SAMPLES}
    (SAMPLES_DIR / "SOURCES.json").write_text(json.dumps(sources, indent=1) + "\n",
                                              encoding="utf-8")
    print(f"collected {len(SAMPLES)} files into {SAMPLES_DIR}")


def compile_with_sdk(python: Path | str, sdk: str, samples: list[Sample]
                     ) -> dict[str, tuple[str | None, str | None]]:
    """name -> (the SDK's YAML, None) or (None, its error line)."""
    with tempfile.TemporaryDirectory(prefix="kfp-samples-") as tmp:
        work = Path(tmp)
        pairs = []
        for s in samples:
            copy = work / s.name / f"{s.name}.py"
            copy.parent.mkdir()
            copy.write_bytes(source(s).read_bytes())
            pairs += [str(copy), str(work / s.name / "out.yaml"), s.pipeline]
        proc = subprocess.run([str(python), "-c", _DRIVER, sdk, *pairs], capture_output=True,
                              text=True, env={"PYTHONHASHSEED": "0", "PATH": "/usr/bin:/bin"},
                              stdin=subprocess.DEVNULL)
        lines = proc.stdout.strip().splitlines()
        if proc.returncode != 0 or not lines:
            raise RuntimeError(f"the {sdk} SDK driver failed: {proc.stderr[-2000:]}")
        errors = json.loads(lines[-1])
        out = {}
        for s in samples:
            copy = work / s.name / f"{s.name}.py"
            path = work / s.name / "out.yaml"
            if str(copy) in errors:
                out[s.name] = (None, errors[str(copy)])
            else:
                out[s.name] = (path.read_text(encoding="utf-8"), None)
        return out


def _same(sdk: str, old: str, new: str) -> bool:
    if sdk == "v1":
        from tests.golden.goldens import normalise_v1
        return normalise_v1(old) == normalise_v1(new)
    from tools.make_goldens_v2 import _same_docs
    return _same_docs(old, new)


def main(argv: list[str] | None = None) -> int:
    from tests.oracle import kfp1_python, kfp2_python, kfp2_version
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--collect", action="store_true",
                        help="copy the sources from kfp's git mirror first")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if a golden is stale or missing")
    args = parser.parse_args(argv)
    if args.collect:
        collect()
    failed = 0
    for sdk, python in (("v1", kfp1_python), ("v2", kfp2_python)):
        samples = [s for s in SAMPLES if s.sdk == sdk]
        for name, (text, error) in compile_with_sdk(python(), sdk, samples).items():
            s = next(x for x in samples if x.name == name)
            if text is None:
                print(f"error    {sdk}/{name}: the SDK failed: {error}")
                failed += 1
                continue
            if sdk == "v2":
                text = provenance(s, kfp2_version()) + text
            path = golden(s)
            if path.exists() and _same(sdk, path.read_text(encoding="utf-8"), text):
                continue
            if args.check:
                print(f"stale    {sdk}/{name}")
                failed += 1
                continue
            path.write_text(text, encoding="utf-8")
            print(f"written  {sdk}/{name}")
    print(f"{len(SAMPLES)} samples, {failed} problem(s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
