# kfp 2 artifacts in function components: Input[...]/Output[...] of every bundled artifact
# type, a `-> Dataset` return, InputPath/OutputPath as kfp 2 reads them (a parameter type ->
# a parameter; an artifact name, another name or none -> an artifact), an optional artifact
# input, artifact and parameter outputs wired to artifact and parameter inputs.
from kfp import compiler, dsl
from kfp.dsl import (HTML, ClassificationMetrics, Dataset, Input, InputPath, Markdown, Metrics,
                     Model, Output, OutputPath)


@dsl.component
def make_data(rows: int, data: Output[Dataset], note: OutputPath(str)):
    with open(data.path, "w") as f:
        f.write("x\n" * rows)
    with open(note, "w") as f:
        f.write("made")


@dsl.component
def train(data: Input[Dataset], epochs: int, model: Output[Model], metrics: Output[Metrics],
          curve: Output[ClassificationMetrics]) -> str:
    metrics.log_metric("epochs", epochs)
    curve.log_confusion_matrix(["a", "b"], [[1, 0], [0, 1]])
    with open(model.path, "w") as f:
        f.write(open(data.path).read())
    return "done"


@dsl.component
def report(model: Input[Model], page: Output[HTML], notes: Output[Markdown],
           extra: Input[Dataset] = None):
    with open(page.path, "w") as f:
        f.write("<p>ok</p>")
    with open(notes.path, "w") as f:
        f.write("# ok")


@dsl.component
def split(table: InputPath("CSV"), first: OutputPath("Dataset"), rest: OutputPath()) -> Dataset:
    pass


@dsl.component
def count(data: InputPath(Dataset), label: InputPath(str), count: OutputPath(int)):
    pass


@dsl.pipeline(name="artifacts")
def artifacts(rows: int = 10):
    made = make_data(rows=rows)
    trained = train(data=made.outputs["data"], epochs=3)
    report(model=trained.outputs["model"])
    report(model=trained.outputs["model"], extra=made.outputs["data"])
    parts = split(table=made.outputs["data"])
    count(data=parts.outputs["first"], label=made.outputs["note"])
    count(data=parts.outputs["Output"], label=trained.outputs["Output"])


if __name__ == "__main__":
    compiler.Compiler().compile(artifacts, "pipeline.yaml")
