# The call form with `base_image`: the component runs in the image you name instead of
# kfp's default python:3.7.
import sys

import kfp
from kfp import dsl
from kfp.components import create_component_from_func


def python_version() -> str:
    import platform
    return platform.python_version()


def echo(text: str):
    print(text)


python_version_op = create_component_from_func(python_version, base_image="python:3.11-slim")
echo_op = create_component_from_func(echo, base_image="docker.io/library/python:3.9-alpine")


@dsl.pipeline(name="base-image")
def base_image():
    version = python_version_op()
    echo_op(text=version.output)


if __name__ == "__main__":
    kfp.compiler.Compiler().compile(base_image, sys.argv[1])
