"""``collect``: kfp pipeline files from git mirrors into the corpus, with provenance and the
files they load (tools/corpus.py)."""
from __future__ import annotations

import argparse
import ast
import json
import os
import re
import shutil
import subprocess
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tools.corpus_census import guess_sdk, is_candidate
from tools.corpus_store import KFP_MIRROR, git, write_json

MAX_SIBLING_BYTES = 512 * 1024
MAX_SIBLINGS = 60


@dataclass(frozen=True)
class Source:
    """Folders of one git tree to collect from. ``era`` is the SDK the tree was written for,
    used when a file's own names do not say (tools/corpus_census.guess_sdk)."""
    key: str                        # short, used in ids
    repo: str                       # owner/name
    git_dir: Path
    ref: str
    era: str
    folders: tuple[tuple[str, str], ...]   # (path prefix, kind)
    note: str = ""


# SDK 1.8.9 was released from the sdk/release-1.8 branch, not from a 1.8.x tag: tag 1.7.1
# carries SDK 1.7.1 and tag 1.8.0 already SDK 1.8.10. This is the commit "chore: Cherry pick
# #6859 and #6864 to sdk/release-1.8 branch (#6865)", whose tree says __version__ = '1.8.9'.
KFP_189_COMMIT = "16f2a2f82fc1821b601625acaf51c56ed122829c"

KFP_SOURCES = (
    Source("k189", "kubeflow/pipelines", KFP_MIRROR, KFP_189_COMMIT, "v1", (
        ("samples/core/", "samples-core"),
        ("samples/test/", "samples-test"),
        ("samples/tutorials/", "samples-tutorials"),
        ("samples/v2/", "samples-v2compat"),
        ("samples/contrib/", "samples-contrib"),
        ("sdk/python/tests/compiler/testdata/", "sdk-testdata"),
        ("sdk/python/kfp/v2/compiler_cli_tests/test_data/", "sdk-testdata-v2compat"),
    ), "sdk/release-1.8 at the SDK 1.8.9 release commit"),
    # The last sdk-2.x tag that still has sdk/python/test_data (later moved to test_data/).
    Source("s2146", "kubeflow/pipelines", KFP_MIRROR, "sdk-2.14.6", "v2", (
        ("sdk/python/test_data/pipelines/", "sdk-testdata"),
        ("sdk/python/test_data/components/", "sdk-components"),
    )),
    Source("head", "kubeflow/pipelines", KFP_MIRROR, "master", "v2", (
        ("test_data/sdk_compiled_pipelines/", "sdk-compiled-pipelines"),
        ("test_data/sdk_uncompiled_pipelines/", "sdk-uncompiled-pipelines"),
        ("samples/", "samples-head"),
    )),
)

# Public user repositories with real kfp pipelines (brought here with the search tool's
# `fetch`, which unpacks them to /work/.mirror/<owner>+<name>/repo). Used when present.
# Found with the search tool (queries for kfp pipelines, ContainerOp, artifacts); era: the SDK
# of the repository's time, for files whose names do not say.
USER_REPOS: tuple[tuple[str, str, str], ...] = (
    # (owner/name, ref, era)
    ("kubeflow/examples", "HEAD", "v1"),
    ("MavenCode/MLOPs-Training-Jan2023", "HEAD", "v1"),
    ("kagomeAli/k3sKubeflow", "HEAD", "v1"),
    ("gnovack/kubeflow-pipelines", "HEAD", "v1"),
    ("quynhtl/build-pipeline-on-Kubeflow", "HEAD", "v1"),
    ("rimolive/data-science-pipelines-examples", "HEAD", "v2"),
    ("Steboss/your_first_mlops_stack", "HEAD", "v2"),
    ("Shaghayegh35/Kubeflow-Pipeline-for-Automated-Model-Training-and-Evaluation", "HEAD", "v2"),
)


def user_sources() -> list[Source]:
    found = []
    for repo, ref, era in USER_REPOS:
        git_dir = Path("/work/.mirror") / repo.replace("/", "+") / "repo"
        if git_dir.exists():
            key = "u-" + slug(repo.split("/")[0])[:12]
            found.append(Source(key, repo, git_dir, ref, era, (("", f"user:{repo}"),)))
    return found



def git_blob(git_dir: Path, sha: str) -> bytes:
    return subprocess.run(["git", "-C", str(git_dir), "cat-file", "blob", sha], check=True,
                          capture_output=True).stdout


