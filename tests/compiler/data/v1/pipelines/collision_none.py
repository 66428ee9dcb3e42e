import kfp
from kfp.components import create_component_from_func
from kfp.dsl import pipeline


@create_component_from_func
def print_it(text: str = "default", count: int = None, ratio: float = 1) -> str:
    print(text, count, ratio)
    return text


@pipeline(name="Print it")
def collision_none(count: int = None):
    a = print_it(text=None)
    print_it(a.output, count=None)
    print_it("x", count=count, ratio=3)


if __name__ == "__main__":
    kfp.compiler.Compiler().compile(collision_none, __file__[:-3] + ".yaml")
