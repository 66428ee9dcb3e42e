"""Compile the golden corpus with the real kfp 2.x into tests/golden/v2/NAME.yaml.

    python tools/make_goldens_v2.py               # (re)write goldens whose content changed
    python tools/make_goldens_v2.py chain fan_in  # only these corpus files
    python tools/make_goldens_v2.py --check       # exit 1 if any golden is stale/missing/orphaned
    python tools/make_goldens_v2.py --features    # the kfp 2 DSL feature pipelines instead

The feature pipelines (tests/golden/features_v2/NAME.py, our own kfp 2 DSL: artifacts,
container and YAML components, control flow, settings, kfp-kubernetes) are compiled as they
are by the real kfp 2 (+ kfp-kubernetes) into features_v2/v2/NAME.yaml, with a provenance
comment on top; tests/compiler/test_v2_features.py compiles the same pipelines' IR with ours.

The corpus is kfp v1 DSL, so each file goes through the designer first: our importer reads
it, our exporter writes it as kfp v2 Python, and that module runs under the real kfp 2 in
its side venv (tests/oracle.py). Where kfp 2 refuses a pipeline (it is stricter than kfp 1:
typed parameters, int vs float...), ``v2/NAME.error`` holds kfp's error line instead, and
our compiler must refuse it too. Version strings are normalised when comparing, so goldens
are rewritten only when something else changed.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from tests.golden.goldens import GOLDEN_DIR, corpus_file, corpus_names  # noqa: E402

V2_DIR = GOLDEN_DIR / "v2"
FEATURES_DIR = GOLDEN_DIR / "features_v2"
FEATURES_V2_DIR = FEATURES_DIR / "v2"

# Runs in the kfp venv: executes each exported module as a script in its own directory
# and reports the YAML it wrote, or the last line of its error. One interpreter for the
# whole batch: starting kfp costs seconds, a module a few milliseconds.
_DRIVER = r"""
import json, os, runpy, sys, traceback
jobs = json.load(open(sys.argv[1]))
results = {}
for name, folder in jobs.items():
    os.chdir(folder)
    try:
        # An absolute, distinct path per module: kfp reads sources through linecache.
        runpy.run_path(os.path.join(folder, "pipeline.py"), run_name="__main__")
        outs = sorted(f for f in os.listdir(".") if f.endswith(".yaml"))
        if len(outs) != 1:
            raise RuntimeError(f"expected one .yaml written, found {outs}")
        with open(outs[0], encoding="utf-8") as f:
            results[name] = {"yaml": f.read()}
    except BaseException as e:
        last = traceback.format_exception_only(type(e), e)[-1].strip()
        results[name] = {"error": last}
