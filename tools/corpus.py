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
"""
from __future__ import annotations

import argparse
import ast
import concurrent.futures
import datetime
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from tests.golden.goldens import (EPOCH, CliRun, compilation_times, normalise_v1,  # noqa: E402
                                  run_our_cli, time_from_epoch, unified_diff)
from tools.corpus_census import (FEATURES, TASK_SETTINGS, V1_ONLY, V2_ONLY, census,  # noqa: E402
                                 guess_sdk, is_candidate)

DEFAULT_CORPUS = Path(os.environ.get("KFP_DESIGNER_CORPUS", "/work/corpus"))
KFP_MIRROR = Path("/work/.mirror/kubeflow+pipelines/repo")
SDK_TIMEOUT = 90        # seconds per file for the real SDK (imports, compiles)
CLI_TIMEOUT = 60        # seconds per run of our CLI
MAX_SIBLING_BYTES = 512 * 1024
MAX_SIBLINGS = 60
STATUSES = ("IDENTICAL", "REFUSED", "WRONG", "CRASH", "NOT_MEASURED", "SDK_FAILED")


# ---------------------------------------------------------------------------------- sources

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
USER_REPOS: tuple[tuple[str, str, str], ...] = (
    # (owner/name, ref, era)
)


def user_sources() -> list[Source]:
    found = []
    for repo, ref, era in USER_REPOS:
        git_dir = Path("/work/.mirror") / repo.replace("/", "+") / "repo"
        if git_dir.exists():
            key = "u-" + re.sub(r"[^A-Za-z0-9]+", "_", repo)
            found.append(Source(key, repo, git_dir, ref, era, (("", "user-repos"),)))
    return found


def git(git_dir: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(git_dir), *args], check=True, capture_output=True,
                          text=True).stdout


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
        if kind == "blob" and not mode.startswith("12"):   # skip symlinks
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


# ---------------------------------------------------------------------------------- collect

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
            _write_json(meta_path, meta)
    _write_json(corpus / "collect.json", log)
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
        _write_json(meta_path, meta)


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


def _write_json(path: Path, data: Any) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(path)


def entries(corpus: Path, only: list[str] | None = None) -> list[Path]:
    """Every corpus entry folder (v1 then v2, sorted), or those whose id contains one of
    ``only``."""
    found = sorted(p.parent for p in corpus.glob("v[12]/*/meta.json"))
    if only:
        found = [p for p in found if any(o in p.name for o in only)]
    return found


# ---------------------------------------------------------------------------------- compile

# Runs inside an oracle venv: python DRIVER SOURCE OUT_DIR v1|v2. Imports the file (not as
# __main__) and compiles every pipeline it defines; kfp 2 files without a pipeline get each
# component compiled (kfp 2 compiles a component as a one-task pipeline). A file whose
# pipeline is not decorated (kfp 1 compiles any function passed to Compiler().compile) is run
# as __main__ with Compiler.compile redirected into OUT_DIR. No network: samples that download
# components fail like they would offline, fast. Writes OUT_DIR/result.json.
_DRIVER = r'''
import json, os, runpy, socket, sys, traceback

src, out_dir, sdk = sys.argv[1:4]

def _offline(*args, **kwargs):
    raise OSError("no network while compiling the corpus")

socket.socket.connect = socket.socket.connect_ex = _offline
socket.create_connection = socket.getaddrinfo = _offline

result = {"pipelines": [], "error": None, "how": None}
labels = set()

# URLs of kfp's own repository saved by `collect` are served from ENTRY/urls.
url_map = json.loads(os.environ.get("CORPUS_URLS") or "{}")
if url_map:
    import requests

    class _Saved:
        status_code = 200
        def __init__(self, data):
            self.content = data
            self.text = data.decode("utf-8")
        def raise_for_status(self):
            pass
        def json(self):
            return json.loads(self.text)

    _get = requests.get
    def _get_saved(url, *args, **kwargs):
        if url in url_map:
            with open(url_map[url], "rb") as f:
                return _Saved(f.read())
        return _get(url, *args, **kwargs)
    requests.get = _get_saved

def last_line(e):
    return traceback.format_exception_only(type(e), e)[-1].strip()

def compile_one(do_compile, obj, label, func, name):
    base = label
    n = 1
    while label in labels:
        n += 1
        label = f"{base}_{n}"
    labels.add(label)
    entry = {"label": label, "func": func, "name": name}
    path = os.path.join(out_dir, f"golden-{label}.yaml")
    try:
        do_compile(obj, path)
        entry["golden"] = os.path.basename(path)
    except BaseException as e:
        entry["error"] = last_line(e)
        entry["traceback"] = traceback.format_exc()[-4000:]
    result["pipelines"].append(entry)

def run_main(compiler_cls, name_of):
    """Run the file as a script, compiling whatever it passes to Compiler().compile."""
    original = compiler_cls.compile
    def recording(self, pipeline_func, package_path=None, *args, **kwargs):
        compile_one(lambda o, p: original(self, o, p, *args, **kwargs), pipeline_func,
                    *name_of(pipeline_func))
    compiler_cls.compile = recording
    result["how"] = "__main__"
    try:
        runpy.run_path(src, run_name="__main__")
    finally:
        compiler_cls.compile = original

try:
    sys.argv = [src]
    sys.path.insert(0, os.path.dirname(os.path.abspath(src)))
    import kfp
    overlay = os.environ.get("CORPUS_KFP_OVERLAY")
    if overlay:   # extension packages installing into kfp/ (kfp-kubernetes)
        kfp.__path__.append(os.path.join(overlay, "kfp"))
    try:
        kfp.Client.__init__ = lambda *a, **k: _offline()
    except Exception:
        pass
    if sdk == "v1":
        from kfp import compiler
        import kfp.dsl._pipeline as pipeline_module
        found = []
        pipeline_module._pipeline_decorator_handler = lambda f: found.append(f)
        runpy.run_path(src, run_name="corpus_module")
        pipeline_module._pipeline_decorator_handler = None
        unique = list({id(f): f for f in found}.values())
        name_of = lambda f: (f.__name__, f.__name__, getattr(f, "_component_human_name", None))
        if unique:
            result["how"] = "decorated pipelines"
            for f in unique:
                compile_one(lambda o, p: compiler.Compiler().compile(o, p), f, *name_of(f))
        else:
            run_main(compiler.Compiler, name_of)
    else:
        from kfp import compiler
        from kfp.dsl import base_component, graph_component
        ns = runpy.run_path(src, run_name="corpus_module")
        comps = {}
        for var, obj in ns.items():
            if isinstance(obj, base_component.BaseComponent) and id(obj) not in comps:
                comps[id(obj)] = (var, obj)
        pipelines = [c for c in comps.values()
                     if isinstance(c[1], graph_component.GraphComponent)]
        def name_of(obj, var=None):
            fn = getattr(obj, "pipeline_func", None) or getattr(obj, "python_func", None)
            func = getattr(fn, "__name__", None) or var
            return (var or func or "pipeline", func, getattr(obj, "name", None))
        targets = pipelines or list(comps.values())
        if targets:
            result["how"] = "pipelines" if pipelines else "components"
            for var, obj in targets:
                compile_one(lambda o, p: compiler.Compiler().compile(o, p), obj,
                            *name_of(obj, var))
        else:
            run_main(compiler.Compiler, name_of)
except BaseException as e:
    result["error"] = last_line(e)
    result["traceback"] = traceback.format_exc()[-4000:]
with open(os.path.join(out_dir, "result.json"), "w") as f:
    json.dump(result, f)
'''


def oracle_python(sdk: str) -> Path:
    from tests.oracle import kfp1_python, kfp2_python
    return kfp1_python() if sdk == "v1" else kfp2_python()


def sdk_version(python: Path) -> str:
    out = subprocess.run([str(python), "-c", "import kfp; print(kfp.__version__)"],
                         capture_output=True, text=True)
    return out.stdout.strip() or "unknown"


def compile_entry(entry: Path, python: Path, version: str, driver: Path,
                  timeout: float = SDK_TIMEOUT, overlay: Path | None = None) -> dict[str, Any]:
    """Compile one corpus entry with the real SDK; returns the meta's ``compile`` record and
    leaves golden*.yaml in ``entry``. ``overlay``: a folder of kfp extension packages
    (kfp-kubernetes) added to the SDK's ``kfp`` package."""
    sdk = entry.parent.name
    tree_path = json.loads((entry / "meta.json").read_text())["tree_path"]
    for old in entry.glob("golden*.yaml"):
        old.unlink()
    start = time.monotonic()
    record: dict[str, Any] = {"sdk": f"kfp {version}", "pipelines": []}
    with tempfile.TemporaryDirectory(prefix="corpus-sdk-") as tmp:
        work = Path(tmp) / "tree"
        shutil.copytree(entry / "tree", work)
        source = work / tree_path
        out = Path(tmp) / "out"
        out.mkdir()
        env = {**os.environ, "PYTHONHASHSEED": "0", "PYTHONDONTWRITEBYTECODE": "1",
               "HOME": tmp}
        env.pop("PYTHONPATH", None)
        urls = json.loads((entry / "meta.json").read_text()).get("urls") or {}
        if urls:
            env["CORPUS_URLS"] = json.dumps({u: str(entry / "urls" / n) for u, n in urls.items()})
        if overlay:
            env["CORPUS_KFP_OVERLAY"] = str(overlay)
            record["extras"] = sorted(p.name for p in overlay.glob("*.dist-info"))
        try:
            proc = subprocess.run(
                ["nice", "-n", "10", str(python), str(driver), str(source), str(out), sdk],
                cwd=source.parent, env=env, capture_output=True, text=True,
                stdin=subprocess.DEVNULL, timeout=timeout)
        except subprocess.TimeoutExpired:
            record.update(status="timeout", error=f"no result within {timeout:.0f} s")
            record["seconds"] = round(time.monotonic() - start, 2)
            return record
        result_file = out / "result.json"
        if not result_file.exists():
            tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
            record.update(status="failed", error=" | ".join(tail) or f"exit {proc.returncode}")
        else:
            result = json.loads(result_file.read_text())
            record.update(how=result.get("how"), error=result.get("error"),
                          traceback=result.get("traceback"))
            for p in result["pipelines"]:
                if p.get("golden"):
                    golden = "golden.yaml" if len(result["pipelines"]) == 1 \
                        else f"golden-{p['label']}.yaml"
                    shutil.copyfile(out / p["golden"], entry / golden)
                    p["golden"] = golden
                record["pipelines"].append(p)
            ok = [p for p in record["pipelines"] if p.get("golden")]
            if ok:
                partial = record["error"] or len(ok) < len(record["pipelines"])
                record["status"] = "partial" if partial else "ok"
            else:
                record["status"] = "failed"
                if not record["error"]:
                    errors = [p.get("error") for p in record["pipelines"] if p.get("error")]
                    record["error"] = errors[0] if errors else "no pipeline or component found"
    record["seconds"] = round(time.monotonic() - start, 2)
    return record


