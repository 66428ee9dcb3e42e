"""Count, total and mean of a list of numbers, as separate outputs."""
from typing import NamedTuple


def summarize_numbers(values: list) -> NamedTuple("Outputs", [("count", int), ("total", float), ("mean", float)]):
    from collections import namedtuple
    count = len(values)
    total = float(sum(values))
    mean = total / count if count else 0.0
    return namedtuple("Outputs", ["count", "total", "mean"])(count, total, mean)
