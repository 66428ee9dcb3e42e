# Descriptions of outputs: kfp 2 reads them from a pipeline's docstring, its Returns section
# (as it reads a component's), and writes them on the root's outputs and on a sub-pipeline's
# component. The outer pipeline takes its description from the docstring's first lines.
from kfp import compiler, dsl
from kfp.dsl import Dataset, Output


@dsl.component
def make(text: str, data: Output[Dataset]) -> str:
    """Write a dataset.

    Args:
        text: What to write.

    Returns:
        data: The dataset written.
        Output: The text again.
    """
    with open(data.path, "w") as f:
        f.write(text)
    return text


@dsl.pipeline(name="inner")
def inner(text: str) -> Dataset:
    """The inner pipeline.

    Args:
        text: What the inner pipeline writes.

    Returns:
        Output: The dataset the inner pipeline wrote.
    """
    return make(text=text).outputs["data"]


@dsl.pipeline(name="described")
def described(text: str = "hello") -> Dataset:
    """Outputs with descriptions.

    Returns:
        Output: The dataset, from the inner pipeline.
    """
    return inner(text=text).output


if __name__ == "__main__":
    compiler.Compiler().compile(described, "described.yaml")
