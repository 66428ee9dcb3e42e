# kfp 2 refuses a Model output passed to a Dataset input.
from kfp import compiler, dsl
from kfp.dsl import Dataset, Input, Model, Output


@dsl.component
def make(model: Output[Model]):
    pass


@dsl.component
def use(data: Input[Dataset]):
    pass


@dsl.pipeline(name="artifact-mismatch")
def p():
    use(data=make().outputs["model"])


if __name__ == "__main__":
    compiler.Compiler().compile(p, "pipeline.yaml")
