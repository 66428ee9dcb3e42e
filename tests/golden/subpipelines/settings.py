# A sub-pipeline task's own settings: display name, caching off, retries, after().
from kfp import compiler, dsl


@dsl.component
def step(n: int) -> int:
    return n + 1


@dsl.pipeline
def inner(n: int = 1) -> int:
    return step(n=n).output


@dsl.pipeline(name="settings")
def settings():
    first = step(n=0)
    sub = inner(n=first.output).set_display_name("the inner one")
    sub.set_caching_options(False)
    sub.set_retry(num_retries=3, backoff_duration="30s")
    step(n=5).after(sub)


if __name__ == "__main__":
    compiler.Compiler().compile(settings, "settings.yaml")
