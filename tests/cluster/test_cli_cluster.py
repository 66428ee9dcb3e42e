"""`kfp-designer endpoints | upload | submit` against the contract server."""
from __future__ import annotations

import json

from designer.cli import main
from designer.cluster.endpoints import EndpointStore

from .contract_server import Auth
from .helpers import body_of


def test_endpoints_add_list_test_remove(isolated_config, kfp_server, capsys):
    assert main(["endpoints", "add", "lab", kfp_server.url, "--namespace", "team"]) == 0
    out = capsys.readouterr().out
    assert "lab: Kubeflow Pipelines, API v2beta1, single-user; 0 experiment(s) visible" in out
    saved = json.loads((isolated_config / "config" / "endpoints.json").read_text())
    assert saved["version"] == 1
    assert saved["endpoints"][0] | {} == saved["endpoints"][0]
    assert saved["endpoints"][0]["api_version"] == "v2beta1"
    assert main(["endpoints", "list"]) == 0
    assert f"lab\t{kfp_server.url}\tAPI v2beta1\tauth=none namespace=team" in \
        capsys.readouterr().out
    assert main(["endpoints", "test", "lab"]) == 0
    assert main(["endpoints", "remove", "lab"]) == 0
    assert EndpointStore().load() == []
    assert main(["endpoints", "test", "lab"]) == 2
    assert "no endpoint named 'lab' (known: none yet)" in capsys.readouterr().err


def test_upload_and_submit_with_watch(isolated_config, kfp_server, capsys):
    kfp_server.plan.outcome = {"print-and-return-number-2": "failed"}
    assert main(["endpoints", "add", "lab", kfp_server.url]) == 0
    assert main(["upload", "--example", "--endpoint", "lab"]) == 0
    out = capsys.readouterr().out
    assert "uploaded (new pipeline, KFP v2 YAML) to lab: pipeline example_pipeline" in out
    code = main(["submit", "--example", "--endpoint", "lab", "-p", "number_1=1", "-p",
                 "number_2=2", "--experiment", "cli", "--watch", "--poll", "0"])
    out = capsys.readouterr().out
    assert code == 1, out
    assert "[number_1_result] succeeded" in out
    assert "[number_2_result] failed: task failed: exit status 1" in out
    assert "[sum_result] skipped: did not run" in out
    assert out.rstrip().endswith("run failed")
    run = body_of(kfp_server, "create_run")[0]
    assert run["runtime_config"]["parameters"] == {"number_1": 1, "number_2": 2}
    assert f"{kfp_server.url}/#/runs/details/" in out


def test_submit_recurring_and_bad_params(isolated_config, kfp1_server, capsys):
    assert main(["endpoints", "add", "old", kfp1_server.url]) == 0
    assert main(["submit", "--example", "--endpoint", "old", "-p", "number_1=x"]) == 2
    err = capsys.readouterr().err
    assert "number_1" in err and "missing parameter `number_2`" in err
    assert not kfp1_server.requests("create_run")
    assert main(["submit", "--example", "--endpoint", "old", "-p", "number_1=1", "-p",
                 "number_2=2", "--every", "600"]) == 0
    assert "recurring run" in capsys.readouterr().out
    assert body_of(kfp1_server, "create_job")[0]["trigger"] == {
        "periodic_schedule": {"interval_second": "600"}}


def test_cluster_problems_are_one_line_and_exit_2(isolated_config, kfp_server_factory,
                                                  capsys, monkeypatch):
    server = kfp_server_factory(auth=Auth("bearer", "tok"))
    assert main(["endpoints", "add", "sec", server.url, "--auth", "bearer", "--no-test"]) == 0
    capsys.readouterr()
    monkeypatch.setattr("sys.stdin.isatty", lambda: False, raising=False)
    assert main(["upload", "--example", "--endpoint", "sec"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("kfp-designer: endpoint 'sec' needs a bearer "
                                               "token and none was given")
    monkeypatch.setenv("KFP_DESIGNER_SECRET", "tok")
    assert main(["upload", "--example", "--endpoint", "sec"]) == 0


def test_secret_in_the_keyring_and_nowhere_in_files(isolated_config, kfp_server_factory,
                                                    memory_keyring, monkeypatch, capsys):
    secret = "tok-7f3a9c1e-SECRET"
    server = kfp_server_factory(auth=Auth("bearer", secret))
    assert main(["endpoints", "add", "sec", server.url, "--auth", "bearer", "--no-test"]) == 0
    monkeypatch.setenv("KFP_DESIGNER_SECRET", secret)
    assert main(["endpoints", "secret", "sec"]) == 0
    monkeypatch.delenv("KFP_DESIGNER_SECRET")
    assert memory_keyring.store[("kfp-designer", "sec")] == secret
    assert main(["endpoints", "test", "sec"]) == 0
    assert main(["submit", "--example", "--endpoint", "sec", "-p", "number_1=1", "-p",
                 "number_2=2", "--watch", "--poll", "0"]) == 0
    captured = capsys.readouterr()
    assert secret not in captured.out + captured.err
    written = [p for p in isolated_config.rglob("*") if p.is_file()]
    assert written, "the endpoint file at least"
    for path in written:
        assert secret.encode() not in path.read_bytes(), path
    assert main(["endpoints", "remove", "sec"]) == 0
    assert ("kfp-designer", "sec") not in memory_keyring.store


def test_the_cluster_commands_never_load_qt(isolated_config):
    import subprocess
    import sys
    code = ("import sys; from designer.cli import main; main(['endpoints', 'list']);"
            "import designer.cluster.jobs, designer.cluster.cli;"
            "print('PySide6' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120)
    assert out.stdout.strip().splitlines()[-1] == "False", out.stderr


def test_the_readme_cluster_commands_parse_and_name_the_facts_tag():
    """The README's kind + KFP standalone block: every kfp-designer line is a command the
    CLI takes, and the KFP version it installs is the one whose source the tests' facts
    were read from."""
    import re
    import shlex
    from pathlib import Path

    from designer.cli import COMMANDS, build_parser
    root = Path(__file__).resolve().parents[2]
    text = (root / "README.md").read_text(encoding="utf-8")
    block = re.search(r"### Trying it on a real cluster.*?```sh\n(.*?)```", text, re.S)
    assert block
    lines = [ln.split("  #")[0].strip() for ln in block.group(1).splitlines()
             if ln.startswith("kfp-designer")]
    assert len(lines) >= 4
    for line in lines:
        argv = shlex.split(line)[1:]
        if argv[0] not in COMMANDS:
            argv.insert(0, "gui")
        build_parser(argv[0]).parse_args(argv)      # exits (SystemExit) when it does not
    facts = json.loads((root / "tests/cluster/data/kfp_source_facts.json").read_text())
    version = re.search(r"export PIPELINE_VERSION=(\S+)", block.group(1)).group(1)
    assert version in {f["tag"] for f in facts["facts"]}
