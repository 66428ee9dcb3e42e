# Components without inputs: sources of data that take nothing, and a pipeline without
# parameters.
import sys

import kfp
from kfp import dsl
from kfp.components import create_component_from_func


@create_component_from_func
def today() -> str:
    import datetime
    return datetime.date.today().isoformat()


@create_component_from_func
def random_number() -> int:
    import random
    return random.randint(1, 6)


@create_component_from_func
def heartbeat():
    print("alive")


@create_component_from_func
def announce(day: str, roll: int):
    print("On {} the die showed {}".format(day, roll))


@dsl.pipeline(name="no-inputs")
def no_inputs():
    day = today()
    roll = random_number()
    heartbeat()
    announce(day=day.output, roll=roll.output)


if __name__ == "__main__":
    kfp.compiler.Compiler().compile(no_inputs, sys.argv[1])
