# Fan-in: four independent producers joined by one consumer with four inputs.
import sys

import kfp
from kfp import dsl
from kfp.components import create_component_from_func


@create_component_from_func
def measure_north() -> int:
    return 12


@create_component_from_func
def measure_south() -> int:
    return 7


@create_component_from_func
def measure_east(offset: int) -> int:
    return 3 + offset


@create_component_from_func
def measure_west(offset: int) -> int:
    return 9 - offset


@create_component_from_func
def total(north: int, south: int, east: int, west: int) -> int:
    result = north + south + east + west
    print("total:", result)
    return result


@dsl.pipeline(name="fan-in")
def fan_in(offset: int = 1):
    n = measure_north()
    s = measure_south()
    e = measure_east(offset=offset)
    w = measure_west(offset=offset)
    total(north=n.output, south=s.output, east=e.output, west=w.output)


if __name__ == "__main__":
    kfp.compiler.Compiler().compile(fan_in, sys.argv[1])
