# kfp 1.8.9 container steps: inline ContainerOps with values formatted into strings,
# file outputs (and the ui-metadata artifact), factories called with parameters, outputs and
# constants, a ContainerOp subclass, a typed @dsl.component factory, run placeholders and
# InputArgumentPath artifacts. Read by test_kfp_python_structure.py (kfp runs it there).
from kfp import dsl


def echo_op(text, label: str = "x"):
    return dsl.ContainerOp(name="Echo " + label, image="alpine:3.18",
                           command=["echo", text], file_outputs={"out": "/tmp/out"})


class PrintOp(dsl.ContainerOp):
    def __init__(self, msg):
        super().__init__(name="Print", image="alpine:3.18", command=["echo", msg])


@dsl.component
def typed_op(count: int, word: str = "w"):
    return dsl.ContainerOp(name="Typed", image="busybox", arguments=["%s:%s" % (word, count)])


@dsl.pipeline(name="echo")
def echo(msg: str = "hi", n: int = 3):
    first = dsl.ContainerOp(
        name="Produce text",
        image="alpine:3.18",
        command=["sh", "-c"],
        arguments=["echo %s-%s > /tmp/out.txt" % (msg, n), "--count", n, 7, 1.5, False],
        file_outputs={"text": "/tmp/out.txt", "mlpipeline-ui-metadata": "/tmp/ui.json"},
    )
    dsl.ContainerOp(name="Consume", image="alpine:3.18",
                    command=["cat"], arguments=[f"{first.output}/x", first.outputs["text"],
                                                "{}={}".format("n", n)])
    a = echo_op(msg)
    echo_op(first.output).after(a)
    echo_op("const", label="y")
    PrintOp(a.output)
    PrintOp(dsl.RUN_ID_PLACEHOLDER + "/" + dsl.EXECUTION_ID_PLACEHOLDER)
    typed_op(n)
    typed_op(5, word=msg)
    dsl.ContainerOp(name="Artifacts", image="alpine", command=[
        "cat", dsl.InputArgumentPath(first.outputs["text"]),
        dsl.InputArgumentPath("inline", input="note", path="/in/note")],
        artifact_argument_paths=[dsl.InputArgumentPath(a.output, input="extra")],
        output_artifact_paths={"report": "/tmp/report"})
