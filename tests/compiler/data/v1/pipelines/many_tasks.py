import kfp
from typing import NamedTuple
from kfp.components import create_component_from_func
from kfp.dsl import pipeline


@create_component_from_func
def split_value(value: float) -> NamedTuple('Parts', [('whole', int), ('fraction', float)]):
    """Split a value into its whole and fractional parts."""
    return (int(value), value - int(value))


@create_component_from_func
def combine(whole: int, fraction: float, scale: float = 1.5) -> float:
    return (whole + fraction) * scale


@create_component_from_func
def report(value: float, label: str = "value"):
    print(label, value)


@pipeline(name="many tasks", description="Forty tasks built in a loop.")
def many_tasks(start: float = 2.5, label: str = "result"):
    previous = None
    for i in range(13):
        parts = split_value(start if previous is None else previous.output)
        previous = combine(parts.outputs["whole"], parts.outputs["fraction"], scale=i + 0.5)
        r = report(previous.output, label if i % 2 else "step %d" % i)
        if i % 3 == 0:
            r.after(parts)


if __name__ == "__main__":
    kfp.compiler.Compiler().compile(many_tasks, __file__[:-3] + ".yaml")
