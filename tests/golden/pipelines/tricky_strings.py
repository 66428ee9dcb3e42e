# Strings that stress YAML and JSON quoting: colons, hashes, quotes, braces, newlines,
# leading spaces, and values that look like other types.
import sys

import kfp
from kfp import dsl
from kfp.components import create_component_from_func


@create_component_from_func
def echo(text: str) -> str:
    """Echo "text" back: it's returned as-is (even {braces} & #hashes)."""
    print(text)
    return text


@dsl.pipeline(name="tricky-strings", description='Quotes "double" and \'single\': ok? #yes')
def tricky_strings(text: str = "key: value # not a comment"):
    echo(text=text)
    echo(text="line one\nline two\n\ttabbed")
    echo(text="  leading and trailing spaces  ")
    echo(text="it's a \"quoted\" {word} [list] & more")
    echo(text="true")
    echo(text="123")
    echo(text="null")
    echo(text="- dash first")
    echo(text="back\\slash")


if __name__ == "__main__":
    kfp.compiler.Compiler().compile(tricky_strings, sys.argv[1])
