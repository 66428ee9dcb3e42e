# kfp 2 refuses dsl.OneOf over an If/Elif chain without an Else.
from kfp import compiler, dsl


@dsl.component
def text(value: str) -> str:
    return value


@dsl.pipeline(name="oneof-without-else")
def p(x: int = 1) -> str:
    with dsl.If(x == 1):
        a = text(value="a")
    with dsl.Elif(x == 2):
        b = text(value="b")
    return dsl.OneOf(a.output, b.output)


if __name__ == "__main__":
    compiler.Compiler().compile(p, "pipeline.yaml")
