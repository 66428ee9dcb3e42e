# kfp 2 container components: inputs as values, input artifacts by path and by URI, output
# artifacts and output parameters by path, f-strings mixing placeholders, ConcatPlaceholder
# and IfPresentPlaceholder (with lists), wired to each other and to a function component.
from kfp import compiler, dsl
from kfp.dsl import (ConcatPlaceholder, ContainerSpec, Dataset, IfPresentPlaceholder, Input,
                     Model, Output, OutputPath)


@dsl.container_component
def fetch(url: str, data: Output[Dataset], size: OutputPath(int)):
    return ContainerSpec(
        image="alpine:3.19",
        command=["sh", "-c", 'wget -O "$0" "$1" && wc -c < "$0" > "$2"'],
        args=[data.path, url, size],
    )


@dsl.container_component
def train(data: Input[Dataset], model: Output[Model], epochs: int = 3, tag: str = None):
    return ContainerSpec(
        image="python:3.11-slim",
        command=["python", "-m", "trainer"],
        args=[
            "--data", data.path,
            "--data-uri", data.uri,
            "--model", model.path,
            f"--epochs={epochs}",
            ConcatPlaceholder(["--model-uri=", model.uri, "/", tag]),
            IfPresentPlaceholder(input_name="tag", then=["--tag", tag], else_=["--untagged"]),
        ],
    )


@dsl.component
def report(size: int, model: Input[Model]):
    print(size, model.uri)


@dsl.pipeline(name="container-components")
def container_components(url: str = "https://example.com/data.csv"):
    fetched = fetch(url=url)
    trained = train(data=fetched.outputs["data"], tag="v1")
    train(data=fetched.outputs["data"], epochs=5)
    report(size=fetched.outputs["size"], model=trained.outputs["model"])


if __name__ == "__main__":
    compiler.Compiler().compile(container_components, "pipeline.yaml")
