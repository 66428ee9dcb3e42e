"""Where the golden corpus lives and how its YAML is compared.

``pipelines/NAME.py`` is a kfp 1.8.9 pipeline; ``v1/NAME.yaml`` is what the real kfp 1.8.9
compiled from it (tools/make_goldens.py). kfp 1.8.9 stamps the wall-clock time into the
``pipeline_compilation_time`` annotation and ignores SOURCE_DATE_EPOCH, so that one value is
normalised away before comparing; everything else must match byte for byte.
"""
from __future__ import annotations

import datetime
import difflib
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

GOLDEN_DIR = Path(__file__).resolve().parent
CORPUS_DIR = GOLDEN_DIR / "pipelines"
V1_DIR = GOLDEN_DIR / "v1"
# kfp 1.8.9 pipelines for the features the Python importer cannot read yet: their IR is built
# by hand in tests/compiler/v1_features.py, their goldens are features/v1/NAME.yaml.
FEATURES_DIR = GOLDEN_DIR / "features"
FEATURES_V1_DIR = FEATURES_DIR / "v1"

_COMPILATION_TIME = re.compile(r"(pipelines\.kubeflow\.org/pipeline_compilation_time: )'([^']*)'")
TIME_PLACEHOLDER = "<compilation-time>"


def corpus_names() -> list[str]:
    """Names (file stems) of every corpus pipeline, sorted."""
    return sorted(p.stem for p in CORPUS_DIR.glob("*.py"))


def corpus_file(name: str) -> Path:
    return CORPUS_DIR / f"{name}.py"


def v1_golden(name: str) -> Path:
    return V1_DIR / f"{name}.yaml"


def feature_names() -> list[str]:
    """Names (file stems) of the feature pipelines, sorted."""
    return sorted(p.stem for p in FEATURES_DIR.glob("*.py"))


def feature_file(name: str) -> Path:
    return FEATURES_DIR / f"{name}.py"


def feature_golden(name: str) -> Path:
    return FEATURES_V1_DIR / f"{name}.yaml"


def importable_kfp_files(*folders: str) -> list[Path]:
    """The kfp Python files in ``folders`` (of the golden dir) that the importer reads (it
    refuses a few feature files: nothing to convert or save for those)."""
    from designer.inputs import load_project
    from designer.ir import InputError
    out = []
    for folder in folders:
        for path in sorted((GOLDEN_DIR / folder).glob("*.py")):
            try:
                load_project(path)
            except InputError:
                continue
            out.append(path)
    return out


def compilation_times(text: str) -> list[str]:
    return [m.group(2) for m in _COMPILATION_TIME.finditer(text)]


def normalise_v1(text: str) -> str:
    """``text`` with the compilation-time value replaced by a placeholder.

    Raises ValueError unless the annotation occurs exactly once: a golden or an output
    without it (or with two) is wrong in itself, not something to normalise around.
    """
    new, count = _COMPILATION_TIME.subn(rf"\g<1>'{TIME_PLACEHOLDER}'", text)
    if count != 1:
        raise ValueError(f"expected one pipeline_compilation_time annotation, found {count}")
    return new


def time_from_epoch(epoch: int) -> str:
    """The compilation time our compiler writes for SOURCE_DATE_EPOCH=``epoch``: UTC, in the
    same ``isoformat()`` shape kfp 1.8.9 uses (no zone suffix)."""
    return datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc).replace(
        tzinfo=None).isoformat()


def first_difference(expected: str, actual: str, context: int = 2) -> str:
    """The first differing line of two texts, with a little context, for test messages."""
    exp, act = expected.splitlines(), actual.splitlines()
    for i, (e, a) in enumerate(zip(exp, act)):
        if e != a:
            break
    else:
        i = min(len(exp), len(act))
        if len(exp) == len(act):
            return "texts are equal" if expected == actual else "texts differ only in line endings"
    lo = max(0, i - context)
    around = "\n".join(f"    {j + 1:5}| {line}" for j, line in enumerate(exp[lo:i], lo))
    return (f"first difference at line {i + 1}:\n{around}\n"
            f"  expected: {exp[i] if i < len(exp) else '<end of file>'!r}\n"
            f"  actual:   {act[i] if i < len(act) else '<end of file>'!r}")


