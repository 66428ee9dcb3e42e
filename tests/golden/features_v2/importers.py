# kfp 2 importer nodes (dsl.importer): an artifact already at a URI brought into the
# pipeline. A constant URI with metadata (caching off), a pipeline parameter's URI with
# reimport (a Model), an upstream task's output as the URI inside a condition (a display
# name), and the generic Artifact class; each feeds a component taking that artifact.
from kfp import compiler, dsl
from kfp.dsl import Artifact, Dataset, Input, Model


@dsl.component
def make_uri(prefix: str) -> str:
    return prefix + "/data.csv"


@dsl.component
def use_data(data: Input[Dataset]) -> str:
    return data.uri


@dsl.component
def use_model(model: Input[Model]):
    print(model.uri)


@dsl.component
def use_any(thing: Input[Artifact]):
    print(thing.uri)


@dsl.pipeline(name="importers")
def importers(model_uri: str = "gs://bucket/model", flag: str = "go"):
    data = dsl.importer(artifact_uri="gs://bucket/data.csv", artifact_class=Dataset,
                        metadata={"origin": "lab", "rows": 3, "tags": ["a", "b"],
                                  "nested": {"ok": True, "ratio": 0.5}})
    data.set_caching_options(False)
    use_data(data=data.output)
    model = dsl.importer(artifact_uri=model_uri, artifact_class=Model, reimport=True)
    use_model(model=model.output)
    made = make_uri(prefix="gs://other")
    with dsl.If(flag == "go"):
        later = dsl.importer(artifact_uri=made.output, artifact_class=Artifact)
        later.set_display_name("later import")
        use_any(thing=later.output)


if __name__ == "__main__":
    compiler.Compiler().compile(importers, "pipeline.yaml")
