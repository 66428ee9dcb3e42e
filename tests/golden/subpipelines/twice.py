# A sub-pipeline used twice, its output read by an outer task and returned by the pipeline;
# the outer pipeline uses the inner's component too (kfp renames the inner's copies).
from kfp import compiler, dsl


@dsl.component
def shout(text: str) -> str:
    return text.upper()


@dsl.component
def join(a: str, b: str) -> str:
    return a + b


@dsl.pipeline
def loud(text: str = "hi") -> str:
    first = shout(text=text)
    return shout(text=first.output).output


@dsl.pipeline(name="twice")
def twice(word: str = "a") -> str:
    one = loud(text=word)
    two = loud()
    both = join(a=one.output, b=two.output)
    shout(text=both.output)
    return two.output


if __name__ == "__main__":
    compiler.Compiler().compile(twice, "twice.yaml")
