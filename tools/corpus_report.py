"""``report``: shares, WRONG/CRASH cases, refusals by reason and the feature census from a
results JSON, optionally compared with an older one (tools/corpus.py)."""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from tools.corpus_census import FEATURES
from tools.corpus_measure import normalise_reason
from tools.corpus_store import write_json

_WORST_FIRST = ("WRONG", "CRASH", "REFUSED", "NOT_MEASURED", "IDENTICAL", "SDK_FAILED")


def file_status(units: list[dict[str, Any]]) -> str:
    """One file's verdict from its units: the worst one, NOT_MEASURED units aside."""
    statuses = {u["status"] for u in units}
    measured = statuses - {"NOT_MEASURED"}
    for s in _WORST_FIRST:
        if s in (measured or statuses):
            return s
    return "SDK_FAILED"


def summarise(results: dict[str, Any]) -> dict[str, Any]:
    by_file: dict[str, list[dict]] = defaultdict(list)
    for u in results["units"]:
        by_file[u["id"]].append(u)
    by_corpus: dict[str, Any] = {}
    by_kind: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for corpus in ("v1", "v2"):
        ids = [i for i, f in results["files"].items() if f["corpus"] == corpus]
        statuses = Counter(file_status(by_file[i]) for i in ids)
        unit_statuses = Counter(u["status"] for i in ids for u in by_file[i])
        measured = len(ids) - statuses["SDK_FAILED"]
        for i in ids:
            by_kind[(corpus, results["files"][i]["kind"])][file_status(by_file[i])] += 1
        units_measured = sum(n for s, n in unit_statuses.items()
                             if s not in ("SDK_FAILED", "NOT_MEASURED"))
        by_corpus[corpus] = {
            "files": len(ids), "measured_files": measured,
            "identical_files": statuses["IDENTICAL"],
            "share": statuses["IDENTICAL"] / measured if measured else 0.0,
            "file_status": dict(statuses), "unit_status": dict(unit_statuses),
            "unit_share": unit_statuses["IDENTICAL"] / units_measured if units_measured else 0.0,
        }
    return {"by_corpus": by_corpus,
            "by_kind": {f"{c}/{k}": dict(v) for (c, k), v in sorted(by_kind.items())},
            "file_status": {i: file_status(us) for i, us in by_file.items()}}


# Refusal reasons by area, first match wins (patterns on normalised reasons).
REFUSAL_AREAS = [
    ("file shape: several pipelines, none, kfp 1.8 `kfp.v2` DSL (11)",
     r"several pipeline functions|no pipeline function|kfp\.v2\.dsl"),
    ("control flow: Condition/If, ParallelFor, ExitHandler, sub-graphs (12)",
     r"Condition|ParallelFor|ExitHandler|SubGraph|dsl\.If|graph_component|Collected|OneOf"),
    ("files and artifacts: InputPath/OutputPath, Input[...]/Output[...] (11)",
     r"is annotated|NamedTuple outputs"),
    ("components: ContainerOp, YAML, container components, imported or plain functions (11)",
     (r"ContainerOp|load_component|container_component|imported from|plain function|"
     r"bound by a class|not a function defined|Sidecar|python_component|notebook_component|"
     r"not a component")),
    ("task and pipeline settings, volumes, kubernetes, expressions, placeholders (13)",
     (r"\.set_|ignore_upstream|VolumeOp|ResourceOp|kubernetes|pipeline_conf|pipeline_root|"
     r"PLACEHOLDER|cannot be represented|default of pipeline parameter|display_name|"
     r"pipeline_config|importer|PipelineParam")),
    ("component options: kfp_package_path, pip_index_urls, target_image... (11)",
     r"of `component` is not supported"),
]


# Census features by the open issue that covers them: a file belongs to every family one of
# whose features it uses, and the family's share is that of its identical files.
ISSUE_FAMILIES: dict[str, tuple[str, ...]] = {
    "#11 components, files and artifacts": (
        "undecorated pipeline (Compiler().compile(fn) only)",
        "component-only file (no pipeline)", "several pipelines in one file",
        "ContainerOp", "ContainerOp subclass", "load_component_from_file",
        "load_component_from_url", "load_component_from_text", "ComponentStore",
        "InputPath / OutputPath", "Input[...] / Output[...] artifacts",
        "artifact types (Dataset, Model, Metrics...)", "NamedTuple outputs",
        "@dsl.container_component"),
    "#12 control flow": (
        "sub-pipeline (pipeline called in a pipeline)", "dsl.Condition",
        "dsl.If / Elif / Else", "dsl.ParallelFor", "dsl.Collected", "dsl.OneOf",
        "dsl.ExitHandler", "dsl.SubGraph / graph_component (recursion)",
        "for-loop in pipeline body", "if-statement in pipeline body",
        "comprehension in pipeline body", "PipelineTaskFinalStatus"),
    "#13 task and pipeline settings": (
        "task settings (set_* / add_*)", "execution_options / caching_strategy",
        "VolumeOp / VolumeSnapshotOp / PipelineVolume", "ResourceOp",
        "kfp-kubernetes (kfp.kubernetes)",
        "kubernetes client objects (V1EnvVar, V1Toleration...)",
        "kfp.gcp / onprem / aws / azure helpers (.apply)", "PipelineConf / get_pipeline_conf",
        "f-string / format / concat arguments",
        "run placeholders (RUN_ID_PLACEHOLDER, {{workflow.*}}...)",
        "pipeline returns outputs"),
}


