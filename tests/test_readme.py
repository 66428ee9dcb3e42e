"""The README's Quick start is what CI runs."""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def quick_start_lines() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Quick start\n+```sh\n(.*?)```", text, re.S)
    assert block, "README has a Quick start code block"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_quick_start_is_two_lines():
    lines = quick_start_lines()
    assert len(lines) == 2
    assert "kfp-designer" in lines[0] and "pytest" in lines[1]


def test_ci_runs_the_readme_test_line():
    ci = (ROOT / ".ci/run").read_text(encoding="utf-8")
    assert quick_start_lines()[1] in ci.splitlines()