@dataclass
class TreeEntry:
    path: str
    blob: str
    size: int


def tree_files(git_dir: Path, ref: str) -> list[TreeEntry]:
    out = git(git_dir, "ls-tree", "-r", "-l", "--full-tree", ref)
    entries = []
    for line in out.splitlines():
        info, path = line.split("\t", 1)
        mode, kind, sha, size = info.split()
        # Symlinks are skipped, and blobs a snapshot lacks (size "BAD": large files).
        if kind == "blob" and not mode.startswith("12") and size.isdigit():
            entries.append(TreeEntry(path, sha, int(size)))
    return entries


def slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "_", text).strip("_")


def is_test_harness(path: str) -> bool:
    """kfp's *_test.py / test_*.py files drive samples against a cluster; they are not
    pipelines people write (their inline pipelines are in methods, out of reach anyway)."""
    name = path.rsplit("/", 1)[-1]
    return name.endswith("_test.py") or name.startswith("test_") or name in (
        "__init__.py", "setup.py", "conftest.py")



def cmd_collect(args: argparse.Namespace) -> int:
    corpus: Path = args.corpus
    corpus.mkdir(parents=True, exist_ok=True)
    seen_blobs: dict[str, Path] = {}
    log: list[dict[str, Any]] = []
    counts: Counter[str] = Counter()
    for src in [*KFP_SOURCES, *user_sources()]:
        commit = git(src.git_dir, "rev-parse", src.ref + "^{commit}").strip()
        files = tree_files(src.git_dir, commit)
        by_dir: dict[str, list[TreeEntry]] = defaultdict(list)
        for e in files:
            by_dir[e.path.rpartition("/")[0]].append(e)
        by_path = {e.path: e for e in files}
        for e in files:
            kind = next((k for prefix, k in src.folders if e.path.startswith(prefix)), None)
            if kind is None or not e.path.endswith(".py") or is_test_harness(e.path):
                continue
            record = {"source": src.key, "path": e.path, "blob": e.blob}
            if e.blob in seen_blobs:
                _add_also_at(seen_blobs[e.blob], src, commit, e)
                log.append({**record, "skipped": "duplicate of " + seen_blobs[e.blob].name})
                continue
            text = git_blob(src.git_dir, e.blob).decode("utf-8", "replace")
            try:
                tree = ast.parse(text)
            except (SyntaxError, ValueError) as exc:
                log.append({**record, "skipped": f"not Python 3: {exc.__class__.__name__}"})
                continue
            why = is_candidate(tree)
            if why is None:
                log.append({**record, "skipped": "no kfp pipeline or component"})
                continue
            guess = guess_sdk(tree, src.era)
            ident = f"{src.key}-{slug(e.path[:-3])}"
            entry = corpus / guess.sdk / ident
            seen_blobs[e.blob] = entry
            counts[(src.key, kind, guess.sdk)] += 1  # type: ignore[index]
            log.append({**record, "id": ident, "corpus": guess.sdk})
            meta_path = entry / "meta.json"
            if meta_path.exists() and not args.force:
                old = json.loads(meta_path.read_text())
                if old["provenance"]["blob"] == e.blob:
                    continue
            if entry.exists():
                shutil.rmtree(entry)
            entry.mkdir(parents=True)
            wanted = _files_needed(tree, e, by_dir, by_path)
            for need in wanted:
                dest = entry / "tree" / need.path
                dest.parent.mkdir(parents=True, exist_ok=True)
                dest.write_bytes(git_blob(src.git_dir, need.blob))
            (entry / "source.py").write_text(text, encoding="utf-8")
            urls = _save_kfp_urls(tree, commit, entry)
            meta = {
                "id": ident, "corpus": guess.sdk, "kind": kind, "candidate": why,
                "sdk_guess": guess.reason,
                "provenance": {"repo": src.repo, "ref": src.ref, "commit": commit,
                               "path": e.path, "blob": e.blob, "note": src.note,
                               "also_at": []},
                "tree_path": e.path,
                "tree_files": len(wanted),
                "urls": urls,
            }
            write_json(meta_path, meta)
    write_json(corpus / "collect.json", log)
    _print_counts("collected", counts)
    skipped = Counter(r["skipped"].split(" of ")[0] for r in log if "skipped" in r)
    for why, n in skipped.most_common():
        print(f"  skipped {n:4}  {why}")
    return 0


