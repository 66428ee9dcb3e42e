"""How much compiled YAML the designer opens losslessly: open, compile again, compare.

    python tools/yaml_roundtrip.py [--corpus DIR] [--goldens] [--show N]

For every compiled YAML file (the suite's goldens with ``--goldens``; the real-pipeline
corpus's ``golden*.yaml``, written by the real kfp 1.8.9 / 2.x: tools/corpus.py), the file
is opened as the designer opens it and compiled again for its target: IDENTICAL when the
result is the file (v1 bytes with the compile time kept; v2 the same parsed documents),
DIFFERENT when it opens with warnings (what kfp would write otherwise), REFUSED with its
``file:line: what``, CRASH on anything else. Prints the shares and the refusals grouped by
reason (line numbers and names left out). A report: it does not assert.
"""
from __future__ import annotations

import argparse
import collections
import re
import sys
import traceback
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from tools.corpus_store import DEFAULT_CORPUS  # noqa: E402


def classify(path: Path) -> tuple[str, str]:
    from designer.importers import import_yaml
    from designer.ir import InputError
    try:
        text = path.read_text(encoding="utf-8")
        imported = import_yaml(text, str(path))
    except InputError as e:
        return "REFUSED", e.message
    except Exception as e:        # noqa: BLE001 - a report counts every failure
        return "CRASH", f"{type(e).__name__}: {e} @ {traceback.format_tb(e.__traceback__)[-1]}"
    if imported.warnings:
        return "DIFFERENT", imported.warnings[0]
    return "IDENTICAL", ""


def reason_of(message: str) -> str:
    """A refusal's message without what varies per file (names, lines, values)."""
    text = message if "is not read yet" in message else re.sub(r"`[^`]*`", "`…`", message)
    text = re.sub(r"line \d+", "line N", text)
    return re.sub(r"'[^']*'", "'…'", text)[:140]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--goldens", action="store_true", help="the suite's goldens instead")
    ap.add_argument("--show", type=int, default=15, help="refusal reasons listed")
    args = ap.parse_args()
    if args.goldens:
        files = sorted(p for p in (REPO / "tests").rglob("*.yaml")
                       if "golden" in p.parts or p.parent.name == "reference")
    else:
        files = sorted(args.corpus.glob("v[12]/*/golden*.yaml"))
    results: dict[str, list[tuple[Path, str]]] = collections.defaultdict(list)
    for f in files:
        verdict, why = classify(f)
        results[verdict].append((f, why))
    for target in ("v1", "v2"):
        mine = {v: [(f, w) for f, w in items if _target(f) == target]
                for v, items in results.items()}
        total = sum(len(x) for x in mine.values())
        if not total:
            continue
        same = len(mine.get("IDENTICAL", []))
        print(f"{target}: {total} compiled YAML files, {same} round-trip identically "
              f"({100 * same / total:.0f}%); " + ", ".join(
                  f"{v.lower()} {len(x)}" for v, x in sorted(mine.items()) if v != "IDENTICAL"))
        for verdict in ("REFUSED", "DIFFERENT", "CRASH"):
            counts = collections.Counter(reason_of(w) for _, w in mine.get(verdict, []))
            if counts:
                print(f"  {verdict.lower()}, by reason:")
                for why, n in counts.most_common(args.show):
                    print(f"    {n:4d}  {why}")


def _target(path: Path) -> str:
    head = path.read_text(encoding="utf-8", errors="replace")[:4000]
    return "v1" if "kind: Workflow" in head else "v2"


if __name__ == "__main__":
    main()
