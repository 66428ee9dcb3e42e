# kfp 2 refuses a PipelineTaskFinalStatus input on a task that is not an exit task.
from kfp import compiler, dsl
from kfp.dsl import PipelineTaskFinalStatus


@dsl.component
def report(status: PipelineTaskFinalStatus):
    print(status)


@dsl.pipeline(name="final-status-outside-exit")
def p():
    report()


if __name__ == "__main__":
    compiler.Compiler().compile(p, "pipeline.yaml")
