# Component functions whose captured source is easy to get wrong: kfp takes what
# inspect.getsource gives from the first decorator, dedents it and drops the lines before
# the first one starting with "def". tests/importers/test_source_capture.py compares ours
# with kfp 1.8.9's for every component here.
import functools

import sys

import kfp
from kfp import dsl
from kfp.components import create_component_from_func


# A comment right above the decorator is not part of the source.
@create_component_from_func
def trailing_comments(a: int) -> int:
    b = a + 1
    return b
    # an indented trailing comment belongs to the block
        # and so does a deeper one
# but a comment at column 0 does not


@create_component_from_func
# a comment between the decorator and the def is dropped with the decorator
def comment_after_decorator(a: int) -> int:
    return a


@create_component_from_func
def ends_with_multiline_string(a: int) -> str:
    text = """first
second line at column 0
    indented third"""
    return text + """
tail
"""


@create_component_from_func
def docstring_only(a: int):
    """Only a docstring.

  Its second line is less indented than the first.
    """


@create_component_from_func
def one_liner(a: int) -> int: return a * 2


@functools.partial(
    create_component_from_func,
    base_image="python:3.9",
)
def multiline_decorator(
    a: int,
    b: str = "x, y",  # a comment inside the signature
) -> str:
    return b * a


@create_component_from_func
def whitespace_lines(a: int) -> int:
    x = a
    
    y = x  # the line above holds four spaces, which dedent turns into an empty line
	
    return y
@create_component_from_func
def no_blank_line_between(a: int) -> int:
    return a + \
        1


@create_component_from_func
def unicode_body(이름: str = "세계") -> str:
    print(f"안녕, {이름}!")  # 한국어 주석
    return 이름


def nested_blocks(a: int) -> int:
    if a > 0:
        for i in range(a):
            a += i
    else:
        a = -a
    return a


nested_blocks_op = create_component_from_func(nested_blocks)


@dsl.pipeline(name="source-capture")
def source_capture(a: int = 1):
    trailing_comments(a)
    comment_after_decorator(a)
    ends_with_multiline_string(a)
    docstring_only(a)
    one_liner(a)
    multiline_decorator(a)
    whitespace_lines(a)
    no_blank_line_between(a)
    unicode_body()
    nested_blocks_op(a)
    # the end of the pipeline


if __name__ == "__main__":
    kfp.compiler.Compiler().compile(source_capture, sys.argv[1])
