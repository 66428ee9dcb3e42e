from kfp import dsl


@dsl.component
def source(seed: int) -> int:
    return seed


@dsl.component
def combine(a: int, b: int) -> int:
    return a + b


@dsl.component
def tick():
    print("tick")


@dsl.pipeline(name="order-after", description="Diamond with extra .after() edges.\n\nSecond paragraph.")
def order_after(seed: int = 7, unused: str = "never used"):
    first = source(seed=seed)
    left = source(seed=first.output)
    right = source(seed=first.output)
    t1 = tick().after(left)
    joined = combine(a=left.output, b=right.output).after(t1, left, first)
    t2 = tick()
    t2.after(joined)
    t3 = tick().after(t2, t1, right)
