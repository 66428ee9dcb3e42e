"""``measure``: our ``compile`` CLI on every corpus file, each (file, pipeline) classified
against kfp's YAML (tools/corpus.py)."""
from __future__ import annotations

import argparse
import ast
import concurrent.futures
import contextlib
import datetime
import json
import re
import shutil
import subprocess
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Iterator

import yaml

from tests.golden.goldens import (
    EPOCH,
    CliRun,
    compilation_times,
    normalise_v1,
    run_our_cli,
    time_from_epoch,
    unified_diff,
)
from tools.corpus_census import TASK_SETTINGS, V1_ONLY, V2_ONLY, census
from tools.corpus_store import REPO_ROOT, entries, git, write_json

CLI_TIMEOUT = 60        # seconds per run of our CLI
STATUSES = ("IDENTICAL", "REFUSED", "WRONG", "CRASH", "NOT_MEASURED", "SDK_FAILED")


_WHERE = re.compile(r"^(?P<file>.+?):(?P<line>\d+): ")


@dataclass
class Outcome:
    status: str
    message: str = ""
    has_line: bool = False     # a refusal saying file:line (as it must)
    diff: str = ""


def pipeline_name(text: str, target: str) -> str | None:
    """The pipeline name a compiled YAML carries (v1: the pipeline_spec annotation; v2:
    pipelineInfo.name), None when it cannot be read."""
    try:
        doc = next(iter(yaml.safe_load_all(text)))
        if target == "v1":
            spec = doc["metadata"]["annotations"]["pipelines.kubeflow.org/pipeline_spec"]
            return json.loads(spec)["name"]
        return doc["pipelineInfo"]["name"]
    except (yaml.YAMLError, StopIteration, KeyError, TypeError, ValueError):
        return None


def normalise_v2_all(text: str) -> list[Any]:
    """Every YAML document of a v2 file (PipelineSpec, then any platform spec), each with the
    kfp version normalised as tools/make_goldens_v2.normalise_v2 does."""

    from tools.make_goldens_v2 import normalise_v2
    return [normalise_v2(yaml.safe_dump(doc)) for doc in yaml.safe_load_all(text)]


def _dump_sorted(docs: list[Any]) -> str:
    return "---\n".join(yaml.safe_dump(d, sort_keys=True, allow_unicode=True) for d in docs)


def compare(golden: str, ours: str, target: str, name: str, max_diff_lines: int = 200) -> Outcome:
    """IDENTICAL or WRONG (with a unified diff) for YAML we wrote against kfp's."""
    if target == "v1":
        try:
            exp, act = normalise_v1(golden), normalise_v1(ours)
        except ValueError as e:
            return Outcome("WRONG", f"compile-time annotation: {e}",
                           diff=unified_diff(golden, ours, name))
        if exp == act:
            times = compilation_times(ours)
            if times != [time_from_epoch(EPOCH)]:
                return Outcome("WRONG", f"compile time {times} ignores SOURCE_DATE_EPOCH")
            return Outcome("IDENTICAL")
        diff = unified_diff(exp, act, name)
    else:
        try:
            exp_docs, act_docs = normalise_v2_all(golden), normalise_v2_all(ours)
        except yaml.YAMLError as e:  # our YAML does not even parse
            return Outcome("WRONG", f"output is not YAML: {e}", diff=ours[:4000])
        if exp_docs == act_docs:
            return Outcome("IDENTICAL")
        diff = unified_diff(_dump_sorted(exp_docs), _dump_sorted(act_docs), name)
    lines = diff.splitlines(keepends=True)
    if len(lines) > max_diff_lines:
        diff = "".join(lines[:max_diff_lines]) + f"... ({len(lines) - max_diff_lines} more lines)\n"
    first = next((ln[1:].strip() for ln in lines if ln.startswith(("-", "+"))
                  and not ln.startswith(("---", "+++"))), "")
    return Outcome("WRONG", f"differs from kfp: {first[:160]}", diff=diff)


def classify(run: CliRun | None, golden: str, target: str, name: str) -> Outcome:
    """What one run of our CLI means against kfp's YAML (``run`` None: it timed out)."""
    if run is None:
        return Outcome("CRASH", f"no answer within {CLI_TIMEOUT} s")
    stderr = run.stderr.strip()
    if "Traceback (most recent call last)" in stderr:
        return Outcome("CRASH", stderr.splitlines()[-1][:300])
    if run.returncode == 0:
        if not run.output:
            return Outcome("CRASH", "exit 0 but nothing written")
        return compare(golden, run.output, target, name)
    if run.returncode == 2 and stderr:
        first = stderr.splitlines()[0]
        lines = stderr.splitlines()
        return Outcome("REFUSED", first[:2000],
                       has_line=all(_WHERE.match(ln) for ln in lines))
    return Outcome("CRASH", f"exit {run.returncode}: {stderr[-300:] or 'no message'}")


