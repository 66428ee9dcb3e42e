import kfp
import typing
from typing import List, Dict, Optional
from kfp.components import create_component_from_func
from kfp.dsl import pipeline


@create_component_from_func
def out_bool() -> bool:
    return True


@create_component_from_func
def out_list() -> List[int]:
    return [1, 2]


@create_component_from_func
def out_custom() -> 'CustomType':
    return 'x'


@create_component_from_func
def out_opt() -> typing.Optional[int]:
    return None


@create_component_from_func
def out_dict() -> dict:
    return {}


@create_component_from_func
def out_float() -> float:
    return 1.5


@create_component_from_func
def take_all(a: bool, b: List[int], c: 'CustomType', d: Optional[int], e: dict, f: float, g=None, h: 'CustomType' = 5, i: float = 1, j: List[str] = ["a b"], k: Dict[str, int] = None):
    """Parameters
    ----------
    a : bool
        The a.
    b
        The b.
    """
    print(a, b, c, d, e, f, g, h, i, j, k)


@pipeline(name="outputs-types")
def outputs_types(pl: List[int] = [1, 2], po: Optional[str] = None, pu=5, pc: 'Custom' = 5, pf: float = 3):
    take_all(out_bool().output, out_list().output, out_custom().output, 4,
             out_dict().output, out_float().output, g=out_opt().output)
    take_all(False, [], 'c', 1, {}, 1.5, g=pu)
    take_all(True, pl, "c", 3, {"x": [1]}, pf, g=None, h="str", i=2, j=["q"], k={})


if __name__ == "__main__":
    kfp.compiler.Compiler().compile(outputs_types, __file__[:-3] + ".yaml")
