# kfp 2 refuses an ExitHandler that is not at the top level of the pipeline.
from kfp import compiler, dsl


@dsl.component
def one(x: int) -> int:
    return x


@dsl.pipeline(name="nested-exit-handler")
def p(x: int = 1):
    with dsl.If(x == 1):
        done = one(x=0)
        with dsl.ExitHandler(done):
            one(x=x)


if __name__ == "__main__":
    compiler.Compiler().compile(p, "pipeline.yaml")
