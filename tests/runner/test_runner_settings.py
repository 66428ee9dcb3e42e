"""`kfp-designer run` honours task settings: environment variables (secrets and config maps
from --env-file), retries, timeouts, the caching switch, display names; resources and node
placement are reported once per task as applying on the cluster."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from designer.cli import main
from designer.ir import InputError
from designer.runner.local_settings import duration_seconds, local_settings, read_env_file
from designer.ir.settings import EnvVar, Retry, TaskSettings
from designer.ir import Task

PIPELINE = '''import kfp
from kfp import dsl
from kfp.components import create_component_from_func
from kubernetes.client import (V1ConfigMapKeySelector, V1EnvVar, V1EnvVarSource,
                               V1SecretKeySelector)


@create_component_from_func
def show_env(name: str) -> str:
    import os
    value = os.environ.get(name, "<unset>")
    print(name + "=" + value)
    return name


@create_component_from_func
def flaky(marker: str) -> str:
    import os
    if not os.path.exists(marker):
        open(marker, "w").close()
        raise SystemExit("the first attempt fails")
    print("the second attempt works")
    return "ok"


@dsl.pipeline(name="settings-run")
def settings_run(marker: str, region: str = "eu"):
    token = show_env("API_TOKEN")
    token.set_display_name("Read the token")
    token.container.add_env_variable(V1EnvVar(
        name="API_TOKEN", value_from=V1EnvVarSource(
            secret_key_ref=V1SecretKeySelector(name="api-secret", key="token"))))
    token.set_cpu_limit("500m").set_memory_limit("2Gi")
    token.add_node_selector_constraint("pool", "batch")
    level = show_env("LEVEL")
    level.container.add_env_variable(V1EnvVar(
        name="LEVEL", value_from=V1EnvVarSource(
            config_map_key_ref=V1ConfigMapKeySelector(name="settings", key="level"))))
    level.set_caching_options(False)
    where = show_env("REGION")
    where.container.add_env_variable(V1EnvVar(name="REGION", value=region))
    retried = flaky(marker)
    retried.set_retry(2)
    dsl.get_pipeline_conf().set_parallelism(2)
'''

TIMEOUT = '''from kfp import dsl
from kfp.components import create_component_from_func


@create_component_from_func
def sleepy(seconds: float):
    import time
    print("sleeping", flush=True)
    time.sleep(seconds)


@dsl.pipeline(name="timeout-run")
def timeout_run():
    sleepy(120.0).set_timeout(1)
'''


def run_cli(capsys, *args) -> tuple[int, str, str]:
    code = main(["run", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def files(tmp_path):
    source = tmp_path / "settings_run.py"
    source.write_text(PIPELINE)
    env = tmp_path / "local.env"
    env.write_text("# values for local runs only\nsecret/api-secret/token=s3cr3t\n"
                   "configmap/settings/level='debug'\n")
    return source, env


def test_settings_take_effect_in_a_cli_run(capsys, tmp_path, isolated_cache, files):
    source, env = files
    marker = tmp_path / "marker"
    args = [source, "-p", f"marker={marker}", "--env-file", env, "--workdir", tmp_path / "runs"]
    code, out, err = run_cli(capsys, *args)
    assert code == 0, out + err
    lines = out.splitlines()
    # The display name in the stream and the summary; the secret's and config map's values
    # from the env file; a plain value from a parameter.
    assert any(re.fullmatch(r"\[Read the token\]\s+API_TOKEN=s3cr3t", ln) for ln in lines), out
    assert any(re.fullmatch(r"\[level\]\s+LEVEL=debug", ln) for ln in lines), out
    assert any(re.fullmatch(r"\[where\]\s+REGION=eu", ln) for ln in lines), out
    assert re.search(r"^Read the token\s+succeeded", out, re.M)
    # Retries: the first attempt failed, the second ran and succeeded.
    assert re.search(r"\[retried\]\s+attempt 1 exited with code 1.*; retry 1 of 2", out), out
    assert re.search(r"^retried\s+succeeded", out, re.M)
    # What only means something on a cluster is said once per task, and for the pipeline.
    cluster = [ln for ln in err.splitlines() if "applies on the cluster" in ln]
    assert len(cluster) == 2, err
    assert "[Read the token]" in cluster[1] or "[Read the token]" in cluster[0]
    assert any("cpu limit, memory limit, node selector" in ln for ln in cluster)
    assert any("pipeline settings" in ln and "parallelism" in ln for ln in cluster)
    run_dir = next((tmp_path / "runs").iterdir())
    tasks = run_dir / "tasks"
    assert (tasks / "retried" / "stderr.1.log").read_text().strip().endswith(
        "the first attempt fails")
    assert (tasks / "retried" / "stdout.log").read_text() == "the second attempt works\n"
    # The secret's value is nowhere in the run's records but the task's own log.
    for path in run_dir.rglob("*"):
        if path.is_file() and path.name != "stdout.log":
            assert b"s3cr3t" not in path.read_bytes(), path
    record = json.loads((run_dir / "run.json").read_text())
    shown = {t["name"]: t["display_name"] for t in record["tasks"]}
    assert shown == {"token": "Read the token", "level": None, "where": None, "retried": None}

    # Again: every task is served from the cache but the one with caching off.
    code, out, err = run_cli(capsys, *args)
    assert code == 0, out + err
    assert re.search(r"^Read the token\s+cached", out, re.M)
    assert re.search(r"^where\s+cached", out, re.M)
    assert re.search(r"^level\s+succeeded", out, re.M), out
    # A new secret value is a new cache key: the task runs again with it.
    env.write_text("secret/api-secret/token=rotated\nconfigmap/settings/level=info\n")
    code, out, err = run_cli(capsys, *args)
    assert any(re.fullmatch(r"\[Read the token\]\s+API_TOKEN=rotated", ln)
               for ln in out.splitlines()), out


def test_a_missing_secret_is_refused_before_anything_runs(capsys, tmp_path, isolated_cache,
                                                          files):
    source, env = files
    env.write_text("configmap/settings/level=debug\n")
    code, out, err = run_cli(capsys, source, "-p", f"marker={tmp_path / 'm'}", "--env-file",
                             env, "--workdir", tmp_path / "runs")
    assert code != 0
    assert "reads the key `token` of the secret `api-secret`" in err
    assert "secret/api-secret/token=" in err
    assert not (tmp_path / "runs").exists() or not any((tmp_path / "runs").iterdir())
    bad = tmp_path / "bad.env"
    bad.write_text("# ok\nno equals sign here\n")
    code, out, err = run_cli(capsys, source, "-p", "marker=x", "--env-file", bad)
    assert code != 0 and f"{bad}:2: expected KEY=VALUE" in err


def test_the_task_timeout_stops_it(capsys, tmp_path, isolated_cache):
    source = tmp_path / "timeout_run.py"
    source.write_text(TIMEOUT)
    code, out, err = run_cli(capsys, source, "--workdir", tmp_path / "runs")
    assert code == 1
    assert re.search(r"\[sleepy_task\]\s+failed in .*timed out after 1 s", out), out


def test_local_settings_rules():
    task = Task("t", "t", "c", settings=TaskSettings(
        env=(EnvVar("A", value="1"), EnvVar("B", secret="s", key="k")),
        retry=Retry(3, backoff_duration="2s", backoff_factor=2, backoff_max_duration="5s"),
        timeout=9, enable_caching=False))
    local = local_settings(task, {}, {"secret/s/k": "v"})
    assert local.env == {"A": "1", "B": "v"}
    assert local.attempts == 4 and local.backoff == [2.0, 4.0, 5.0] and local.timeout == 9.0
    assert not local.use_cache and local.cluster_only == []
    with pytest.raises(InputError, match="secret/s/k="):
        local_settings(task, {}, {})
    assert duration_seconds("2m") == 120 and duration_seconds(None) == 0
    with pytest.raises(InputError):
        duration_seconds("soon")


def test_pod_fields_a_local_run_knows_and_those_only_a_cluster_has():
    """A label or annotation of the task's pod is what the task sets ("" when unset, as
    Kubernetes gives it); its name or IP applies on the cluster (said, not invented)."""
    task = Task("t", "t", "c", settings=TaskSettings(
        pod_labels={"team": "ml"}, pod_annotations={"owner": "kim"},
        env=(EnvVar("TEAM", field_path="metadata.labels['team']"),
             EnvVar("OWNER", field_path="metadata.annotations['owner']"),
             EnvVar("NONE", field_path="metadata.labels['none']"),
             EnvVar("POD", field_path="metadata.name"))))
    local = local_settings(task, {}, {})
    assert local.env == {"TEAM": "ml", "OWNER": "kim", "NONE": ""}
    assert local.cluster_only == ["pod_labels", "pod_annotations",
                                  "environment_from_pod_fields"]


def test_an_optional_secret_the_env_file_lacks_leaves_the_variable_unset():
    from designer.ir.settings import VolumeMount
    task = Task("t", "t", "c", settings=TaskSettings(
        env=(EnvVar("A", secret="s", key="a", optional=True),
             EnvVar("B", config_map="m", key="b", optional=True)),
        volumes=(VolumeMount("/certs", "secret", "certs", optional=True),)))
    local = local_settings(task, {}, {"configmap/m/b": "bee"})
    assert local.env == {"B": "bee"}          # as a cluster without the secret does
    assert [(m.mount_path, m.claim) for m in local.mounts] == [("/certs", None)]   # empty
    with pytest.raises(InputError, match="cannot mount the secret volume"):
        local_settings(Task("t", "t", "c", settings=TaskSettings(
            volumes=(VolumeMount("/certs", "secret", "certs"),))), {}, {})


def test_a_host_path_is_the_node_s_folder_not_this_machine_s():
    from designer.ir.settings import VolumeMount
    with pytest.raises(InputError, match="cannot mount the host path `/mnt/w` at `/w`"):
        local_settings(Task("t", "t", "c", settings=TaskSettings(
            volumes=(VolumeMount("/w", "host_path", "/mnt/w", volume_name="w"),))), {}, {})


def test_env_file_reading(tmp_path):
    path = tmp_path / ".env"
    path.write_text('export secret/a/b="x y"\n\n# c\nconfigmap/c/d = 1=2\n')
    assert read_env_file(path) == {"secret/a/b": "x y", "configmap/c/d": "1=2"}
    with pytest.raises(InputError, match="cannot read"):
        read_env_file(Path(tmp_path / "missing.env"))


VOLUMES = '''from kfp import dsl
from kfp.components import create_component_from_func


@create_component_from_func
def write_note(text: str):
    import os
    os.makedirs("/data/notes", exist_ok=True)
    with open("/data/notes/note.txt", "a") as f:
        f.write(text + "\\n")
    print("volume folder", os.environ["KFP_VOLUME_1"])


@create_component_from_func
def read_note(path: str) -> str:
    with open(path) as f:
        text = f.read()
    print("read", repr(text))
    return text


@dsl.pipeline(name="volumes-run")
def volumes_run(text: str = "hello", claim: str = "shared-data"):
    writer = write_note(text).add_pvolumes({"/data": dsl.PipelineVolume(pvc="shared-data")})
    reader = read_note("/mnt/in/notes/note.txt").after(writer)
    reader.add_pvolumes({"/mnt/in": dsl.PipelineVolume(pvc=claim)})
'''


def test_two_tasks_share_a_claim_through_a_folder(capsys, tmp_path, isolated_cache):
    source = tmp_path / "volumes_run.py"
    source.write_text(VOLUMES)
    args = [source, "--workdir", tmp_path / "runs"]
    code, out, err = run_cli(capsys, *args)
    assert code == 0, out + err
    folder = (isolated_cache / "volumes" / "shared-data").resolve()
    # The writer wrote at /data, the reader read at /mnt/in (the claim named by a parameter):
    # one folder, shared as the claim is on a cluster.
    assert (folder / "notes" / "note.txt").read_text() == "hello\n"
    assert re.search(r"\[reader\]\s+read 'hello\\n'", out), out
    assert f"volume folder {folder}" in out
    assert f"volume at /data (claim `shared-data`) is the folder {folder}" in out
    # Named claims outlive a run: the next run appends; tasks with volumes never hit the cache.
    code, out, err = run_cli(capsys, *args, "-p", "text=again")
    assert code == 0, out + err
    assert (folder / "notes" / "note.txt").read_text() == "hello\nagain\n"
    assert re.search(r"\[reader\]\s+read 'hello\\nagain\\n'", out), out
    assert "cached" not in out


def test_volumes_a_local_run_cannot_make_are_refused(tmp_path, isolated_cache):
    from designer.ir.settings import VolumeMount
    from designer.ir import OutputRef
    from designer.runner.local_volumes import local_mounts, rewrite
    secret = Task("t", "t", "c", settings=TaskSettings(volumes=(
        VolumeMount("/etc/creds", source="secret", name="creds", volume_name="creds"),)))
    with pytest.raises(InputError, match="cannot mount the secret volume at `/etc/creds`"):
        local_mounts(secret, {})
    made = Task("t", "t", "c", settings=TaskSettings(volumes=(
        VolumeMount("/data", name=OutputRef("vop", "name"), volume_task="vop"),)))
    (mount,) = local_mounts(made, {})      # the claim's name is read when the task starts
    assert mount.claim is None and mount.claim_ref == OutputRef("vop", "name")
    root = Task("t", "t", "c", settings=TaskSettings(volumes=(VolumeMount("/", name="c"),)))
    with pytest.raises(InputError, match="mounted at `/`"):
        local_mounts(root, {})
    # Whole paths only, the longest mount first.
    folders = {"/data": Path("/tmp/A"), "/data/in": Path("/tmp/B")}
    assert rewrite(["/data", "x=/data/f", "/database", "/mnt/data", "'/data/in/x'"], folders) \
        == ["/tmp/A", "x=/tmp/A/f", "/database", "/mnt/data", "'/tmp/B/x'"]


EXPRESSIONS = '''from kfp import dsl
from kfp.components import create_component_from_func


@create_component_from_func
def make_path(number: int) -> str:
    return "p" + str(number)


@create_component_from_func
def write_to(path: str) -> str:
    print("path=" + path)
    return path


@dsl.pipeline(name="expressions")
def expressions(number_1: int = 7):
    made = make_path(number_1)
    write_to(f"gs://bucket/{number_1}/{made.output}/{dsl.RUN_ID_PLACEHOLDER}")
'''


def test_expressions_are_joined_in_a_local_run(capsys, tmp_path, isolated_cache):
    source = tmp_path / "expressions.py"
    source.write_text(EXPRESSIONS)
    code, out, err = run_cli(capsys, source, "--workdir", tmp_path / "runs")
    assert code == 0, out + err
    run_dir = next((tmp_path / "runs").iterdir())
    assert f"path=gs://bucket/7/p7/{run_dir.name}" in out


def test_pod_affinity_applies_on_the_cluster():
    """Where other pods run means nothing to a local run: said once, never dropped silently."""
    from designer.ir.settings import LabelSelector, PodAffinityTerm
    from designer.runner.local_settings import cluster_only_message
    task = Task("t", "t", "c", settings=TaskSettings(
        pod_affinity=(PodAffinityTerm("zone", LabelSelector({"app": "cache"})),),
        pod_anti_affinity=(PodAffinityTerm("kubernetes.io/hostname", weight=5),)))
    local = local_settings(task, {}, {})
    assert local.cluster_only == ["pod_affinity", "pod_anti_affinity"]
    assert cluster_only_message(local.cluster_only) == (
        "applies on the cluster, not in a local run: pod affinity, pod anti affinity")
