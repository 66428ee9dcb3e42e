# Docstrings: a component's docstring becomes its description (and Args: entries
# describe inputs); the pipeline's description comes from the decorator.
import sys

import kfp
from kfp import dsl
from kfp.components import create_component_from_func


@create_component_from_func
def scale(value: float, factor: float = 2.0) -> float:
    """Multiply a value by a factor.

    The result is returned unchanged in type.

    Args:
        value: The number to scale.
        factor: How much to scale it by.
    """
    return value * factor


@create_component_from_func
def print_value(value: float):
    """Print a value."""
    print(value)


@dsl.pipeline(name="docstrings", description="Scales a number and prints it.")
def docstrings(value: float = 1.5):
    """This docstring is not the description: the decorator's wins."""
    scaled = scale(value=value)
    print_value(value=scaled.output)


if __name__ == "__main__":
    kfp.compiler.Compiler().compile(docstrings, sys.argv[1])
