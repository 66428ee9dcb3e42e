"""Rules for typed task settings: verdicts and messages are the real SDKs' own.

The oracle test asks kfp 1.8.9 and kfp 2.17.3 themselves (``set_cpu_limit`` ...) about each
sample value and checks that we refuse exactly what either refuses, with its message.
"""
from __future__ import annotations

import json
import subprocess

import pytest

from designer.ir.settings import Toleration
from designer.ir.settings_rules import (
    KFP1,
    KFP2,
    RuleError,
    accelerator_count_problem,
    cpu_problem,
    duration_problem,
    env_name_problem,
    format_pairs,
    format_toleration,
    memory_problem,
    pairs_editable,
    parse_pairs,
    parse_tolerations,
    tolerations_editable,
    whole_number,
)

CPU = ["500m", "2", "0.5", "1.5m", ".5", "1e3", "5 cores", "", "m", "-1", "2.0m"]
MEMORY = ["2Gi", "512Mi", "1000", "1.5Gi", "2GB", "2gi", "", "Gi", "64K"]
GPU = ["1", "2", "0", "-1", "1.5", "two", " 1", "08"]


def test_cpu_accepts_kubernetes_quantities_and_quotes_kfp():
    assert cpu_problem("500m") is None and cpu_problem("2") is None
    problem = cpu_problem("5 cores")
    assert problem.args["sdk"] == KFP1
    assert problem.text() == ('kfp 1.8.9 refuses it: Invalid cpu string. Should be float or '
                              'integer, or integer followed by "m".')
    # kfp 1 reads floats kfp 2 refuses, and kfp 2 decimal millicores kfp 1 refuses.
    assert cpu_problem("1e3").args["sdk"] == KFP2
    assert cpu_problem("1.5m").args["sdk"] == KFP1


def test_memory_and_gpu_messages():
    assert memory_problem("2Gi") is None
    assert "E|Ei|P|Pi|T|Ti|G|Gi|M|Mi|K|Ki" in memory_problem("2GB").text()
    assert accelerator_count_problem("1") is None
    assert accelerator_count_problem("0").text() == "kfp 1.8.9 refuses it: gpu must be " \
                                                    "positive integer."
    assert accelerator_count_problem("two").args["message"] == "Invalid gpu. Should be integer."
    assert accelerator_count_problem(" 1").args["sdk"] == KFP2


def test_whole_numbers_durations_and_names():
    assert whole_number(" 3 ") == 3
    with pytest.raises(RuleError, match="1 or more"):
        whole_number("0", 1)
    with pytest.raises(RuleError):
        whole_number("2.5")
    assert duration_problem("10s") is None and duration_problem("90") is None
    assert duration_problem("ten") is not None
    assert env_name_problem("API_TOKEN") is None
    assert env_name_problem("1ABC") is not None and env_name_problem("A B") is not None


def test_pairs_read_back():
    pairs = parse_pairs(" pool=batch, team = ml ,,")
    assert pairs == {"pool": "batch", "team": "ml"}
    assert parse_pairs(format_pairs(pairs)) == pairs and pairs_editable(pairs)
    assert parse_pairs("") == {}
    with pytest.raises(RuleError, match="“team”"):
        parse_pairs("pool=batch, team")
    assert not pairs_editable({"a": "x,y"})


def test_tolerations_read_back():
    text = "gpu=yes:NoSchedule, spot@30, dedicated:NoExecute"
    tolerations = parse_tolerations(text)
    assert tolerations == (
        Toleration("gpu", "Equal", "yes", "NoSchedule"),
        Toleration("spot", "Exists", toleration_seconds=30),
        Toleration("dedicated", "Exists", effect="NoExecute"))
    assert ", ".join(format_toleration(t) for t in tolerations) == text
    assert tolerations_editable(tolerations)
    assert not tolerations_editable((Toleration("gpu", None, "yes"),))
    with pytest.raises(RuleError, match="NoSchedule, PreferNoSchedule"):
        parse_tolerations("gpu=yes:Sometimes")


_KFP1_PROBE = """
import json, sys
from kfp import dsl
out = {}
for kind, values in json.loads(sys.argv[1]).items():
    for v in values:
        c = dsl.ContainerOp(name="x", image="i").container
        call = {"cpu": c.set_cpu_limit, "memory": c.set_memory_limit,
                "gpu": c.set_gpu_limit}[kind]
        try:
            call(v)
            out[kind + ":" + v] = None
        except ValueError as e:
            out[kind + ":" + v] = str(e)
print(json.dumps(out))
"""

_KFP2_PROBE = """
import json, sys
from kfp import dsl
@dsl.container_component
def comp():
    return dsl.ContainerSpec(image="i")
out = {}
@dsl.pipeline
def p():
    for kind, values in json.loads(sys.argv[1]).items():
        for v in values:
            t = comp()
            call = {"cpu": t.set_cpu_limit, "memory": t.set_memory_limit,
                    "gpu": t.set_accelerator_limit}[kind]
            try:
                call(v)
                out[kind + ":" + v] = None
            except ValueError as e:
                out[kind + ":" + v] = str(e)
print(json.dumps(out))
"""


def _ask(python, probe: str) -> dict:
    samples = json.dumps({"cpu": CPU, "memory": MEMORY, "gpu": GPU})
    proc = subprocess.run([str(python), "-c", probe, samples], capture_output=True, text=True,
                          check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.mark.oracle
def test_rules_refuse_what_either_kfp_refuses_with_its_message(kfp1_python, kfp2_python):
    kfp1, kfp2 = _ask(kfp1_python, _KFP1_PROBE), _ask(kfp2_python, _KFP2_PROBE)
    checks = {"cpu": cpu_problem, "memory": memory_problem, "gpu": accelerator_count_problem}
    for kind, values in (("cpu", CPU), ("memory", MEMORY), ("gpu", GPU)):
        for value in values:
            ours = checks[kind](value)
            said1, said2 = kfp1[f"{kind}:{value}"], kfp2[f"{kind}:{value}"]
            if said1 is None and said2 is None:
                assert ours is None, f"{kind} {value!r}: both kfp accept it, we refuse"
                continue
            assert ours is not None, f"{kind} {value!r}: kfp refuses ({said1} / {said2})"
            said = said1 if ours.args["sdk"] == KFP1 else said2
            assert ours.args["message"] == said, f"{kind} {value!r}"
