"""kfp 2's importer node in a local run: its artifact is the local file the URI names (a
path or file:// URI); a remote URI fails that task alone with a clear message."""
from __future__ import annotations

import json
import re
from pathlib import Path

from designer.cli import main
from designer.runner import local_importer

PIPELINE = '''from kfp import dsl
from kfp.dsl import Dataset, Input


@dsl.component
def count(data: Input[Dataset]) -> int:
    with open(data.path) as f:
        text = f.read()
    print("read", repr(text))
    return len(text.split())


@dsl.component
def shout(text: str) -> str:
    return text.upper()


@dsl.pipeline(name="import-run")
def import_run(where: str, remote: str = "gs://bucket/data.csv"):
    local = dsl.importer(artifact_uri=where, artifact_class=Dataset, metadata={"k": "v"})
    counted = count(data=local.output)
    far = dsl.importer(artifact_uri=remote, artifact_class=Dataset)
    count(data=far.output)
    shout(text="still runs")
'''


def run_cli(capsys, *args) -> tuple[int, str, str]:
    code = main(["run", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_local_file_is_imported_and_a_remote_uri_fails_that_task_alone(
        capsys, tmp_path, isolated_cache) -> None:
    data = tmp_path / "data.csv"
    data.write_text("a b c\n")
    source = tmp_path / "import_run.py"
    source.write_text(PIPELINE)
    code, out, err = run_cli(capsys, source, "--workdir", tmp_path / "runs",
                             "-p", f"where=file://{data}")
    assert code != 0                     # (the remote import failed)
    assert "Traceback" not in out + err
    assert "read 'a b c\\n'" in out
    run_dir = Path(re.search(r"records in (\S+)", out).group(1))
    record = {t["name"]: t for t in json.loads((run_dir / "run.json").read_text())["tasks"]}
    assert record["counted"]["outputs"] == {"Output": "3"}
    assert record["far"]["status"] == "failed"
    assert "gs://bucket/data.csv` is remote (gs://)" in record["far"]["error"]
    assert record["shout_task"]["status"] == "succeeded"
    assert data.read_text() == "a b c\n" and sorted(p.name for p in tmp_path.iterdir()
                                                    if p.parent == tmp_path and
                                                    p.is_file()) == ["data.csv",
                                                                     "import_run.py"]


def test_uris_a_local_run_reads_or_refuses(tmp_path) -> None:
    f = tmp_path / "x y.txt"
    f.write_text("x")
    assert local_importer.resolve(str(f)) == f.resolve()
    assert local_importer.resolve(f.as_uri()) == f.resolve()
    for uri, template in ((str(tmp_path), local_importer.FOLDER),
                          (str(tmp_path / "none"), local_importer.MISSING),
                          ("s3://b/k", local_importer.REMOTE),
                          ("https://x/y", local_importer.REMOTE)):
        found = local_importer.resolve(uri)
        assert isinstance(found, local_importer.Failure) and found.template == template
