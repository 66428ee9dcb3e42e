import kfp
from kfp.components import create_component_from_func
from kfp.dsl import pipeline


@create_component_from_func
def step(msg: str) -> str:
    return msg


@create_component_from_func
def noop():
    print("no inputs, no outputs")


@create_component_from_func
def produce() -> int:
    return 42


@pipeline(name="step")
def after_deps(msg: str = "hi"):
    a = noop()
    b = step(msg).after(a)
    c = produce().after(a, b)
    d = step(b.output)
    e = noop().after(c).after(d)
    f = produce()
    step("constant").after(e, f)


if __name__ == "__main__":
    kfp.compiler.Compiler().compile(after_deps, __file__[:-3] + ".yaml")
