# kfp-kubernetes settings inside a sub-pipeline whose one executor kfp renames (-2): the
# inner node selector moves with it, the caller's own stays.
from kfp import compiler, dsl, kubernetes


@dsl.component
def a(x: str) -> str:
    return x


@dsl.component
def b(x: str):
    print(x)


@dsl.pipeline
def inner(x: str) -> str:
    t = a(x=x)
    kubernetes.add_node_selector(t, label_key="pool", label_value="gpu")
    return t.output


@dsl.pipeline(name="platform")
def platform():
    s = a(x="1")
    kubernetes.add_node_selector(s, label_key="pool", label_value="cpu")
    i = inner(x="2")
    b(x=i.output)


if __name__ == "__main__":
    compiler.Compiler().compile(platform, "platform.yaml")
