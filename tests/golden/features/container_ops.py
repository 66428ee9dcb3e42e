# kfp 1 ContainerOps written directly (dsl.ContainerOp): parameters formatted into argument
# strings, file_outputs read downstream as parameters and as files, an input artifact from
# dsl.InputArgumentPath, the UI metadata file output (artifact only), an op without command,
# ops from a factory function, a function component reading an op's output, and a kfp 1
# @dsl.component factory (its function's interface becomes the op's component spec, its
# return annotation an extra output).
import sys

import kfp
from kfp import dsl
from kfp.components import InputPath, create_component_from_func


def echo_op(text, name="echo"):
    return dsl.ContainerOp(
        name=name,
        image="library/bash:4.4.23",
        command=["sh", "-c"],
        arguments=["echo %s | tee /tmp/out.txt" % text],
        file_outputs={"out": "/tmp/out.txt"},
    )


@dsl.component
def shout_op(text: str, times: int = 1) -> str:
    """Shouts a text.

    Args:
        text: what to shout
    """
    return dsl.ContainerOp(
        name="shout",
        image="alpine:3.18",
        command=["sh", "-c", "echo %s | tr a-z A-Z > /tmp/loud" % text],
        file_outputs={"loud": "/tmp/loud"},
    )


@create_component_from_func
def count_chars(text_path: InputPath()) -> int:
    return len(open(text_path).read())


@dsl.pipeline(name="container-ops")
def container_ops(msg: str = "hi", times: int = 2):
    first = echo_op(msg)
    second = echo_op(f"{first.output} again", name="echo twice")
    dsl.ContainerOp(
        name="repeat",
        image="alpine:3.18",
        command=["sh", "-c", f"for i in $(seq {times}); do cat /in/text; done > /out/all"],
        artifact_argument_paths=[dsl.InputArgumentPath(second.outputs["out"], path="/in/text")],
        file_outputs={"all": "/out/all", "mlpipeline-ui-metadata": "/out/ui.json"},
    )
    dsl.ContainerOp(name="bare", image="hello-world:latest")
    count_chars(text=first.outputs["out"])
    shout_op(msg)


if __name__ == "__main__":
    kfp.compiler.Compiler().compile(container_ops, sys.argv[1])
