import kfp
from kfp.components import create_component_from_func
from kfp.dsl import pipeline


@create_component_from_func
def classify(code: int, extra: dict = None) -> str:
    """Classify a status code with a match statement.

    @param code: the HTTP status code
    @param extra: more data
    """
    label: str = "unknown"
    note: str
    match code:
        case 200 | 201:
            label = "ok"
        case 404:
            label = "missing"
    return label


@create_component_from_func
def tabs_and_spaces(text: str) -> str:
	"""Tabs make kfp write the program double-quoted."""
	return text.upper()  


@pipeline(name="modern syntax")
def modern_syntax(code: int = 404):
    c = classify(code)
    tabs_and_spaces(c.output)
    classify(200, {"k": "v"})


if __name__ == "__main__":
    kfp.compiler.Compiler().compile(modern_syntax, __file__[:-3] + ".yaml")