def kfp2_overlay(corpus: Path, python: Path, version: str) -> Path | None:
    """kfp-kubernetes of the same version as kfp 2, pip-installed once (no dependencies: kfp
    has them) into CORPUS/.overlay-kfp2-VERSION; None when pip cannot get it."""
    target = corpus / f".overlay-kfp2-{version}"
    if not (target / "kfp" / "kubernetes").exists():
        proc = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps",
                               "--target", str(target), f"kfp-kubernetes=={version}"],
                              capture_output=True, text=True)
        if proc.returncode != 0:
            print(f"kfp-kubernetes {version} not installed: {proc.stderr.strip()[-300:]}")
            return None
    return target


def cmd_compile(args: argparse.Namespace) -> int:
    todo = []
    for entry in entries(args.corpus, args.only):
        meta = json.loads((entry / "meta.json").read_text())
        if "compile" in meta and not args.force:
            continue
        todo.append(entry)
    if not todo:
        print("nothing to compile (use --force to redo)")
        return 0
    pythons = {sdk: oracle_python(sdk) for sdk in {e.parent.name for e in todo}}
    versions = {sdk: sdk_version(py) for sdk, py in pythons.items()}
    print(f"compiling {len(todo)} files with " +
          ", ".join(f"{s}: kfp {v}" for s, v in sorted(versions.items())), flush=True)
    with tempfile.TemporaryDirectory(prefix="corpus-driver-") as tmp:
        driver = Path(tmp) / "driver.py"
        driver.write_text(_DRIVER)

        overlay = kfp2_overlay(args.corpus, pythons["v2"], versions["v2"]) \
            if "v2" in pythons else None

        def work(entry: Path) -> tuple[Path, dict]:
            sdk = entry.parent.name
            return entry, compile_entry(entry, pythons[sdk], versions[sdk], driver, args.timeout,
                                        overlay if sdk == "v2" else None)

        done = Counter()
        with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
            for i, (entry, record) in enumerate(pool.map(work, todo), 1):
                meta_path = entry / "meta.json"
                meta = json.loads(meta_path.read_text())
                meta["compile"] = record
                _write_json(meta_path, meta)
                done[(entry.parent.name, record["status"])] += 1
                detail = f" ({record['error'][:100]})" if record.get("error") else ""
                print(f"[{i}/{len(todo)}] {entry.parent.name}/{entry.name}: "
                      f"{record['status']} {record['seconds']}s{detail}", flush=True)
    for (sdk, status), n in sorted(done.items()):
        print(f"  {sdk} {status}: {n}")
    return 0


