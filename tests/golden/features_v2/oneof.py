# kfp 2 dsl.OneOf: the output of whichever If/Elif/Else branch ran, consumed by a task and
# returned as the pipeline output; a parameter OneOf and an artifact OneOf.
from kfp import compiler, dsl
from kfp.dsl import Dataset, Input, Output


@dsl.component
def flip() -> str:
    return "heads"


@dsl.component
def text(value: str) -> str:
    return value


@dsl.component
def data(value: str, out: Output[Dataset]):
    with open(out.path, "w") as f:
        f.write(value)


@dsl.component
def read(value: str, ds: Input[Dataset]):
    print(value, open(ds.path).read())


@dsl.pipeline(name="oneof")
def oneof() -> str:
    coin = flip()
    with dsl.If(coin.output == "heads"):
        a = text(value="a")
        da = data(value="a")
    with dsl.Elif(coin.output == "edge"):
        b = text(value="b")
        db = data(value="b")
    with dsl.Else():
        c = text(value="c")
        dc = data(value="c")
    chosen = dsl.OneOf(a.output, b.output, c.output)
    read(value=chosen, ds=dsl.OneOf(da.outputs["out"], db.outputs["out"], dc.outputs["out"]))
    return chosen


if __name__ == "__main__":
    compiler.Compiler().compile(oneof, "pipeline.yaml")
