# Unicode: Korean text in docstrings, string constants, defaults and the description.
import sys

import kfp
from kfp import dsl
from kfp.components import create_component_from_func


@create_component_from_func
def greet(name: str, greeting: str = "안녕하세요") -> str:
    """이름을 받아 인사말을 만듭니다."""
    message = "{}, {}님!".format(greeting, name)
    print(message)
    return message


@create_component_from_func
def count_characters(text: str) -> int:
    """글자 수를 셉니다 (공백 제외)."""
    return len(text.replace(" ", ""))


@dsl.pipeline(name="unicode-korean", description="한국어 파이프라인: 인사하고 글자 수를 셉니다.")
def unicode_korean(name: str = "홍길동"):
    hello = greet(name=name)
    count_characters(text=hello.output)
    greet(name="세계", greeting="반갑습니다")


if __name__ == "__main__":
    kfp.compiler.Compiler().compile(unicode_korean, sys.argv[1])
