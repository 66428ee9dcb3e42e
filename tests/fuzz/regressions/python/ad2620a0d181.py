from kfp import dsl

@dsl.component(base_image="")
def add(a: int = 2) -> int:
    return a

@dsl.pipeline(name="p")
def p():
    t = add()
