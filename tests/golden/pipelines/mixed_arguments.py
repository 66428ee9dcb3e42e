# One task fed three ways at once: a pipeline parameter, an upstream output and a constant;
# one parameter also feeds several tasks.
import sys

import kfp
from kfp import dsl
from kfp.components import create_component_from_func


@create_component_from_func
def load(path: str) -> str:
    return "contents of " + path


@create_component_from_func
def train(data: str, epochs: int, learning_rate: float, tag: str) -> float:
    print(data, epochs, learning_rate, tag)
    return 0.93


@create_component_from_func
def publish(score: float, tag: str, threshold: float = 0.9):
    print("publish" if score >= threshold else "skip", tag, score)


@dsl.pipeline(name="mixed-arguments")
def mixed_arguments(path: str = "gs://bucket/data.csv", tag: str = "v1", epochs: int = 10):
    data = load(path=path)
    model = train(data=data.output, epochs=epochs, learning_rate=0.001, tag=tag)
    publish(score=model.output, tag=tag, threshold=0.95)


if __name__ == "__main__":
    kfp.compiler.Compiler().compile(mixed_arguments, sys.argv[1])
