# typing annotations: List[int], Dict[str, int] and Optional[...] on inputs and outputs.
import sys
from typing import Dict, List, Optional

import kfp
from kfp import dsl
from kfp.components import create_component_from_func


@create_component_from_func
def make_numbers(count: int) -> List[int]:
    return list(range(count))


@create_component_from_func
def histogram(numbers: List[int], bucket: Optional[int] = None) -> Dict[str, int]:
    size = bucket or 2
    counts = {}
    for n in numbers:
        key = str(n // size)
        counts[key] = counts.get(key, 0) + 1
    return counts


@create_component_from_func
def show(counts: Dict[str, int], title: Optional[str] = None):
    print(title or "histogram", counts)


@dsl.pipeline(name="typing-forms")
def typing_forms(count: int = 10):
    numbers = make_numbers(count=count)
    hist = histogram(numbers=numbers.output)
    show(counts=hist.output, title="buckets of two")
    wide = histogram(numbers=numbers.output, bucket=5)
    show(counts=wide.output)


if __name__ == "__main__":
    kfp.compiler.Compiler().compile(typing_forms, sys.argv[1])