json.dump(results, open(sys.argv[2], "w"))
"""


@dataclass
class KfpRun:
    yaml: str | None = None     # what kfp wrote
    error: str | None = None    # else kfp's error line


def run_modules(python: Path | str, modules: dict[str, str]) -> dict[str, KfpRun]:
    """Run each Python module text (name -> text) with ``python`` (a kfp venv), as a script
    in a scratch directory; the module is expected to write one ``.yaml`` there."""
    with tempfile.TemporaryDirectory(prefix="kfp-export-") as tmp:
        root = Path(tmp)
        jobs = {}
        for i, (name, text) in enumerate(sorted(modules.items())):
            folder = root / f"m{i}"
            folder.mkdir()
            (folder / "pipeline.py").write_text(text, encoding="utf-8")
            jobs[name] = str(folder)
        (root / "jobs.json").write_text(json.dumps(jobs))
        (root / "driver.py").write_text(_DRIVER)
        proc = subprocess.run(
            [str(python), str(root / "driver.py"), str(root / "jobs.json"),
             str(root / "results.json")],
            capture_output=True, text=True, stdin=subprocess.DEVNULL,
            env={**os.environ, "PYTHONHASHSEED": "0", "PYTHONDONTWRITEBYTECODE": "1"})
        if proc.returncode != 0:
            raise RuntimeError(f"the kfp driver failed: {proc.stderr.strip()[-2000:]}")
        raw = json.loads((root / "results.json").read_text())
    return {name: KfpRun(**r) for name, r in raw.items()}


_KFP_PIN = re.compile(r"kfp==[0-9][\w.+!-]*")


def normalise_v2(text: str) -> Any:
    """A v2 PipelineSpec parsed, with the kfp version (sdkVersion, the pinned pip install
    in each executor) replaced by a placeholder."""
    import yaml

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: walk(v) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v) for v in node]
        if isinstance(node, str):
            return _KFP_PIN.sub("kfp==<version>", node)
        return node

    doc = walk(yaml.safe_load(text))
    if isinstance(doc, dict) and "sdkVersion" in doc:
        doc["sdkVersion"] = "kfp-<version>"
    return doc


def export_v2(name: str) -> str:
    """The corpus file ``name`` as kfp v2 Python, written by the designer."""
    from designer.compiler.python_source import export_python
    from designer.importers import load_pipeline_file

    return export_python(load_pipeline_file(corpus_file(name)), "v2")


def v2_golden(name: str) -> Path:
    return V2_DIR / f"{name}.yaml"


def v2_error(name: str) -> Path:
    return V2_DIR / f"{name}.error"


def committed(name: str) -> KfpRun | None:
    if v2_golden(name).exists():
        return KfpRun(yaml=v2_golden(name).read_text(encoding="utf-8"))
    if v2_error(name).exists():
        return KfpRun(error=v2_error(name).read_text(encoding="utf-8").strip())
    return None


def same(a: KfpRun | None, b: KfpRun) -> bool:
    if a is None:
        return False
    if a.yaml is not None and b.yaml is not None:
        return normalise_v2(a.yaml) == normalise_v2(b.yaml)
    return a.error == b.error


def fresh_results(python: Path | str, names: list[str]) -> dict[str, KfpRun]:
    return run_modules(python, {n: export_v2(n) for n in names})


REFUSED_DIR = FEATURES_DIR / "refused"


def feature_names() -> list[str]:
    return sorted(p.stem for p in FEATURES_DIR.glob("*.py"))


def refused_names() -> list[str]:
    return sorted(p.stem for p in REFUSED_DIR.glob("*.py"))


def refused_error(name: str) -> Path:
    return REFUSED_DIR / f"{name}.error"


def refused_main(check: bool, python: Path | str) -> int:
    """features_v2/refused/NAME.py are pipelines kfp 2 refuses; NAME.error is its error."""
    names = refused_names()
    modules = {n: (REFUSED_DIR / f"{n}.py").read_text(encoding="utf-8") for n in names}
    failed = 0
    for name, run in run_modules(python, modules).items():
        if run.error is None:
            print(f"error    refused/{name}: kfp compiled it")
            failed += 1
            continue
        path = refused_error(name)
        if path.exists() and path.read_text(encoding="utf-8").strip() == run.error:
            continue
        if check:
            print(f"stale    refused/{name}")
            failed += 1
            continue
        path.write_text(run.error + "\n", encoding="utf-8")
        print(f"written  refused/{name}: {run.error[:100]}")
    return failed


def feature_golden(name: str) -> Path:
    return FEATURES_V2_DIR / f"{name}.yaml"


def provenance(name: str, kfp_version: str) -> str:
    return (f"# Golden: what kfp {kfp_version} (with kfp-kubernetes) compiled from\n"
            f"# tests/golden/features_v2/{name}.py; written by tools/make_goldens_v2.py "
            "--features.\n")


def features_main(names: list[str], check: bool, python: Path | str) -> int:
    from tests.oracle import kfp2_version
    unknown = [n for n in names if n not in feature_names()]
    if unknown:
        print(f"error: not a feature pipeline: {', '.join(unknown)}", file=sys.stderr)
        return 1
    given = bool(names)
    names = names or feature_names()
    modules = {n: (FEATURES_DIR / f"{n}.py").read_text(encoding="utf-8") for n in names}
    FEATURES_V2_DIR.mkdir(parents=True, exist_ok=True)
    failed = 0
    for name, run in run_modules(python, modules).items():
        if run.yaml is None:
            print(f"error    {name}: kfp refused it: {run.error}")
            failed += 1
            continue
        path = feature_golden(name)
        old = path.read_text(encoding="utf-8") if path.exists() else None
        if old is not None and _same_docs(old, run.yaml):
            continue
        if check:
            print(f"stale    {name}")
            failed += 1
            continue
        path.write_text(provenance(name, kfp2_version()) + run.yaml, encoding="utf-8")
        print(f"written  {name}")
    if not given:
        failed += refused_main(check, python)
    print(f"{len(names)} feature pipelines, {failed} problem(s)")
    return 1 if failed else 0


def _same_docs(a: str, b: str) -> bool:
    import yaml
    return [normalise_doc(d) for d in yaml.safe_load_all(a)] == \
        [normalise_doc(d) for d in yaml.safe_load_all(b)]


def normalise_doc(doc: Any) -> Any:
    """One parsed document with the kfp version set aside (see ``normalise_v2``)."""
    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: walk(v) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v) for v in node]
        if isinstance(node, str):
            return _KFP_PIN.sub("kfp==<version>", node)
        return node

    doc = walk(doc)
    if isinstance(doc, dict) and "sdkVersion" in doc:
        doc["sdkVersion"] = "kfp-<version>"
    return doc


def main(argv: list[str] | None = None) -> int:
    from tests.oracle import OracleBuildError, kfp2_python

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="corpus names (default: all)")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if any golden differs from kfp's output")
    parser.add_argument("--features", action="store_true",
                        help="the kfp 2 DSL feature pipelines (tests/golden/features_v2)")
    args = parser.parse_args(argv)
    if args.features:
        try:
            python = kfp2_python(log=lambda m: print(m, flush=True))
        except OracleBuildError as e:
            print(f"error: {e}", file=sys.stderr)
            return 1
        return features_main(args.names, args.check, python)
    all_names = corpus_names()
    unknown = [n for n in args.names if n not in all_names]
    if unknown:
        parser.error(f"not in the corpus: {', '.join(unknown)}")
    names = args.names or all_names
    try:
        python = kfp2_python(log=lambda m: print(m, flush=True))
    except OracleBuildError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    V2_DIR.mkdir(parents=True, exist_ok=True)
    failed = 0
    for name, run in fresh_results(python, names).items():
        if same(committed(name), run):
            continue
        if args.check:
            print(f"stale    {name}")
            failed += 1
            continue
        v2_golden(name).unlink(missing_ok=True)
        v2_error(name).unlink(missing_ok=True)
        if run.yaml is not None:
            v2_golden(name).write_text(run.yaml, encoding="utf-8")
            print(f"written  {name}")
        else:
            v2_error(name).write_text(run.error + "\n", encoding="utf-8")
            print(f"refused  {name}: {run.error}")
    if not args.names:
        kept = {p.stem for p in V2_DIR.iterdir() if p.suffix in (".yaml", ".error")}
        for orphan in sorted(kept - set(all_names)):
            print(f"orphan   {orphan}: v2/{orphan}.* has no corpus file")
            failed += 1
    print(f"{len(names)} corpus files, {failed} problem(s)")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
