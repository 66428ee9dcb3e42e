# kfp 2 pipelines that take artifacts (as a pipeline used inside another would be given
# them): Input[Dataset], an optional Input[Model] and a list of datasets; components taking
# artifacts as plain annotations (Dataset, List[Dataset]) and returning a list.
from typing import List, Optional

from kfp import compiler, dsl
from kfp.dsl import Dataset, Input, Model


@dsl.component
def describe(data: Dataset, model: Optional[Model] = None) -> str:
    return data.uri


@dsl.component
def join(datasets: List[Dataset], sep: str) -> str:
    return sep.join(d.uri for d in datasets)


@dsl.pipeline(name="pipeline-inputs")
def pipeline_inputs(data: Input[Dataset], many: Input[List[Dataset]], sep: str = ",",
                    model: Optional[Input[Model]] = None):
    describe(data=data, model=model)
    join(datasets=many, sep=sep)


if __name__ == "__main__":
    compiler.Compiler().compile(pipeline_inputs, "pipeline.yaml")