def by_family(results: dict[str, Any]) -> dict[str, dict[str, Counter]]:
    """Per issue family and corpus (v1, v2, all): file verdicts of the measured files (kfp
    compiled them) that use one of the family's features."""
    statuses = summarise(results)["file_status"]
    out: dict[str, dict[str, Counter]] = {}
    for family, features in ISSUE_FAMILIES.items():
        counts = {c: Counter() for c in ("v1", "v2", "all")}
        for i, f in results["files"].items():
            st = statuses.get(i, "SDK_FAILED")
            if st != "SDK_FAILED" and set(features) & set(f["features"]):
                counts[f["corpus"]][st] += 1
                counts["all"][st] += 1
        out[family] = counts
    return out


def _family_table(results: dict[str, Any]) -> list[str]:
    out = ["## By issue family (measured files using one of its features; a file may be in "
           "several)", "", "| family | corpus | files | identical | share | refused | wrong | "
           "crash |", "|---|---|---|---|---|---|---|---|"]
    for family, counts in by_family(results).items():
        for corpus, c in counts.items():
            n = sum(c.values())
            share = f"{c['IDENTICAL'] / n:.1%}" if n else "-"
            out.append(f"| {family} | {corpus} | {n} | {c['IDENTICAL']} | {share} | "
                       f"{c['REFUSED']} | {c['WRONG']} | {c['CRASH']} |")
    return out + [""]


def refusal_area(reason: str) -> str:
    return next((area for area, pattern in REFUSAL_AREAS if re.search(pattern, reason)),
                "other")


def render_report(results: dict[str, Any], old: dict[str, Any] | None = None) -> str:
    s = summarise(results)
    out = [f"# Real-pipeline corpus: results of {results['date']}", "",
           (f"designer {results['designer_commit']}, corpus `{results['corpus']}`; our CLI "
           f"{'has' if results['pipeline_option'] else 'has no'} `--pipeline`."), "",
           ("## Shares (files; a file counts as identical when every pipeline kfp compiled "
            "from it is)"), "",
           ("| corpus | files | SDK compiled | identical | share | refused | wrong | crash |"
            " pipelines identical |"),
           "|---|---|---|---|---|---|---|---|---|"]
    for corpus, c in s["by_corpus"].items():
        fs = c["file_status"]
        out.append(f"| {corpus} | {c['files']} | {c['measured_files']} | "
                   f"{c['identical_files']} | {c['share']:.1%} | {fs.get('REFUSED', 0)} | "
                   f"{fs.get('WRONG', 0)} | {fs.get('CRASH', 0)} | {c['unit_share']:.1%} |")
    out += ["", "## By kind (file verdicts)", "", "| corpus/kind | " +
            " | ".join(_WORST_FIRST) + " |", "|---|" + "---|" * len(_WORST_FIRST)]
    for key, counts in s["by_kind"].items():
        out.append(f"| {key} | " + " | ".join(str(counts.get(st, 0)) for st in _WORST_FIRST)
                   + " |")
    out += ["", *_family_table(results)]
    units = results["units"]
    files = results["files"]
    for status in ("WRONG", "CRASH"):
        bad = [u for u in units if u["status"] == status]
        out += ["", f"## {status} ({len(bad)})", ""]
        for u in bad:
            out.append(f"- `{u['corpus']}/{u['id']}` pipeline `{u['pipeline']}` "
                       f"({files[u['id']]['source']}): {u['message']}")
            if u.get("diff"):
                out += ["", "```diff", *u["diff"].splitlines()[:40], "```", ""]
    refused = [u for u in units if u["status"] == "REFUSED"]
    out += ["", (f"## Refusals by reason ({len(refused)} pipelines; the first reason our CLI "
            "gives for each)"), "", "By area (the open issue that covers it):", "",
            "| area | v1 | v2 |", "|---|---|---|"]
    areas = Counter((refusal_area(normalise_reason(u["message"])), u["corpus"]) for u in refused)
    for area, _ in REFUSAL_AREAS + [("other", "")]:
        out.append(f"| {area} | {areas[(area, 'v1')]} | {areas[(area, 'v2')]} |")
    out.append("")
    for corpus in ("v1", "v2"):
        reasons = Counter(normalise_reason(u["message"]) for u in refused
                          if u["corpus"] == corpus)
        out += [f"### {corpus}", "", "| count | reason |", "|---|---|"]
        out += [f"| {n} | {r.replace('|', '/')} |" for r, n in reasons.most_common()]
        out.append("")
    no_line = [u for u in refused if not u.get("has_line")]
    if no_line:
        out += [f"Refusals without `file:line` ({len(no_line)}): " +
                ", ".join(sorted({normalise_reason(u['message']) for u in no_line})[:10]), ""]
    out += _census_table(files)
    how = Counter(f"{f['corpus']}: {f.get('sdk_how')}" for i, f in files.items()
                  if s["file_status"].get(i) != "SDK_FAILED")
    stopped = sum(bool(f.get("module_error")) for i, f in files.items()
                  if s["file_status"].get(i) != "SDK_FAILED")
    out += ["How kfp compiled them: " + ", ".join(f"{k} {n}" for k, n in sorted(how.items()))
            + f". {stopped} of them stopped at import after defining their pipelines "
            "(module-level `kfp.Client()`, cluster config...); what they defined was compiled.",
            ""]
    failed = Counter((f["corpus"], _short_error(f.get("sdk_error")))
                     for i, f in files.items() if s["file_status"].get(i) == "SDK_FAILED")
    out += ["", "## SDK failures (excluded from the shares)", "",
            "| corpus | count | kfp's error |", "|---|---|---|"]
    out += [f"| {c} | {n} | {e.replace('|', '/')} |" for (c, e), n in failed.most_common(25)]
    if old is not None:
        out += ["", *_comparison(old, results)]
    return "\n".join(out) + "\n"


