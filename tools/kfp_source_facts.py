"""Checks tests/cluster/data/kfp_source_facts.json against a clone of kubeflow/pipelines.

    python tools/kfp_source_facts.py --check /path/to/pipelines   (a git clone or mirror)
    python tools/kfp_source_facts.py --facts tests/cluster/data/mlmd_facts.json \
        --repository google/ml-metadata --check /path/to/ml-metadata

Each fact names a tag, its commit, a file and a line: the tool verifies that the tag is that
commit and that the line of the file holds the excerpt. The tests read the facts as data (no
clone is needed to run them); this tool is how they were checked when written, and how to
check them again against another kfp tag.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

FACTS = Path(__file__).resolve().parents[1] / "tests" / "cluster" / "data" / \
    "kfp_source_facts.json"


def check(repo: Path, facts: Path = FACTS, repository: str = "kubeflow/pipelines"
          ) -> list[str]:
    """Checks the facts of ``repository`` (a fact without one is kubeflow/pipelines')."""
    doc = json.loads(facts.read_text(encoding="utf-8"))
    problems = []
    for fact in doc["facts"]:
        if fact.get("repository", "kubeflow/pipelines") != repository:
            continue
        def git(*args: str) -> str:
            return subprocess.run(["git", "-C", str(repo), *args], capture_output=True,
                                  text=True, check=True).stdout
        commit = git("rev-parse", (fact["tag"] or fact["commit"]) + "^{commit}").strip()
        if commit != fact["commit"]:
            problems.append(f"{fact['id']}: tag {fact['tag']} is {commit}, not {fact['commit']}")
            continue
        lines = git("show", f"{fact['commit']}:{fact['file']}").splitlines()
        line = lines[fact["line"] - 1] if fact["line"] <= len(lines) else ""
        if fact["excerpt"] not in line:
            problems.append(f"{fact['id']}: {fact['file']}:{fact['line']} does not hold "
                            f"{fact['excerpt']!r}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", type=Path, required=True, metavar="REPO")
    parser.add_argument("--facts", type=Path, default=FACTS)
    parser.add_argument("--repository", default="kubeflow/pipelines",
                        help="whose facts to check (owner/name)")
    args = parser.parse_args(argv)
    problems = check(args.check, args.facts, args.repository)
    for p in problems:
        print(p)
    count = sum(1 for f in json.loads(args.facts.read_text())["facts"]
                if f.get("repository", "kubeflow/pipelines") == args.repository)
    print(f"{'FAILED' if problems else 'ok'}: {count} facts of {args.repository} checked")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
