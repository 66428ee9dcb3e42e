# dsl.Condition: on a task output (==), on a pipeline parameter (!=), with the constant
# written first (kfp records `5 < n` as `n > 5`), nested conditions, a named condition,
# parameters and outputs crossing group borders (a task inside reads a parameter and an
# upstream output; a task outside reads an output made inside and runs after a task inside).
import sys

import kfp
from kfp import dsl
from kfp.components import create_component_from_func


@create_component_from_func
def flip_coin(seed: int) -> str:
    import random
    random.seed(seed)
    return random.choice(['heads', 'tails'])


@create_component_from_func
def roll_die(seed: int) -> int:
    import random
    random.seed(seed)
    return random.randint(1, 6)


@create_component_from_func
def say(text: str) -> str:
    print(text)
    return text


@dsl.pipeline(name="conditions")
def conditions(seed: int = 7, mode: str = "fast", limit: int = 3):
    coin = flip_coin(seed)
    die = roll_die(seed)
    with dsl.Condition(coin.output == "heads"):
        heads = say(f"heads with {mode}")
        with dsl.Condition(die.output > limit, name="big_roll"):
            say(f"rolled {die.output}")
            with dsl.Condition(5 <= die.output):
                say(coin.output)
    with dsl.Condition(mode != "slow"):
        fast = say("fast mode")
    late = say(heads.output)
    late.after(fast)


if __name__ == "__main__":
    kfp.compiler.Compiler().compile(conditions, sys.argv[1])
