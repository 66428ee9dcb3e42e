# A sub-pipeline that takes a dataset and returns a model; three levels of pipelines.
from kfp import compiler, dsl
from kfp.dsl import Dataset, Input, Model, Output


@dsl.component
def make(out: Output[Dataset]):
    with open(out.path, "w") as f:
        f.write("data")


@dsl.component
def train(data: Input[Dataset], model: Output[Model], epochs: int = 1):
    with open(model.path, "w") as f:
        f.write(open(data.path).read() * epochs)


@dsl.pipeline
def fit(data: Input[Dataset], epochs: int = 2) -> Model:
    return train(data=data, epochs=epochs).outputs["model"]


@dsl.pipeline
def fit_twice(data: Input[Dataset]) -> Model:
    fit(data=data)
    return fit(data=data, epochs=3).output


@dsl.pipeline(name="artifacts")
def artifacts() -> Model:
    data = make()
    make().after(data)
    return fit_twice(data=data.outputs["out"]).output


if __name__ == "__main__":
    compiler.Compiler().compile(artifacts, "artifacts.yaml")
