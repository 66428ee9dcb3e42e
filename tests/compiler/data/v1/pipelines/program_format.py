import kfp
from kfp.components import create_component_from_func
from kfp.dsl import pipeline


def trailing(x: int) -> int:   
    """Trailing spaces on the def line."""
    y = x  
    return y


def nested_stuff(items: list, scale: float = 2.0) -> list:
    import functools

    class Box:
        value: int = 0

        def get(self, k: int = 0) -> int:
            return self.value + k

    async def later(v: int) -> int:
        return v

    @functools.lru_cache(maxsize=None)
    def cached(v: int) -> float:
        return v * scale

    f = lambda q: q * 2
    text = """multi
line -> string with def fake(a: int) -> int: inside


end"""
    return [cached(i) for i in items]


def positional(a: int, b: str, *, c: bool = False) -> str:
    return f"{a}{b}{c!r:>5}"


trailing_op = create_component_from_func(trailing, packages_to_install=["numpy>=1.20,<2", "it's-quoted"])
nested_op = create_component_from_func(nested_stuff, base_image="gcr.io/my-project/image:latest")
positional_op = create_component_from_func(positional)


@pipeline(name="trailing")
def program_format(n: int = 1):
    t = trailing_op(n)
    nested_op([1, 2, 3])
    positional_op(t.output, "s", c=True)


if __name__ == "__main__":
    kfp.compiler.Compiler().compile(program_format, __file__[:-3] + ".yaml")
