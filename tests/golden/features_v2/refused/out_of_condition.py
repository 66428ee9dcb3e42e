# kfp 2 refuses a task outside an If that reads a task inside it.
from kfp import compiler, dsl


@dsl.component
def one(x: int) -> int:
    return x


@dsl.pipeline(name="out-of-condition")
def p(x: int = 1):
    with dsl.If(x == 1):
        inside = one(x=x)
    one(x=inside.output)


if __name__ == "__main__":
    compiler.Compiler().compile(p, "pipeline.yaml")
