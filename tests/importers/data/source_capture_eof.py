# The pipeline comes first and the last component ends the file without a newline
# (linecache adds one, so kfp's captured source ends with "\n" all the same).
from kfp import dsl
from kfp.components import create_component_from_func


@dsl.pipeline(name="source-capture-eof")
def source_capture_eof(a: int = 1):
    last_in_file(a)


@create_component_from_func
def last_in_file(a: int) -> int:
    return a
    # a trailing comment, then the end of the file