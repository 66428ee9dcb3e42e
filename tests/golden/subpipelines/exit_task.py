# A sub-pipeline (with a condition inside) as the exit task of an ExitHandler and inside it:
# the second copy's names are renamed -3 past the first's.
from kfp import compiler, dsl


@dsl.component
def say(text: str) -> str:
    print(text)
    return text


@dsl.pipeline
def cleanup(note: str = "done"):
    said = say(text=note)
    with dsl.If(said.output == "done"):
        say(text="cleaned")


@dsl.component
def work(text: str):
    print(text)


@dsl.pipeline(name="exit-task")
def exit_task(message: str = "work"):
    bye = cleanup(note="bye")
    with dsl.ExitHandler(bye):
        work(text=message)
        cleanup()


if __name__ == "__main__":
    compiler.Compiler().compile(exit_task, "exit_task.yaml")
