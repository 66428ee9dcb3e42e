"""Function components with files and artifacts in local runs: kfp 1 InputPath/OutputPath
through the v1 program, kfp 2 Input[...]/Output[...]/-> Dataset through the runner's own
program (v2_program.py), with .path/.uri/.metadata and files in the run folder."""
from __future__ import annotations

import json
from pathlib import Path

from designer.importers import load_pipeline_file
from designer.runner.engine import Runner
from designer.runner.events import Status

V2_ARTIFACTS = '''
from kfp import dsl
from kfp.dsl import Input, Output, Dataset, Model, Metrics, ClassificationMetrics, HTML

@dsl.component
def make(rows: int, data: Output[Dataset]):
    with open(data.path, 'w') as f:
        f.write('a,b\\n')
        for i in range(rows):
            f.write(f'{i},{i * i}\\n')
    data.metadata['rows'] = rows

@dsl.component
def train(data: Input[Dataset], model: Output[Model], metrics: Output[Metrics],
          cm: Output[ClassificationMetrics], page: Output[HTML], scale: float = 2.0) -> str:
    from kfp.dsl import Model as M          # kfp names inside the body resolve too
    assert isinstance(model, M)
    model.metadata['rows_seen'] = data.metadata['rows']
    model.framework = 'none'
    metrics.log_metric('accuracy', 0.5 * scale)
    cm.log_confusion_matrix(['cat', 'dog'], [[5, 1], [2, 7]])
    with open(model.path, 'w') as f:
        f.write(open(data.path).read().upper())
    with open(page.path, 'w') as f:
        f.write('<h1>Report</h1>')
    return data.uri

@dsl.component
def head(model: Input[Model]) -> Dataset:
    return open(model.path).read()[:3]

@dsl.pipeline(name='arts')
def arts(rows: int = 3):
    m = make(rows=rows)
    t = train(data=m.outputs['data'])
    head(model=t.outputs['model'])
'''

V1_FILES = '''
from kfp import dsl
from kfp.components import create_component_from_func, InputPath, OutputPath

def make_csv(rows: int, out_path: OutputPath('CSV')):
    with open(out_path, 'w') as f:
        f.write('a,b\\n' + ''.join(f'{i},{i}\\n' for i in range(rows)))

def count(data_path: InputPath('CSV'), table_file: OutputPath('TSV')) -> int:
    lines = open(data_path).read().splitlines()
    with open(table_file, 'w') as f:
        f.write('\\n'.join(line.replace(',', '\\t') for line in lines))
    return len(lines) - 1

make_op = create_component_from_func(make_csv)
count_op = create_component_from_func(count)

@dsl.pipeline(name='files')
def files(rows: int = 4):
    count_op(make_op(rows).outputs['out'])
'''


def load(tmp_path: Path, text: str):
    path = tmp_path / "pipeline.py"
    path.write_text(text)
    return load_pipeline_file(path)


def metadata(path: str) -> dict:
    return json.loads((Path(path).parent / "metadata.json").read_text())


def test_kfp2_artifacts_run_with_path_uri_and_metadata(tmp_path, options):
    pipeline = load(tmp_path, V2_ARTIFACTS)
    result = Runner(pipeline, {}, options()).run()
    assert result.status == Status.SUCCEEDED, {t.name: t.error for t in result.tasks.values()}
    make, train, head = (result.by_name(n) for n in ("m", "t", "head_task"))
    assert make.outputs["data"] == "a,b\n0,0\n1,1\n2,4\n"
    assert Path(make.output_files["data"]) == \
        result.run_dir / "tasks" / "m" / "outputs" / "data" / "data"
    assert metadata(make.output_files["data"]) == {"rows": 3}
    # metadata travels with the artifact to the next task
    assert metadata(train.output_files["model"]) == {"rows_seen": 3, "framework": "none"}
    assert train.outputs["model"] == "A,B\n0,0\n1,1\n2,4\n"
    assert metadata(train.output_files["metrics"]) == {"accuracy": 1.0}
    assert metadata(train.output_files["cm"])["confusionMatrix"] == {
        "annotationSpecs": [{"displayName": "cat"}, {"displayName": "dog"}],
        "rows": [{"row": [5, 1]}, {"row": [2, 7]}]}
    assert train.outputs["page"] == "<h1>Report</h1>"
    # .uri / .path of an input: its file in the task folder (kfp.local gives local paths)
    assert train.outputs["Output"] == str(Path(train.folder) / "inputs" / "data" / "data")
    assert head.outputs["Output"] == "A,B"          # `-> Dataset` written as str(value)
    # From the cache, the metadata comes back too.
    again = Runner(pipeline, {}, options()).run()
    cached = again.by_name("t")
    assert cached.status == Status.CACHED and cached.folder != train.folder
    assert metadata(cached.output_files["model"]) == {"rows_seen": 3, "framework": "none"}


def test_a_failing_artifact_component_says_why(tmp_path, options):
    pipeline = load(tmp_path, V2_ARTIFACTS.replace("data.metadata['rows'] = rows",
                                                   "raise ValueError('no rows')"))
    result = Runner(pipeline, {}, options()).run()
    assert result.by_name("m").status == Status.FAILED
    assert "ValueError: no rows" in result.by_name("m").error
    assert result.by_name("t").status == Status.SKIPPED


def test_kfp1_file_ports_run_with_kfp_names_mapped(tmp_path, options):
    pipeline = load(tmp_path, V1_FILES)
    result = Runner(pipeline, {"rows": "4"}, options()).run()
    assert result.status == Status.SUCCEEDED, {t.name: t.error for t in result.tasks.values()}
    counted = next(t for t in result.tasks.values() if t.name != "make_csv_task"
                   and "Output" in t.outputs)
    assert counted.outputs["Output"] == "4"
    # IR names (the function's parameter names) key the records; kfp's go on the argv.
    assert counted.outputs["table_file"].splitlines()[0] == "a\tb"
    assert "--data" in counted.argv and "--table" in counted.argv
    assert counted.argv[counted.argv.index("--data") + 1].endswith("inputs/data_path/data")
