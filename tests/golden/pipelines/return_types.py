# Single outputs of every type: each return type has its own serializer in the container.
import sys

import kfp
from kfp import dsl
from kfp.components import create_component_from_func


@create_component_from_func
def give_int() -> int:
    return 1


@create_component_from_func
def give_float() -> float:
    return 2.5


@create_component_from_func
def give_str() -> str:
    return "three"


@create_component_from_func
def give_bool() -> bool:
    return True


@create_component_from_func
def give_list() -> list:
    return [1, 2]


@create_component_from_func
def give_dict() -> dict:
    return {"k": "v"}


@create_component_from_func
def take_all(i: int, f: float, s: str, b: bool, l: list, d: dict):
    print(i, f, s, b, l, d)


@dsl.pipeline(name="return-types")
def return_types():
    i = give_int()
    f = give_float()
    s = give_str()
    b = give_bool()
    l = give_list()
    d = give_dict()
    take_all(i=i.output, f=f.output, s=s.output, b=b.output, l=l.output, d=d.output)


if __name__ == "__main__":
    kfp.compiler.Compiler().compile(return_types, sys.argv[1])
