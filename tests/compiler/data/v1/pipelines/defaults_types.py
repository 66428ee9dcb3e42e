import kfp
from typing import List, Dict, Optional, NamedTuple
from kfp.components import create_component_from_func
from kfp.dsl import pipeline


@create_component_from_func
def make_values(a: int = 5, b: float = 1, c: str = "hello world", d: bool = True,
                e: list = [3, 1, 2], f: dict = {"b": 1, "a": [1, "é"]},
                g: Optional[int] = None, h: List[int] = [1], i: Dict[str, int] = {"z": 2},
                j=7, k: float = 2.5, l: str = "", m: int = -3) -> NamedTuple('Outputs', [('total', int), ('ratio', float), ('label', str), ('flag', bool), ('items', list), ('mapping', dict)]):
    """Make values of every type.

    Longer description here.
    """
    return (a, b, c, d, e, f)


@create_component_from_func
def consume(total: int, ratio: float, label: str, flag: bool, items: list, mapping: dict):
    print(total, ratio, label, flag, items, mapping)


@pipeline(name="defaults-and-types", description="Every type, with defaults.")
def defaults_types(p_int: int = 10, p_float: float = 0.5, p_str: str = "x y", p_bool: bool = False,
                   p_list: list = [1, 2], p_dict: dict = {"k": "v"}, p_none: int = None, p_plain="plain",
                   p_req: str = None):
    v = make_values()
    v2 = make_values(a=p_int, b=p_float, c=p_str, d=p_bool, e=p_list, f=p_dict, g=p_none, j=p_plain)
    consume(v.outputs["total"], v.outputs["ratio"], v.outputs["label"], v.outputs["flag"],
            v2.outputs["items"], v2.outputs["mapping"])


if __name__ == "__main__":
    kfp.compiler.Compiler().compile(defaults_types, __file__[:-3] + ".yaml")
