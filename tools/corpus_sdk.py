"""``compile``: each corpus file compiled by the real kfp SDK in its oracle venv, offline,
with a time limit, into golden*.yaml (tools/corpus.py)."""
from __future__ import annotations

import argparse
import ast
import concurrent.futures
import json
import os
import shutil
import subprocess
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from tools.corpus_census import pipeline_functions
from tools.corpus_store import entries, write_json

SDK_TIMEOUT = 90        # seconds per file for the real SDK (imports, compiles)


# Runs inside an oracle venv: python DRIVER SOURCE OUT_DIR v1|v2. Imports the file (not as
# __main__) and compiles every pipeline it defines; kfp 2 files without a pipeline get each
# component compiled (kfp 2 compiles a component as a one-task pipeline). A file whose
# pipeline is not decorated (kfp 1 compiles any function passed to Compiler().compile) is run
# as __main__ with Compiler.compile redirected into OUT_DIR, and so is a kfp 1 file whose
# __main__ gives compile a pipeline_conf (its run settings are part of its pipeline). No
# network: samples that download components fail like they would offline, fast. Writes OUT_DIR/result.json.
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

def load(src):
    """Execute the file as a module; what it defined before any error stays usable (a file
    that calls kfp.Client() or reads a kube config after defining its pipeline)."""
    ns = {"__name__": "corpus_module", "__file__": src, "__builtins__": __builtins__}
    with open(src, encoding="utf-8") as f:
        code = compile(f.read(), src, "exec")
    try:
        exec(code, ns)
    except BaseException as e:
        result["module_error"] = last_line(e)
    return ns

def main_passes_conf(src):
    """Whether the file's ``__main__`` block gives kfp 1's ``compile`` a ``pipeline_conf``:
    part of how the file compiles its pipeline (``python FILE`` writes it; the designer's
    CLI reads it too), so the file is then run as ``__main__``."""
    import ast
    with open(src, encoding="utf-8") as f:
        tree = ast.parse(f.read())
    for block in tree.body:
        if isinstance(block, ast.If) and "__main__" in ast.dump(block.test):
            for n in ast.walk(block):
                if isinstance(n, ast.Call) and getattr(n.func, "attr", "") == "compile" and (
                        any(k.arg == "pipeline_conf" for k in n.keywords) or len(n.args) >= 4):
                    return True
    return False

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
        load(src)
        pipeline_module._pipeline_decorator_handler = None
        unique = list({id(f): f for f in found}.values())
        name_of = lambda f: (f.__name__, f.__name__, getattr(f, "_component_human_name", None))
        if main_passes_conf(src):
            run_main(compiler.Compiler, name_of)
        elif unique:
            result["how"] = "decorated pipelines"
            for f in unique:
                compile_one(lambda o, p: compiler.Compiler().compile(o, p), f, *name_of(f))
        elif "module_error" not in result:
            run_main(compiler.Compiler, name_of)
    else:
        from kfp import compiler
        from kfp.dsl import base_component, graph_component
        ns = load(src)
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
        elif "module_error" not in result:
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
                         capture_output=True, text=True, check=False)
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
                stdin=subprocess.DEVNULL, timeout=timeout, check=False)
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
                          traceback=result.get("traceback"),
                          module_error=result.get("module_error"))
            source_text = (entry / "source.py").read_text(encoding="utf-8")
            expected = [f.name for f in pipeline_functions(ast.parse(source_text))]
            judge(record, result["pipelines"], expected)
            for p in record["pipelines"]:
                if p.get("golden"):
                    golden = "golden.yaml" if len(record["pipelines"]) == 1 \
                        else f"golden-{p['label']}.yaml"
                    shutil.copyfile(out / p["golden"], entry / golden)
                    p["golden"] = golden
    record["seconds"] = round(time.monotonic() - start, 2)
    return record


def judge(record: dict[str, Any], pipelines: list[dict[str, Any]], expected: list[str]) -> None:
    """Set ``record``'s pipelines, status (ok, partial, failed) and error from what the driver
    compiled, knowing the pipeline functions the file defines (``expected``, read with ast).

    A kfp 2 pipeline runs its body when decorated, so a file can stop at import with some
    pipelines undefined; if none was defined, the components the driver fell back to are not
    the file's pipelines: the file failed.
    """
    compiled = {p.get("func") for p in pipelines}
    missing = [name for name in expected if name not in compiled]
    if record.get("how") == "components" and expected:
        for p in pipelines:
            p.pop("golden", None)
        pipelines = []
    record["pipelines"] = pipelines
    if missing and record.get("module_error"):
        record["error"] = record.get("error") or \
            f"{', '.join(missing)} not defined: {record['module_error']}"
    ok = [p for p in pipelines if p.get("golden")]
    if ok:
        partial = record.get("error") or len(ok) < len(pipelines) or missing
        record["status"] = "partial" if partial else "ok"
        return
    record["status"] = "failed"
    errors = [p["error"] for p in pipelines if p.get("error")]
    record["error"] = record.get("error") or record.get("module_error") or \
        (errors[0] if errors else "no pipeline or component found")


def kfp2_overlay(corpus: Path, python: Path, version: str) -> Path | None:
    """kfp-kubernetes of the same version as kfp 2, pip-installed once (no dependencies: kfp
    has them) into CORPUS/.overlay-kfp2-VERSION; None when pip cannot get it."""
    target = corpus / f".overlay-kfp2-{version}"
    if not (target / "kfp" / "kubernetes").exists():
        proc = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps",
                               "--target", str(target), f"kfp-kubernetes=={version}"],
                              capture_output=True, text=True, check=False)
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
                write_json(meta_path, meta)
                done[(entry.parent.name, record["status"])] += 1
                detail = f" ({record['error'][:100]})" if record.get("error") else ""
                print(f"[{i}/{len(todo)}] {entry.parent.name}/{entry.name}: "
                      f"{record['status']} {record['seconds']}s{detail}", flush=True)
    for (sdk, status), n in sorted(done.items()):
        print(f"  {sdk} {status}: {n}")
    return 0

