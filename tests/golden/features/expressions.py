# Arguments that are expressions: f-strings, str.format, `+` and str() over pipeline
# parameters and task outputs (kfp 1 writes them into the argument strings, untyped), the run
# placeholders RUN_ID_PLACEHOLDER and EXECUTION_ID_PLACEHOLDER, an expression read as a file
# (a raw artifact Argo fills in), and expressions inside a ContainerOp's command.
import sys

import kfp
from kfp import dsl
from kfp.components import InputPath, create_component_from_func


@create_component_from_func
def greet(name: str, times: int = 1) -> str:
    return ("hello " + name + " ") * times


@create_component_from_func
def keep(note_path: InputPath()) -> str:
    return open(note_path).read()


@dsl.pipeline(name="expressions")
def expressions(user: str = "ada", count: int = 2, bucket: str = "gs://b"):
    first = greet(f"{user} (run {dsl.RUN_ID_PLACEHOLDER})", count)
    greet("{} and {}".format(user, first.output))
    greet("name: " + str(user) + "-" + str(first.output), str(count))
    greet(dsl.EXECUTION_ID_PLACEHOLDER)
    keep(f"{bucket}/{user}/{first.output}")
    keep(dsl.RUN_ID_PLACEHOLDER)
    dsl.ContainerOp(
        name="upload",
        image="google/cloud-sdk:slim",
        command=["gsutil", "cp", "/tmp/x", f"{bucket}/runs/{dsl.RUN_ID_PLACEHOLDER}/{user}.txt"],
    )


if __name__ == "__main__":
    kfp.compiler.Compiler().compile(expressions, sys.argv[1])