def unified_diff(expected: str, actual: str, name: str, context: int = 3) -> str:
    return "".join(difflib.unified_diff(
        expected.splitlines(keepends=True), actual.splitlines(keepends=True),
        f"golden/{name}", f"ours/{name}", n=context))


def compile_with_kfp1(python: Path | str, source: Path) -> str:
    """kfp 1.8.9's YAML for the corpus file ``source``, run as ``python source OUT`` in a
    scratch directory; raises RuntimeError with kfp's last error line on failure. A file
    that loads component files names them relative to its own folder (it changes to it)."""
    with tempfile.TemporaryDirectory(prefix="kfp1-golden-") as tmp:
        out = Path(tmp) / "out.yaml"
        # A fixed hash seed keeps any set iteration inside kfp reproducible.
        env = {**os.environ, "PYTHONHASHSEED": "0", "PYTHONDONTWRITEBYTECODE": "1"}
        proc = subprocess.run([str(python), str(source), str(out)], cwd=tmp, env=env,
                              capture_output=True, text=True, stdin=subprocess.DEVNULL)
        if proc.returncode != 0 or not out.exists():
            lines = (proc.stderr or proc.stdout).strip().splitlines()
            raise RuntimeError(lines[-1] if lines else f"exit {proc.returncode}, no output")
        return out.read_text(encoding="utf-8")


# Runs inside the kfp venv: argv = pairs of (corpus file, output path). Each file runs as
# __main__ with argv [file, out], exactly as `python file out` would, but kfp is imported once.
_BATCH_DRIVER = r"""
import runpy, sys, traceback
pairs = sys.argv[1:]
for src, out in zip(pairs[::2], pairs[1::2]):
    sys.argv = [src, out]
    try:
        runpy.run_path(src, run_name="__main__")
    except BaseException:
        traceback.print_exc()
"""


def compile_many_with_kfp1(python: Path | str, sources: list[Path]) -> dict[Path, str | None]:
    """kfp 1.8.9's YAML for each of ``sources`` from one kfp process (None where it failed).

    Much faster than one process per file; tools/make_goldens.py still uses one process per
    file, and a test comparing the two outputs catches any cross-file state in kfp."""
    with tempfile.TemporaryDirectory(prefix="kfp1-golden-") as tmp:
        outs = [Path(tmp) / f"{i}.yaml" for i in range(len(sources))]
        args = [str(a) for pair in zip(sources, outs) for a in pair]
        env = {**os.environ, "PYTHONHASHSEED": "0", "PYTHONDONTWRITEBYTECODE": "1"}
        subprocess.run([str(python), "-c", _BATCH_DRIVER, *args], cwd=tmp, env=env,
                       capture_output=True, text=True, stdin=subprocess.DEVNULL)
        return {src: out.read_text(encoding="utf-8") if out.exists() else None
                for src, out in zip(sources, outs)}


# SOURCE_DATE_EPOCH used when running our CLI against the goldens (2023-11-14T22:13:20 UTC).
EPOCH = 1700000000


@dataclass
class CliRun:
    returncode: int
    output: str      # the YAML written to -o ("" when none was written)
    stderr: str


def run_our_cli(source: Path, target: str = "v1", epoch: int = EPOCH,
                python: str | None = None, extra_args: tuple[str, ...] = (),
                timeout: float | None = None) -> CliRun:
    """``python -m designer compile SOURCE -o OUT --target TARGET [EXTRA_ARGS]`` as a person
    runs it. Raises subprocess.TimeoutExpired past ``timeout`` seconds."""
    with tempfile.TemporaryDirectory(prefix="designer-golden-") as tmp:
        out = Path(tmp) / "out.yaml"
        env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch)}
        proc = subprocess.run(
            [python or sys.executable, "-m", "designer", "compile", str(source), "-o", str(out),
             "--target", target, *extra_args], cwd=GOLDEN_DIR.parents[1], env=env,
            capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=timeout)
        text = out.read_text(encoding="utf-8") if out.exists() else ""
        return CliRun(proc.returncode, text, proc.stderr)
