"""The real-pipeline corpus: kfp pipelines people wrote, compiled by the real SDKs, and how
much of it our compiler reproduces.

    python tools/corpus.py collect             # kfp's samples and test data -> CORPUS/{v1,v2}/ID/
    python tools/corpus.py compile [--jobs 2]  # real kfp 1.8.9 / 2.17.3 -> golden*.yaml
    python tools/corpus.py measure             # our `compile` CLI vs the goldens -> results JSON
    python tools/corpus.py report [--compare OLD.json] [--markdown REPORT.md]

CORPUS is ``--corpus`` or $KFP_DESIGNER_CORPUS or /work/corpus: outside the repository on
purpose. Its files come from other people's repositories and are never committed; only this
tool is. Every step is resumable (done work is skipped unless ``--force``).

Layout: ``CORPUS/<v1|v2>/<id>/source.py`` (the file), ``tree/<its repository path>`` (the same
file with what it loads: the files beside it, and the files and folders its string constants
name, at their repository paths), ``golden.yaml`` or ``golden-<pipeline>.yaml`` (what kfp
wrote), ``meta.json`` (provenance: repository, ref, commit, path, blob sha; the SDK's verdict).
Both SDK and our CLI compile ``tree/<path>``, so relative paths resolve as in the repository.

Classification of each (file, pipeline) by ``measure``: IDENTICAL (v1 bytes with the compile
time normalised; v2 parsed with the kfp version normalised: tests/golden/goldens.py and
tools/make_goldens_v2.py), REFUSED (exit 2, one ``file:line: message`` per problem), WRONG (we
wrote YAML that differs: the worst failure), CRASH (traceback, other exit code, timeout),
NOT_MEASURED (another pipeline of a multi-pipeline file, while our CLI cannot choose one),
SDK_FAILED (kfp itself could not compile the file: excluded from the shares).

One module per step: corpus_collect, corpus_sdk (compile), corpus_measure, corpus_report;
corpus_census reads a file's kfp features with ``ast``; corpus_store holds the shared paths.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tools.corpus_collect import cmd_collect
from tools.corpus_measure import cmd_measure
from tools.corpus_report import cmd_report
from tools.corpus_sdk import SDK_TIMEOUT, cmd_compile
from tools.corpus_store import DEFAULT_CORPUS


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog=__doc__.split("\n\n", 1)[1])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help=f"corpus folder (default {DEFAULT_CORPUS})")
    sub = parser.add_subparsers(dest="command", required=True)
    col = sub.add_parser("collect", help="extract candidate files from the git mirrors")
    col.add_argument("--force", action="store_true", help="rewrite entries already collected")
    col.set_defaults(func=cmd_collect)
    com = sub.add_parser("compile", help="compile each file with the real kfp SDK")
    com.add_argument("--jobs", type=int, default=2)
    com.add_argument("--timeout", type=float, default=SDK_TIMEOUT, help="seconds per file")
    com.add_argument("--force", action="store_true", help="recompile files already compiled")
    com.add_argument("only", nargs="*", help="only entries whose id contains one of these")
    com.set_defaults(func=cmd_compile)
    mea = sub.add_parser("measure", help="compile each file with our CLI and classify")
    mea.add_argument("--jobs", type=int, default=2)
    mea.add_argument("--python", help="Python with the designer installed (default: this one)")
    mea.add_argument("--json", type=Path, help="results file (default CORPUS/results-latest.json)")
    mea.add_argument("only", nargs="*", help="only entries whose id contains one of these")
    mea.set_defaults(func=cmd_measure)
    rep = sub.add_parser("report", help="print the tables from a results file")
    rep.add_argument("results", nargs="?", type=Path,
                     help="results JSON (default CORPUS/results-latest.json)")
    rep.add_argument("--compare", type=Path, help="an older results JSON to compare with")
    rep.add_argument("--markdown", type=Path, help="write the report to this file")
    rep.add_argument("--json", type=Path, help="also copy the results JSON here")
    rep.set_defaults(func=cmd_report)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    raise SystemExit(main())
