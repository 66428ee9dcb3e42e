import kfp
from kfp.dsl import pipeline


@pipeline(name="empty", description="  spaced out  ")
def empty(x: int = 1):
    pass


if __name__ == "__main__":
    kfp.compiler.Compiler().compile(empty, __file__[:-3] + ".yaml")