# Bare names kept when normalising refusals: they name kfp's API, not the user's code.
_KFP_WORDS = frozenset({"component", "container_component", "ContainerOp",
                        "InputPath", "OutputPath", "Input", "Output", "NamedTuple",
                        "ParallelFor", "Condition", "ExitHandler", "If", "Elif", "Else",
                        "Collected", "OneOf", "importer", "after", "dsl", "kfp"}
                       | V1_ONLY | V2_ONLY | TASK_SETTINGS)


def _normalise_span(quote: str, inner: str) -> str:
    if re.fullmatch(r"[A-Za-z_]\w*", inner) and inner not in _KFP_WORDS:
        return f"{quote}…{quote}"
    if re.fullmatch(r"[\w.]+\.\w+", inner) and not inner.startswith(("kfp.", "dsl.")):
        return f"{quote}…{quote}"   # a user's dotted name
    inner = re.sub(r"\((?!\.\.\.\)).*", "(…)", inner, flags=re.DOTALL)
    return f"{quote}{inner}{quote}"


def normalise_reason(message: str) -> str:
    """A refusal message with what is specific to one file removed (path, line, the user's
    names, arguments, numbers), so that refusals group by reason; kfp's API names stay."""
    text = _WHERE.sub("", message, count=1)
    text = re.sub(r"^\S+\.(py|kfpd|ya?ml): ", "", text)       # file without a line
    text = re.sub(r"^(error|warning): ", "", text)
    text = re.sub(r"`([^`]*)`", lambda m: _normalise_span("`", m.group(1)), text)
    text = re.sub(r"(?<!\w)'([^'\n]*)'(?!\w)", lambda m: _normalise_span("'", m.group(1)), text)
    text = re.sub(r"(?<![\w.])\d+(?![\w.])", "N", text)
    text = re.sub(r"`[^`]*` \(line N\)(, `[^`]*` \(line N\))+", "`…` (line N), …", text)
    return text.strip()


def cli_has_pipeline_option(python: str) -> bool:
    out = subprocess.run([python, "-m", "designer", "compile", "--help"], capture_output=True,
                         text=True, cwd=REPO_ROOT, check=False)
    return "--pipeline" in out.stdout


# kfp 1.8.9 writes the path a component YAML was loaded from into the component_ref
# annotation, and the SDK compiled a copy of the tree in a temporary folder (tools/corpus_sdk).
_SDK_TREE = re.compile(r"/tmp/corpus-sdk-[A-Za-z0-9_]+/tree(?=/)")


def sdk_tree_of(goldens: list[str]) -> Path | None:
    """The temporary tree the SDK compiled from, when its YAML names it (else None)."""
    found = {m.group(0) for text in goldens for m in _SDK_TREE.finditer(text)}
    return Path(found.pop()) if len(found) == 1 else None


@contextlib.contextmanager
def tree_at(tree: Path, where: Path) -> Iterator[Path]:
    """A copy of ``tree`` at the very path the SDK compiled it from (that temporary folder is
    gone), so that paths our CLI writes are kfp's byte for byte; removed afterwards."""
    if where.parent.exists():
        raise FileExistsError(f"{where.parent} exists: another run uses it")
    try:
        shutil.copytree(tree, where)
        yield where
    finally:
        shutil.rmtree(where.parent, ignore_errors=True)


