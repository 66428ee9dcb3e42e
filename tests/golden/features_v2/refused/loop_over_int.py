# kfp 2 refuses a ParallelFor over a parameter that is not a list.
from kfp import compiler, dsl


@dsl.component
def one(x: int) -> int:
    return x


@dsl.pipeline(name="loop-over-int")
def p(n: int = 3):
    with dsl.ParallelFor(n) as item:
        one(x=item)


if __name__ == "__main__":
    compiler.Compiler().compile(p, "pipeline.yaml")
