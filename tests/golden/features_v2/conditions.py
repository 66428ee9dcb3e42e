# kfp 2 conditions: If/Elif/Else chains on a task output and on parameters (ints, floats,
# strings, bools, compared with constants and with each other), the deprecated
# dsl.Condition, nested conditions, a named group, and parameters and outputs from outside
# read inside a branch.
from kfp import compiler, dsl


@dsl.component
def flip(seed: int) -> str:
    return "heads" if seed % 2 else "tails"


@dsl.component
def number(n: int) -> int:
    return n


@dsl.component
def say(text: str) -> str:
    print(text)
    return text


@dsl.pipeline(name="conditions")
def conditions(seed: int = 1, ratio: float = 0.5, name: str = "x", loud: bool = False):
    coin = flip(seed=seed)
    n = number(n=seed)
    with dsl.If(coin.output == "heads", name="heads-branch"):
        say(text="heads")
    with dsl.Elif(n.output > 3):
        say(text=name)
    with dsl.Elif(ratio >= 0.25):
        say(text="ratio")
    with dsl.Else():
        say(text=coin.output)
    with dsl.Condition(loud == True):  # noqa: E712 - kfp needs the comparison
        with dsl.If(n.output != seed):
            say(text="nested")
        with dsl.Else():
            say(text="else")
    with dsl.If(name == "x"):
        say(text=name)


if __name__ == "__main__":
    compiler.Compiler().compile(conditions, "pipeline.yaml")
