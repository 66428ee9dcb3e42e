# kfp 2 exit handler: the exit task reads the group's final status (PipelineTaskFinalStatus)
# and a pipeline parameter; tasks inside depend on each other; a named exit handler.
from kfp import compiler, dsl
from kfp.dsl import PipelineTaskFinalStatus


@dsl.component
def cleanup(message: str, status: PipelineTaskFinalStatus):
    print(message, status.state)


@dsl.component
def work(text: str) -> str:
    return text


@dsl.pipeline(name="exit-handler")
def exit_handler(message: str = "bye"):
    done = cleanup(message=message)
    with dsl.ExitHandler(done, name="guarded"):
        first = work(text=message)
        work(text=first.output)


if __name__ == "__main__":
    compiler.Compiler().compile(exit_handler, "pipeline.yaml")
