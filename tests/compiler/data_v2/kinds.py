from typing import NamedTuple, List, Dict, Optional
import typing
from kfp import dsl


@dsl.component(base_image="python:3.10-slim", packages_to_install=["numpy==1.26.4", "pandas"])
def produce(n: int, x: float = 1.5, s: str = "héllo \"q\" 'a'", b: bool = True,
            l: list = [1, 2.5, "a", True], d: dict = {"k": [1, {"z": 0.0}], "e": {}},
            li: List[int] = [], di: Dict[str, int] = {}, o: Optional[int] = None,
            zf: float = 0.0, ni: int = -3, big: float = 1e20, es: str = "") -> NamedTuple('Outputs', [('total', int), ('ratio', float), ('label', str), ('items', list), ('meta', dict), ('flag', bool)]):
    """Produce some values.

    A longer description
    over two lines.

    Args:
        n: The count.
        x (float): A ratio,
            on two lines.
        s: A string.

    Returns:
        total: The total.
        ratio: the ratio
    """
    # a comment
    from collections import namedtuple
    out = namedtuple('Outputs', ['total', 'ratio', 'label', 'items', 'meta', 'flag'])
    return out(n, x, s, l, d, b)


@dsl.component
def consume(total: int, ratio: float, label: str, items: typing.List[str], meta: typing.Dict[str, float], flag: bool):
    print(total, ratio, label, items, meta, flag)


@dsl.component(packages_to_install=["kfp-kubernetes"])
def no_inputs() -> str:
    return "x"


@dsl.component
def no_io():
    print("hi")


@dsl.component
def take_any(a: int, b: float, c: str, d: bool, e: list, f: dict):
    print(a, b, c, d, e, f)


@dsl.pipeline(name="Kinds Pipeline", description="Every kind\nof thing.")
def kinds(p_int: int = 3, p_float: float = 2.0, p_str: str = "abc", p_bool: bool = False,
          p_list: list = [1, 2], p_dict: dict = {"a": 1}, p_req: str = "", p_int0: int = 0, p_neg: float = -0.5):
    a = produce(n=p_int)
    b = consume(total=a.outputs["total"], ratio=a.outputs["ratio"], label=a.outputs["label"],
                items=a.outputs["items"], meta=a.outputs["meta"], flag=a.outputs["flag"])
    c = no_inputs()
    d = no_io().after(c)
    e = no_io()
    e.after(b)
    e.after(c)
    f = take_any(a=0, b=1.0, c="ünï ☃ \n two", d=False, e=[1, "x", [2]], f={"b": 2, "a": {"c": 1.5}})
    g = take_any(a=-7, b=3.25, c="", d=True, e=[], f={})
    h = produce(n=5, x=p_float, s=p_str, b=p_bool, l=p_list, d=p_dict)
