import kfp
import typing
from typing import NamedTuple, List
from kfp.components import create_component_from_func
from kfp.dsl import pipeline


@create_component_from_func
def weird_format(
    first : int,   # the first
    second: typing.Dict[str, int] = {"a": 1},
    *,
    third: 'List[int]' = None,
    fourth :str='x'
)   ->   NamedTuple('Outs', [
    ('out_one', int),   # comment inside
    ('out_two', str),
]):
    '''Docstring with "quotes" and ünïcödé ☃.

    Args:
        first: The first number.
        second: A mapping.
            Continued description.
        third: Optional list.
    Returns:
        Two things.
    '''
    def helper(x: int, y: "str" = 'q') -> int:
        z: int = x + 1
        return z


    # two blank lines above are collapsed by kfp
    result = helper(first)  # trailing comment
    s = "string with -> arrow and x: int inside"
    return (result, s + fourth)


@create_component_from_func
def tabbed(x: int) -> str:
	"""Tab indented."""
	return str(x)   


@pipeline(name="Hints & Format!", description="Pipeline with weird formatting.")
def hints_format(n: int = 3):
    """Pipeline docstring.

    Args:
        n: how many
    """
    w = weird_format(n)
    tabbed(w.outputs["out_one"])


if __name__ == "__main__":
    kfp.compiler.Compiler().compile(hints_format, __file__[:-3] + ".yaml")
