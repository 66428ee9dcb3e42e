import kfp
from kfp.components import create_component_from_func
from kfp.dsl import pipeline


@create_component_from_func
def names_dedup(x: int) -> int:
    return x


@create_component_from_func
def names_dedup_2(x: int) -> int:
    return x


@create_component_from_func
def _Weird__Name_(value: int) -> int:
    return value


@create_component_from_func
def add_1(x: int) -> int:
    return x + 1


@pipeline(name="names dedup")
def names_dedup_pipeline(x: int = 1):
    a = names_dedup(x)
    b = names_dedup(a.output)
    c = names_dedup_2(b.output)
    d = names_dedup(c.output)
    e = _Weird__Name_(d.output)
    f = add_1(e.output)
    for _ in range(3):
        f = add_1(f.output)


if __name__ == "__main__":
    kfp.compiler.Compiler().compile(names_dedup_pipeline, __file__[:-3] + ".yaml")
