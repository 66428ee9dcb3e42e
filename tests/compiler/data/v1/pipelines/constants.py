import kfp
from kfp.components import create_component_from_func
from kfp.dsl import pipeline


def show(i: int, f: float, s: str, b: bool, l: list, d: dict, u=None):
    print(i, f, s, b, l, d, u)


show_op = create_component_from_func(show, base_image="python:3.9-slim",
                                     packages_to_install=["pandas==1.3.0", "requests"])


@pipeline(name="constants")
def constants():
    show_op(1, 2.5, "text", True, [1, "two", 3.0], {"b": 2, "a": {"x": None}})
    show_op(-7, 1e20, "yes", False, [], {}, u="untyped")
    show_op(0, 3, "multi\nline\n", True, [True, None], {"é": "ü"}, u=5)
    show_op(2, 0.1, "ünïcödé ☃ and a long string that goes past the eighty column limit of the yaml emitter for sure", True, [1], {"k": 1}, u=[1, 2])
    show_op(3, 1.0, "", False, [1], {"k": 1}, u={"a": 1})
    show_op(4, 1.0, "true", False, [1], {"k": 1}, u=2.5)
    show_op(5, 1.0, "123", False, [1], {"k": 1}, u=True)
    show_op(6, 1.0, "it's 'quoted' \"double\" #hash: colon - dash", False, [1], {"k": 1}, u="{{not a param}}")
    show_op(7, -0.0, "tab\there", False, [1], {"k": 1})


if __name__ == "__main__":
    kfp.compiler.Compiler().compile(constants, __file__[:-3] + ".yaml")
