from kfp import dsl


@dsl.component
def echo(text: str) -> str:
    return text


@dsl.pipeline(name="strings")
def strings_pipeline(
    plain: str = "hello",
    spaced: str = "  leading and trailing  ",
    looks_bool: str = "yes",
    looks_null: str = "null",
    looks_int: str = "123",
    colon: str = "key: value",
    long: str = "a fairly long default string that should be folded by the yaml emitter because it runs past eighty columns",
):
    echo(text=plain)
    echo(text=spaced)
    echo(text=looks_bool)
    echo(text=looks_null)
    echo(text=looks_int)
    echo(text=colon)
    echo(text=long)
    echo(text="")
    echo(text="true")
    echo(text="1e5")
    echo(text="0x1F")
    echo(text="2001-12-14")
    echo(text="- dash")
    echo(text="# hash")
    echo(text="it's \"quoted\" \\ backslash")
    echo(text="tab\there")
    echo(text="line one\nline two\n\nline four\n")
    echo(text="{{$}}")
    echo(text="ends with space ")
    echo(text="~")
    echo(text="aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
    echo(text="word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word ")
    echo(text="☃ snow ☃ ☃ snow ☃ ☃ snow ☃ ☃ snow ☃ ☃ snow ☃ ☃ snow ☃ ☃ snow ☃ ☃ snow ☃ ☃ snow ☃ ☃ snow ☃ ☃ snow ☃ ☃ snow ☃ ")
    echo(text="emoji 😀 astral")
    echo(text="bell\x07 and nul-ish \x1b escape")
