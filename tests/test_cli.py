"""The command line, run as a person runs it: a subprocess."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from designer.resources_path import resources_dir

EXAMPLE = resources_dir() / "examples" / "example_pipeline.kfpd"


def cli(*args, env=None, **kw):
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "designer", *map(str, args)], capture_output=True,
                          text=True, env=full_env, **kw)


def test_compile_never_loads_qt():
    code = ("import sys, io, contextlib\nfrom designer.cli import main\n"
            "buf = io.StringIO()\n"
            "with contextlib.redirect_stdout(buf):\n"
            f"    rc = main(['compile', {str(EXAMPLE)!r}])\n"
            "assert rc == 0 and 'apiVersion: argoproj.io/v1alpha1' in buf.getvalue(), rc\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            f"    main(['validate', {str(EXAMPLE)!r}])\n"
            "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_compile_example_to_file_matches_reference(tmp_path):
    out = tmp_path / "example_pipeline.yaml"
    res = cli("compile", "--example", "-o", out, env={"SOURCE_DATE_EPOCH": "1700000000"})
    assert res.returncode == 0, res.stderr
    ref = Path(__file__).parent / "data/reference/example_pipeline.yaml"  # kfp 1.8.9's output
    expected = ref.read_text().replace("2023-11-23T16:06:24.189360", "2023-11-14T22:13:20")
    assert out.read_text() == expected


def test_validate_reports_problems_and_exit_codes(tmp_path):
    res = cli("validate", EXAMPLE)
    assert res.returncode == 0 and "ok (3 tasks, 2 parameters)" in res.stdout
    broken = tmp_path / "broken.kfpd"
    broken.write_text(EXAMPLE.read_text().replace(
        "      number_2: {task: number_2_result, output: Output}\n", ""))
    res = cli("validate", broken)
    assert res.returncode == 1
    assert "required input `number_2` has no value" in res.stdout
    # The file line the problem is about: the task (its argument for number_2 is gone).
    task_line = broken.read_text().splitlines().index("  - id: sum_result") + 1
    assert f"{broken}:{task_line}: error: Task `sum_result`" in res.stdout
    res = cli("compile", broken, "-o", tmp_path / "out.yaml")
    assert res.returncode == 2
    assert res.stderr.startswith(f"{broken}:{task_line}: error: ")
    assert not (tmp_path / "out.yaml").exists()


@pytest.mark.parametrize("name, content, words", [
    ("p.txt", "x", "cannot read `.txt`"),
    ("p.kfpd", "format: [", "invalid YAML"),
    ("missing.kfpd", None, "no such file"),
])
def test_bad_input_is_one_clear_line(tmp_path, name, content, words):
    path = tmp_path / name
    if content is not None:
        path.write_text(content)
    res = cli("compile", path)
    assert res.returncode == 2
    assert len(res.stderr.strip().splitlines()) == 1, res.stderr
    assert res.stderr.startswith(str(path)) and words in res.stderr
    assert "Traceback" not in res.stderr


def test_gui_without_display_explains_how_to_compile():
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    res = subprocess.run([sys.executable, "-m", "designer", "--example"], capture_output=True,
                         text=True, env=env)
    assert res.returncode == 2
    assert "no display" in res.stderr and "kfp-designer compile" in res.stderr


def test_help_lists_every_command():
    res = cli("--help")
    assert res.returncode == 0
    for command in ("gui", "compile", "validate", "export-python", "run"):
        assert command in res.stdout


SEVERAL = """\
from kfp import dsl

@dsl.component
def add(a: int) -> int:
    return a

@dsl.pipeline
def first(x: int = 1):
    add(a=x)

@dsl.pipeline(name="other")
def second():
    add(a=2)
"""


def test_pipeline_chooses_among_several_in_every_command(tmp_path):
    path = tmp_path / "several.py"
    path.write_text(SEVERAL)
    res = cli("validate", path)
    assert res.returncode == 2 and "several pipelines: `first` (line 8), `second`" in res.stderr
    assert "--pipeline NAME" in res.stderr
    res = cli("validate", path, "--pipeline", "second")
    assert res.returncode == 0 and "ok (1 tasks, 0 parameters)" in res.stdout
    res = cli("compile", path, "--pipeline", "first", "--target", "v2")
    assert res.returncode == 0 and "name: first" in res.stdout
    res = cli("export-python", path, "--pipeline", "second")
    assert res.returncode == 0 and "name='other'" in res.stdout.replace('"', "'")
    res = cli("run", path, "--pipeline", "nope")
    assert res.returncode == 2 and "no pipeline named `nope`" in res.stderr
    res = cli("validate", EXAMPLE, "--pipeline", "x")
    assert res.returncode == 2 and "--pipeline chooses among" in res.stderr


def test_component_url_maps_a_url_to_a_local_file(tmp_path):
    (tmp_path / "show.yaml").write_text("name: Show\ninputs:\n- {name: text}\n"
                                        "implementation:\n  container:\n    image: alpine\n"
                                        "    command: [echo, {inputValue: text}]\n")
    path = tmp_path / "p.py"
    path.write_text("from kfp import dsl, components\n"
                    "show = components.load_component_from_url('https://x.org/show.yaml')\n"
                    "@dsl.pipeline(name='p')\ndef p():\n    show('hi')\n")
    res = cli("validate", path)
    assert res.returncode == 2 and "never downloads" in res.stderr
    res = cli("validate", path, "--component-url", "https://x.org/show.yaml=show.yaml")
    assert res.returncode == 0, res.stderr
    res = cli("validate", path, "--component-url", "no-equals-sign")
    assert res.returncode == 2 and "--component-url takes URL=FILE" in res.stderr


@pytest.mark.parametrize("argv, words", [
    (["compil", "x"], "unknown command 'compil' (did you mean 'compile'?)"),
    (["valdate", "p.kfpd"], "did you mean 'validate'?"),
    (["export_python"], "did you mean 'export-python'?"),
    (["frobnicate"], "'frobnicate' is neither a command"),
])
def test_a_mistyped_command_gets_did_you_mean(argv, words):
    res = cli(*argv)
    assert res.returncode == 2
    assert res.stderr.startswith("usage: kfp-designer") and words in res.stderr
    assert "Traceback" not in res.stderr and res.stdout == ""
