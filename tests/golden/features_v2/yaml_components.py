# kfp 2 loading kfp 1 component YAML (load_component_from_text): typed and untyped inputs
# and outputs, inputValue / inputPath / outputPath placeholders, concat and if/isPresent,
# optional inputs with defaults (read from strings as kfp 1 YAML writes them), an artifact
# output consumed by a function component, names that kfp sanitises, environment variables.
from kfp import compiler, components, dsl
from kfp.dsl import Artifact, Input, Model, Output

SPLIT = """
name: Split table
description: Splits a CSV table into two.
inputs:
- {name: Input table, type: CSV}
- {name: Ratio, type: Float, default: '0.8'}
- {name: Seed, type: Integer, optional: true}
- {name: Shuffle, type: Boolean, default: 'True'}
- {name: Columns, type: JsonArray, default: '["a", "b"]'}
outputs:
- {name: Train, type: CSV}
- {name: Test}
- {name: Row count, type: Integer}
implementation:
  container:
    image: alpine:3.19
    command: [split-table]
    args:
    - --input
    - {inputPath: Input table}
    - {concat: [--ratio=, {inputValue: Ratio}]}
    - if:
        cond: {isPresent: Seed}
        then: [--seed, {inputValue: Seed}]
        else: [--no-seed]
    - --shuffle
    - {inputValue: Shuffle}
    - --columns
    - {inputValue: Columns}
    - {outputPath: Train}
    - {outputPath: Test}
    - {outputPath: Row count}
    env:
      MODE: fast
"""

TRAIN = """
name: Train model
inputs:
- {name: data, type: Dataset}
- {name: rows, type: Integer}
outputs:
- {name: model, type: Model}
implementation:
  container:
    image: python:3.11
    command: [train, {inputUri: data}, {inputValue: rows}, {outputUri: model}]
"""


@dsl.component
def make_table(rows: int, table: Output[Artifact]):
    with open(table.path, "w") as f:
        f.write("a,b\n" * rows)


@dsl.component
def inspect(model: Input[Model]):
    print(model.uri)


split_op = components.load_component_from_text(SPLIT)
train_op = components.load_component_from_text(TRAIN)


@dsl.pipeline(name="yaml-components")
def yaml_components(rows: int = 10):
    made = make_table(rows=rows)
    split = split_op(input_table=made.outputs["table"], seed=7)
    trained = train_op(data=split.outputs["train"], rows=split.outputs["row_count"])
    inspect(model=trained.outputs["model"])


if __name__ == "__main__":
    compiler.Compiler().compile(yaml_components, "pipeline.yaml")
