# A pipeline decorated without a name or description: kfp names it after the function
# ("Pipeline docstring" -> pipeline-docstring) and takes the description from the first
# docstring line, and input descriptions from its Args: section.
import sys

import kfp
from kfp import dsl
from kfp.components import create_component_from_func


@create_component_from_func
def repeat(word: str, times: int) -> str:
    """Repeat a word.

    Args:
        word: What to repeat.
        times: How often.
    """
    return " ".join([word] * times)



@dsl.pipeline()
def pipeline_docstring(word: str = "pipeline", times: int = 3):
    """Repeats a word a few times.

    The rest of the docstring is not part of the description.

    Args:
        word: The word to repeat.
        times: How many copies to make.
    """
    repeat(word=word, times=times)


if __name__ == "__main__":
    kfp.compiler.Compiler().compile(pipeline_docstring, sys.argv[1])
