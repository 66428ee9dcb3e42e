# Three levels of pipelines, a default taken, outputs read by the caller, .after(), and
# sub-pipelines inside a condition and a loop. kfp1/nested.py is the same pipeline in kfp 1
# (where a called pipeline function runs its ops in the caller): its kfp 1.8.9 YAML is what
# the designer's v1 target writes for this kfp 2 file.
from kfp import compiler, dsl


@dsl.component
def add(a: int, b: int = 1) -> int:
    return a + b


@dsl.component
def show(text: str):
    print(text)


@dsl.pipeline(name="inner")
def inner(x: int, step: int = 10) -> int:
    first = add(a=x, b=step)
    return add(a=first.output).output


@dsl.pipeline(name="middle")
def middle(x: int) -> int:
    return inner(x=x, step=100).output


@dsl.pipeline(name="nested")
def nested(n: int = 1):
    start = show(text="go")
    one = inner(x=n)
    two = middle(x=one.output)
    add(a=one.output, b=two.output).after(start)
    with dsl.Condition(n == 1):
        inner(x=two.output)
    with dsl.ParallelFor([1, 2]) as item:
        middle(x=item)


if __name__ == "__main__":
    compiler.Compiler().compile(nested, "nested.yaml")
