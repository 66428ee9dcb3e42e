# kfp 2 conditions comparing different types (kfp casts to the wider of string > bool >
# double > int, in its own way); comparisons as Python evaluates them (a constant on the
# left, or a loop item on the right of a task output, answers with the reflected operator:
# kfp records the operands swapped); a dsl.Condition chained with Elif/Else; a cleanup task
# that ignores upstream failures and reads its upstream's final status.
from kfp import compiler, dsl
from kfp.dsl import PipelineTaskFinalStatus


@dsl.component
def number(n: int) -> int:
    return n


@dsl.component
def say(text: str) -> str:
    return text


@dsl.component
def cleanup(status: PipelineTaskFinalStatus, note: str = "done"):
    print(status.state, note)


@dsl.pipeline(name="cel-casts")
def cel_casts(ratio: float = 0.5, flag: bool = True, text: str = "3", n: int = 2):
    got = number(n=n)
    with dsl.If(got.output == 1.5):
        say(text="int vs float")
    with dsl.If(flag == 1):
        say(text="bool vs int")
    with dsl.If(text == 3):
        say(text="str vs int")
    with dsl.If(ratio < n):
        say(text="float vs int channel")
    with dsl.If(flag != False):  # noqa: E712
        say(text="bool vs bool")
    with dsl.Condition(text == "a"):
        say(text="a")
    with dsl.Elif(text == "b"):
        say(text="b")
    with dsl.Else():
        say(text="c")
    # (kfp reads every input but the status here: pass them all)
    cleanup(note="x").after(got).ignore_upstream_failure()
    word = say(text="x")
    with dsl.If(3 < n):
        say(text="constant on the left")
    with dsl.ParallelFor(["x", "y"]) as item:
        with dsl.If(word.output == item):
            say(text=item)


if __name__ == "__main__":
    compiler.Compiler().compile(cel_casts, "pipeline.yaml")
