# kfp 2 If/Elif without an Else: kfp keeps the chain's branches group open, so the chain is
# written last here (whatever followed it at this level would land inside it; the designer
# refuses that shape), after a task and a loop of its own.
from kfp import compiler, dsl


@dsl.component
def say(text: str) -> str:
    return text


@dsl.pipeline(name="elif-chain")
def elif_chain(x: int = 1):
    first = say(text="first")
    with dsl.ParallelFor(["a"]) as item:
        say(text=item)
    with dsl.If(x == 1):
        say(text=first.output)
    with dsl.Elif(x == 2):
        say(text="two")


if __name__ == "__main__":
    compiler.Compiler().compile(elif_chain, "pipeline.yaml")
