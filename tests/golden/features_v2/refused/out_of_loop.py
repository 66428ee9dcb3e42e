# kfp 2 refuses a task outside a ParallelFor that reads a task inside it (not Collected).
from kfp import compiler, dsl


@dsl.component
def one(x: int) -> int:
    return x


@dsl.pipeline(name="out-of-loop")
def p():
    with dsl.ParallelFor([1, 2]) as item:
        inside = one(x=item)
    one(x=inside.output)


if __name__ == "__main__":
    compiler.Compiler().compile(p, "pipeline.yaml")
