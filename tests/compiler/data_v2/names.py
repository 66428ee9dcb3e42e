from kfp import dsl


@dsl.component
def step(x: int) -> int:
    return x + 1


@dsl.component
def step_2(x: int) -> int:
    return x + 2


@dsl.component
def _Private__Thing_(x: int) -> int:
    return x


@dsl.component
def ñandú_step(x: int) -> int:
    return x


@dsl.component
def ñ(x: int) -> int:
    return x


@dsl.component
def a_component_with_an_extremely_long_function_name_that_goes_on_and_on_to_make_a_key_longer_than_one_hundred_and_twenty_eight(x: int) -> int:
    return x


@dsl.component
def yes(x: int) -> int:
    return x


@dsl.component
def _1(x: int) -> int:
    return x


@dsl.pipeline(name="Names & Dedup!")
def names_pipeline():
    a = step(x=1)
    b = step(x=2)
    c = step_2(x=3)
    d = step(x=4)
    e = _Private__Thing_(x=5)
    f = ñandú_step(x=6)
    g = ñ(x=7)
    h = ñ(x=8)
    i = a_component_with_an_extremely_long_function_name_that_goes_on_and_on_to_make_a_key_longer_than_one_hundred_and_twenty_eight(x=a.output)
    j = a_component_with_an_extremely_long_function_name_that_goes_on_and_on_to_make_a_key_longer_than_one_hundred_and_twenty_eight(x=i.output).after(h)
    k = yes(x=j.output)
    m = _1(x=k.output).after(a)
    yes(x=m.output)
