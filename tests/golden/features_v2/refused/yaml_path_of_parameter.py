# kfp 2 refuses component YAML that reads a parameter-typed input by path.
from kfp import compiler, components, dsl

COUNT = """
name: Count lines
inputs:
- {name: text, type: String}
implementation:
  container:
    image: alpine:3.19
    command: [wc, -l, {inputPath: text}]
"""

count_op = components.load_component_from_text(COUNT)


@dsl.pipeline(name="yaml-path-of-parameter")
def p():
    count_op(text="a")


if __name__ == "__main__":
    compiler.Compiler().compile(p, "pipeline.yaml")
