import kfp
from typing import NamedTuple
from kfp.components import create_component_from_func
from kfp.dsl import pipeline


@create_component_from_func
def edge_names(x: int = 1) -> int:
    return x


@create_component_from_func
def café(x: int = 2) -> NamedTuple('Outs', [('mlpipeline_ui_metadata', str), ('mlpipeline_metrics', str), ('plain_out', int)]):
    """Ünicode name."""
    return ('{}', '{}', x)


@create_component_from_func
def _1st_step(a: int, b: int = 3):
    print(a, b)


@pipeline()
def edge_names_pipeline(unused: str = "u", shared: int = 4):
    """Docstring description only.

    :param unused: never used
    :param shared: used twice
    """
    e = edge_names(shared)
    c = café(shared)
    _1st_step(c.outputs['plain_out'], c.outputs['plain_out'])
    _1st_step(e.output)
    edge_names()


if __name__ == "__main__":
    kfp.compiler.Compiler().compile(edge_names_pipeline, __file__[:-3] + ".yaml")
