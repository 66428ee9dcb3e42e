# kfp 2 pipeline-level settings: a display name and a description, pipeline outputs (a
# parameter and an artifact, named through a NamedTuple), a pipeline config with a TTL
# and an active deadline (written into the platform spec), and a pipeline root
# (defaultPipelineRoot).
from typing import NamedTuple

from kfp import compiler, dsl
from kfp.dsl import Dataset, Output


@dsl.component
def produce(n: int, data: Output[Dataset]) -> int:
    with open(data.path, "w") as f:
        f.write(str(n))
    return n * 2


@dsl.pipeline(name="pipeline-info", display_name="Pipeline info", description="Outputs and "
              "settings of a whole pipeline.", pipeline_root="gs://bucket/pipeline-info",
              pipeline_config=dsl.PipelineConfig(ttl_seconds_after_finished=3600,
                                                 active_deadline_seconds=7200))
def pipeline_info(n: int = 2) -> NamedTuple("Outputs", [("doubled", int), ("data", Dataset)]):
    made = produce(n=n)
    outputs = NamedTuple("Outputs", [("doubled", int), ("data", Dataset)])
    return outputs(made.outputs["Output"], made.outputs["data"])


if __name__ == "__main__":
    compiler.Compiler().compile(pipeline_info, "pipeline.yaml")