# ---------------------------------------------------------------------------------- measure

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
    import yaml
    try:
        doc = next(iter(yaml.safe_load_all(text)))
        if target == "v1":
            spec = doc["metadata"]["annotations"]["pipelines.kubeflow.org/pipeline_spec"]
            return json.loads(spec)["name"]
        return doc["pipelineInfo"]["name"]
    except Exception:
        return None


def normalise_v2_all(text: str) -> list[Any]:
    """Every YAML document of a v2 file (PipelineSpec, then any platform spec), each with the
    kfp version normalised as tools/make_goldens_v2.normalise_v2 does."""
    import yaml

    from tools.make_goldens_v2 import normalise_v2
    return [normalise_v2(yaml.safe_dump(doc)) for doc in yaml.safe_load_all(text)]


def _dump_sorted(docs: list[Any]) -> str:
    import yaml
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
        except Exception as e:  # our YAML does not even parse
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
        return Outcome("REFUSED", first[:400],
                       has_line=all(_WHERE.match(ln) for ln in lines))
    return Outcome("CRASH", f"exit {run.returncode}: {stderr[-300:] or 'no message'}")


# Bare names kept when normalising refusals: they name kfp's API, not the user's code.
_KFP_WORDS = frozenset({"component", "pipeline", "container_component", "ContainerOp",
                        "InputPath", "OutputPath", "Input", "Output", "NamedTuple",
                        "ParallelFor", "Condition", "ExitHandler", "If", "Elif", "Else",
                        "Collected", "OneOf", "importer", "after", "dsl", "kfp"}
                       | V1_ONLY | V2_ONLY | TASK_SETTINGS)


