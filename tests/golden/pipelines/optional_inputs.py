# Optional inputs with defaults: a task may leave them out, and kfp passes the flag only
# when a value is present.
import sys

import kfp
from kfp import dsl
from kfp.components import create_component_from_func


@create_component_from_func
def resize(width: int, height: int = 480, keep_ratio: bool = True, mode: str = "bilinear",
           quality: float = 0.9) -> str:
    return "{}x{} {} {} {}".format(width, height, keep_ratio, mode, quality)


@dsl.pipeline(name="optional-inputs")
def optional_inputs(width: int = 640):
    resize(width=width)
    resize(width=width, height=720)
    resize(width=1920, height=1080, keep_ratio=False, mode="nearest", quality=1.0)


if __name__ == "__main__":
    kfp.compiler.Compiler().compile(optional_inputs, sys.argv[1])