def _short_error(error: str | None) -> str:
    """kfp's error without what names one file (pipeline names, quoted values)."""
    text = re.sub(r"^[\w, ]+ not defined: ", "", error or "unknown")[:120]
    return re.sub(r"'[^']*'|\"[^\"]*\"", "'…'", text)


def _census_table(files: dict[str, Any]) -> list[str]:
    compiled = {i: f for i, f in files.items() if f["sdk_status"] in ("ok", "partial")}
    counts = {c: Counter() for c in ("v1", "v2")}
    all_counts: Counter[str] = Counter()
    settings: Counter[str] = Counter()
    for i, f in files.items():
        all_counts.update(f["features"])
        if i in compiled:
            counts[f["corpus"]].update(f["features"])
            settings.update(f["settings"])
    n1 = sum(f["corpus"] == "v1" for f in compiled.values())
    n2 = sum(f["corpus"] == "v2" for f in compiled.values())
    out = ["## Feature census (files using each; detected with ast)", "",
           (f"| feature | v1 ({n1} SDK-compiled) | v2 ({n2} SDK-compiled) | all {len(files)} "
            "collected |"), "|---|---|---|---|"]
    for name in FEATURES:
        out.append(f"| {name} | {counts['v1'][name]} | {counts['v2'][name]} | "
                   f"{all_counts[name]} |")
    out += ["", "Task settings called (SDK-compiled files): " +
            ", ".join(f"`{k}` {n}" for k, n in settings.most_common()), ""]
    return out


def _comparison(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    so, sn = summarise(old), summarise(new)
    out = [f"## Compared with {old['date']} (designer {old['designer_commit']})", "",
           "| corpus | share before | share after |", "|---|---|---|"]
    for corpus in ("v1", "v2"):
        b, a = so["by_corpus"].get(corpus), sn["by_corpus"].get(corpus)
        if a and b:
            out.append(f"| {corpus} | {b['identical_files']}/{b['measured_files']} "
                       f"({b['share']:.1%}) | {a['identical_files']}/{a['measured_files']} "
                       f"({a['share']:.1%}) |")
    changes = Counter()
    lines = []
    for i, st in sorted(sn["file_status"].items()):
        before = so["file_status"].get(i)
        if before is not None and before != st:
            changes[(before, st)] += 1
            if st in ("WRONG", "CRASH") or before == "IDENTICAL":
                lines.append(f"- `{i}`: {before} -> **{st}**")
    out += ["", "Status changes: " + (", ".join(f"{b} -> {a}: {n}" for (b, a), n in
                                                  sorted(changes.items())) or "none"), ""]
    if lines:
        out += ["Regressions (became WRONG/CRASH or stopped being IDENTICAL):", *lines]
    return out


def cmd_report(args: argparse.Namespace) -> int:
    results_path = args.results or args.corpus / "results-latest.json"
    results = json.loads(Path(results_path).read_text())
    old = json.loads(Path(args.compare).read_text()) if args.compare else None
    text = render_report(results, old)
    if args.markdown:
        Path(args.markdown).write_text(text, encoding="utf-8")
        print(f"wrote {args.markdown}")
    else:
        sys.stdout.write(text)
    if args.json:
        write_json(Path(args.json), results)
    return 0

