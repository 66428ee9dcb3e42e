import kfp
from kfp.components import create_component_from_func
from kfp.dsl import pipeline


@create_component_from_func
def hello():
    """Say hello."""
    print("hello")


@pipeline(name="no-params")
def no_params():
    hello()


if __name__ == "__main__":
    kfp.compiler.Compiler().compile(no_params, __file__[:-3] + ".yaml")