def _add_also_at(entry: Path, src: Source, commit: str, e: TreeEntry) -> None:
    meta_path = entry / "meta.json"
    meta = json.loads(meta_path.read_text())
    where = f"{src.repo}@{commit[:12]}:{e.path}"
    if where not in meta["provenance"]["also_at"]:
        meta["provenance"]["also_at"].append(where)
        write_json(meta_path, meta)


def _files_needed(tree: ast.Module, me: TreeEntry, by_dir: dict[str, list[TreeEntry]],
                  by_path: dict[str, TreeEntry]) -> list[TreeEntry]:
    """``me``, the files beside it, and the repository files and folders that its string
    constants (alone, joined by os.path.join or ``/``) name relative to its folder or one
    above: what samples load (component YAML, helper modules, test data)."""
    here = me.path.rpartition("/")[0]
    chosen = {me.path: me}
    for e in by_dir[here]:
        if len(chosen) <= MAX_SIBLINGS and e.size <= MAX_SIBLING_BYTES:
            chosen.setdefault(e.path, e)
    ancestors = [here]
    while ancestors[-1]:
        ancestors.append(ancestors[-1].rpartition("/")[0])
    for ref in _path_constants(tree):
        for base in ancestors:
            path = os.path.normpath(os.path.join(base, ref)) if base else os.path.normpath(ref)
            if path.startswith("..") or path in ("", "."):
                continue
            if path in by_path:
                chosen.setdefault(path, by_path[path])
                break
            if (here + "/").startswith(path + "/"):   # an ancestor folder: far too much
                continue
            inside = [e for d, es in by_dir.items() if d == path or d.startswith(path + "/")
                      for e in es]
            if inside and sum(e.size for e in inside) <= 4 * 1024 * 1024 and len(inside) <= 200:
                for e in inside:
                    chosen.setdefault(e.path, e)
                break
    return sorted(chosen.values(), key=lambda e: e.path)


_KFP_RAW_URL = re.compile(r"https://(?:raw\.githubusercontent\.com/kubeflow/pipelines/|"
                          r"github\.com/kubeflow/pipelines/raw/)([^/]+)/(\S+)$")


def _save_kfp_urls(tree: ast.Module, commit: str, entry: Path) -> dict[str, str]:
    """Files of kfp's own repository that the source downloads (load_component_from_url),
    taken from the mirror into ENTRY/urls/ so that the SDK can compile offline. A URL at
    ``master`` is read at the commit the source was collected from (what it meant then)."""
    saved: dict[str, str] = {}
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
            continue
        m = _KFP_RAW_URL.match(node.value.strip())
        if not m or node.value in saved:
            continue
        ref, path = m.groups()
        ref = commit if ref in ("master", "main") else ref
        try:
            data = subprocess.run(["git", "-C", str(KFP_MIRROR), "show", f"{ref}:{path}"],
                                  check=True, capture_output=True).stdout
        except subprocess.CalledProcessError:
            continue
        name = f"{len(saved)}-{path.rsplit('/', 1)[-1]}"
        (entry / "urls").mkdir(exist_ok=True)
        (entry / "urls" / name).write_bytes(data)
        saved[node.value] = name
    return saved


def _path_constants(tree: ast.Module) -> set[str]:
    """String constants that may be relative paths, and os.path.join(...) / ``a / b`` chains
    of them."""
    found: set[str] = set()

    def const_parts(node: ast.AST) -> list[str] | None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return [node.value]
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
            left, right = const_parts(node.left), const_parts(node.right)
            return (left or []) + (right or []) if right else None
        return None

    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            found.add(node.value)
        elif isinstance(node, ast.Call) and dotted_tail(node.func) == "join":
            parts = [a.value for a in node.args
                     if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            if len(parts) > 1:
                found.add("/".join(parts))
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
            parts = const_parts(node)
            if parts and len(parts) > 1:
                found.add("/".join(parts))
    return {f.strip() for f in found
            if 0 < len(f) < 300 and "\n" not in f and " " not in f.strip() and "{" not in f
            and "://" not in f and not f.startswith("/")}


def dotted_tail(node: ast.AST) -> str:
    return node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", "")


def _print_counts(what: str, counts: Counter) -> None:
    print(f"{what}: {sum(counts.values())} files")
    for (source, kind, sdk), n in sorted(counts.items()):
        print(f"  {source:8} {kind:26} {sdk}: {n}")