def _normalise_span(quote: str, inner: str) -> str:
    if re.fullmatch(r"[A-Za-z_]\w*", inner) and inner not in _KFP_WORDS:
        return f"{quote}…{quote}"
    if re.fullmatch(r"[\w.]+\.\w+", inner) and not inner.startswith(("kfp.", "dsl.")):
        return f"{quote}…{quote}"   # a user's dotted name
    inner = re.sub(r"\((?!\.\.\.\)).*", "(…)", inner, flags=re.S)
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
                         text=True, cwd=REPO_ROOT)
    return "--pipeline" in out.stdout


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

    def run(extra: tuple[str, ...]) -> CliRun | None:
        try:
            return run_our_cli(entry / "tree" / meta["tree_path"], target, EPOCH, python, extra,
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
            "source": f"{prov['repo']}@{prov['ref']}:{prov['path']}",
            "blob": prov["blob"], "sdk_status": comp.get("status", "not compiled"),
            "sdk_error": comp.get("error"), "features": features, "settings": settings}


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
    _write_json(out, results)
    summary = summarise(results)
    for corpus, s in summary["by_corpus"].items():
        print(f"{corpus}: {s['identical_files']}/{s['measured_files']} files identical "
              f"({s['share']:.1%}); statuses {dict(s['file_status'])}")
    print(f"results: {out}")
    return 0


def _designer_commit() -> str:
    try:
        head = git(REPO_ROOT, "rev-parse", "--short", "HEAD").strip()
        dirty = git(REPO_ROOT, "status", "--porcelain", "--untracked-files=no").strip()
        return head + ("+dirty" if dirty else "")
    except Exception:
        return "unknown"


# ---------------------------------------------------------------------------------- report

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


def render_report(results: dict[str, Any], old: dict[str, Any] | None = None) -> str:
    s = summarise(results)
    out = [f"# Real-pipeline corpus: results of {results['date']}", "",
           f"designer {results['designer_commit']}, corpus `{results['corpus']}`; our CLI "
           f"{'has' if results['pipeline_option'] else 'has no'} `--pipeline`.", "",
           "## Shares (files; a file counts as identical when every pipeline kfp compiled "
           "from it is)", "",
           "| corpus | files | SDK compiled | identical | share | refused | wrong | crash |"
           " pipelines identical |",
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
    out += ["", f"## Refusals by reason ({len(refused)} pipelines)", ""]
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
    failed = Counter((f["corpus"], _short_error(f.get("sdk_error")))
                     for i, f in files.items() if s["file_status"].get(i) == "SDK_FAILED")
    out += ["", "## SDK failures (excluded from the shares)", "", "| corpus | count | kfp's error |",
            "|---|---|---|"]
    out += [f"| {c} | {n} | {e.replace('|', '/')} |" for (c, e), n in failed.most_common(25)]
    if old is not None:
        out += ["", *_comparison(old, results)]
    return "\n".join(out) + "\n"


def _short_error(error: str | None) -> str:
    text = (error or "unknown")[:160]
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
           f"| feature | v1 ({n1} SDK-compiled) | v2 ({n2} SDK-compiled) | all {len(files)} "
           "collected |", "|---|---|---|---|"]
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
        _write_json(Path(args.json), results)
    return 0


# ---------------------------------------------------------------------------------- main

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
