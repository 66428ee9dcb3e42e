# Pipeline parameters without defaults, one of every type: the run must supply them all.
import sys

import kfp
from kfp import dsl
from kfp.components import create_component_from_func


@create_component_from_func
def show_int(value: int):
    print("int", value)


@create_component_from_func
def show_float(value: float):
    print("float", value)


@create_component_from_func
def show_str(value: str):
    print("str", value)


@create_component_from_func
def show_bool(value: bool):
    print("bool", value)


@create_component_from_func
def show_list(value: list):
    print("list", value)


@create_component_from_func
def show_dict(value: dict):
    print("dict", value)


@dsl.pipeline(name="params-required")
def params_required(an_int: int, a_float: float, a_str: str, a_bool: bool, a_list: list,
                    a_dict: dict):
    show_int(value=an_int)
    show_float(value=a_float)
    show_str(value=a_str)
    show_bool(value=a_bool)
    show_list(value=a_list)
    show_dict(value=a_dict)


if __name__ == "__main__":
    kfp.compiler.Compiler().compile(params_required, sys.argv[1])
