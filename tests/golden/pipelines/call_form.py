# The call form: plain functions turned into components by assignment, mixed with the
# decorator form; positional task arguments follow the function's parameter order.
import sys

import kfp
from kfp.components import create_component_from_func
from kfp.dsl import pipeline


def tokenize(text: str, lowercase: bool = True) -> list:
    words = text.split()
    return [w.lower() for w in words] if lowercase else words


def count_words(words: list) -> int:
    return len(words)


tokenize_op = create_component_from_func(tokenize, base_image="python:3.9")
count_op = create_component_from_func(count_words)


@create_component_from_func
def report(count: int, text: str):
    print(count, "words in", repr(text))


@pipeline(name="call-form")
def call_form(text: str = "The quick brown fox"):
    tokens = tokenize_op(text)
    counted = count_op(tokens.output)
    report(counted.output, text)


if __name__ == "__main__":
    kfp.compiler.Compiler().compile(call_form, sys.argv[1])