def measure_entry(entry: Path, python: str, pipeline_option: bool) -> list[dict[str, Any]]:
    """One record per (file, pipeline kfp compiled) of a corpus entry."""
    meta = json.loads((entry / "meta.json").read_text())
    target = entry.parent.name
    base = {"id": entry.name, "corpus": target, "kind": meta["kind"]}
    comp = meta.get("compile")
    goldens = [p for p in (comp or {}).get("pipelines", []) if p.get("golden")]
    if not goldens:
        return [{**base, "pipeline": None, "status": "SDK_FAILED",
                 "message": (comp or {}).get("error") or "not compiled"}]

    sdk_tree = sdk_tree_of([(entry / p["golden"]).read_text(encoding="utf-8")
                            for p in goldens])

    def run(extra: tuple[str, ...]) -> CliRun | None:
        try:
            if sdk_tree is None:
                return run_our_cli(entry / "tree" / meta["tree_path"], target, EPOCH, python,
                                   extra, CLI_TIMEOUT)
            with tree_at(entry / "tree", sdk_tree) as tree:
                return run_our_cli(tree / meta["tree_path"], target, EPOCH, python, extra,
                                   CLI_TIMEOUT)
        except subprocess.TimeoutExpired:
            return None

    def record(p: dict, outcome: Outcome) -> dict[str, Any]:
        return {**base, "pipeline": p["label"], **asdict(outcome)}

    def golden_text(p: dict) -> str:
        return (entry / p["golden"]).read_text(encoding="utf-8")

    if len(goldens) == 1 or pipeline_option:
        out = []
        for p in goldens:
            extra = ("--pipeline", p["func"]) if len(goldens) > 1 else ()
            out.append(record(p, classify(run(extra), golden_text(p), target,
                                          f"{entry.name}/{p['golden']}")))
        return out
    # Several pipelines and no way to choose one: whichever our CLI compiles is compared with
    # kfp's YAML of the same pipeline name; the others are not measured.
    cli = run(())
    if cli is None or cli.returncode != 0 or not cli.output:
        outcome = classify(cli, "", target, entry.name)
        return [record(p, outcome) for p in goldens]
    ours = pipeline_name(cli.output, target)
    match = next((p for p in goldens if pipeline_name(golden_text(p), target) == ours), None)
    out = []
    for p in goldens:
        if p is match:
            out.append(record(p, classify(cli, golden_text(p), target,
                                          f"{entry.name}/{p['golden']}")))
        else:
            out.append(record(p, Outcome("NOT_MEASURED", "another pipeline of this file; "
                                         "our CLI has no --pipeline")))
    if match is None:
        out[0] = record(goldens[0], Outcome(
            "WRONG", f"compiled a pipeline named {ours!r}, which kfp did not compile from "
            "this file"))
    return out


def file_facts(entry: Path) -> dict[str, Any]:
    meta = json.loads((entry / "meta.json").read_text())
    features, settings = census(ast.parse((entry / "source.py").read_text(encoding="utf-8")))
    comp = meta.get("compile") or {}
    prov = meta["provenance"]
    return {"corpus": entry.parent.name, "kind": meta["kind"],
            "source": f"{prov['repo']}@{prov['ref']}:{prov['path']}" + (
                f" (commit {prov['commit'][:12]})" if prov["commit"] != prov["ref"] else ""),
            "blob": prov["blob"], "sdk_status": comp.get("status", "not compiled"),
            "sdk_error": comp.get("error"), "sdk_how": comp.get("how"),
            "module_error": comp.get("module_error"), "features": features,
            "settings": settings}


def cmd_measure(args: argparse.Namespace) -> int:
    python = args.python or sys.executable
    todo = entries(args.corpus, args.only)
    pipeline_option = cli_has_pipeline_option(python)
    print(f"measuring {len(todo)} files with {python} -m designer "
          f"({'with' if pipeline_option else 'without'} --pipeline)", flush=True)
    units: list[dict[str, Any]] = []
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        for recs in pool.map(lambda e: measure_entry(e, python, pipeline_option), todo):
            units.extend(recs)
    results = {
        "schema": 1,
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "designer_commit": _designer_commit(),
        "corpus": str(args.corpus),
        "pipeline_option": pipeline_option,
        "files": {e.name: file_facts(e) for e in todo},
        "units": units,
    }
    out = args.json or args.corpus / "results-latest.json"
    write_json(out, results)
    from tools.corpus_report import summarise
    summary = summarise(results)
    for corpus, s in summary["by_corpus"].items():
        print(f"{corpus}: {s['identical_files']}/{s['measured_files']} files identical "
              f"({s['share']:.1%}); statuses {dict(s['file_status'])}")
    print(f"results: {out}")
    return 0


def _designer_commit() -> str:
    """HEAD, and the hash of the designer/ tree (equal on branches whose compiler is the
    same), '+dirty' when designer/ has uncommitted changes."""
    try:
        head = git(REPO_ROOT, "rev-parse", "--short", "HEAD").strip()
        tree = git(REPO_ROOT, "rev-parse", "--short", "HEAD:designer").strip()
        dirty = git(REPO_ROOT, "status", "--porcelain", "--untracked-files=no", "--",
                    "designer").strip()
        return f"{head} (designer/ tree {tree}{'+dirty' if dirty else ''})"
    except (OSError, subprocess.CalledProcessError):
        return "unknown"

