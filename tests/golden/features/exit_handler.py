# dsl.ExitHandler: the exit task (created before the handler, reading a pipeline parameter)
# is the workflow's onExit template and sits in no DAG; the handler's group holds the tasks,
# a condition and a loop. The pipeline root becomes kfp 1.8.9's `pipeline-root` parameter.
import sys

import kfp
from kfp import dsl
from kfp.components import create_component_from_func


@create_component_from_func
def notify(channel: str, text: str):
    print(f"[{channel}] {text}")


@create_component_from_func
def work(step: int) -> int:
    return step * 2


@dsl.pipeline(name="exit-handler", description="Cleans up whatever happens.",
              pipeline_root="gs://bucket/exit-handler")
def exit_handler(channel: str = "#ops"):
    goodbye = notify(channel, "pipeline finished")
    with dsl.ExitHandler(goodbye):
        first = work(1)
        with dsl.Condition(first.output > 1):
            work(first.output)
        with dsl.ParallelFor([3, 4]) as step:
            work(step)


if __name__ == "__main__":
    kfp.compiler.Compiler().compile(exit_handler, sys.argv[1])
