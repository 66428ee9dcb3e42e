"""What the GUI built, compared with what the real kfp compiles (tests/oracle.py venvs)."""
from __future__ import annotations

from pathlib import Path

import yaml

from designer.compiler import compile_pipeline
from designer.ir import Pipeline

from tests.golden.goldens import first_difference, normalise_v1
from tests.ui.test_task_settings_gui import TIME
from tests.ui.test_task_settings_more_gui import round_trips
from tools.make_goldens_v2 import normalise_doc, run_modules


def assert_compiles_like_kfp(pipeline: Pipeline, target: str, oracle: Path | str, source: str,
                             tmp_path: Path) -> None:
    """``pipeline`` compiles for ``target`` ("v1": byte-identical, "v2": equal parsed) to what
    the kfp in ``oracle`` compiles from the Python ``source`` (which writes one .yaml), and
    round-trips through the Python export."""
    run = run_modules(oracle, {"p": source})["p"]
    assert run.error is None, run.error
    ours = compile_pipeline(pipeline, target, compile_time=TIME)
    if target == "v1":
        expected, actual = normalise_v1(run.yaml), normalise_v1(ours)
        assert actual == expected, first_difference(expected, actual)
    else:
        assert [normalise_doc(d) for d in yaml.safe_load_all(ours)] == \
            [normalise_doc(d) for d in yaml.safe_load_all(run.yaml)]
    round_trips(pipeline, target, tmp_path)
