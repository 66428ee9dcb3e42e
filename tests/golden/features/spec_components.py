# Components loaded from component YAML (load_component_from_text / _file / _url): the
# component_spec annotation is the spec as kfp normalises it, the component_ref holds the
# SHA-256 of the text (and the file name or URL), and every placeholder kind is expanded:
# inputValue, inputPath, outputPath, concat, if/isPresent with and without else, defaults
# that count as present, optional inputs left out, metadata annotations and labels on the
# pod, the container's env, fileOutputs, an output nobody reads, an input never placed, a
# volatile component (no caching), and a UI-metadata output.
import os
import sys

import kfp
from kfp import dsl
from kfp.components import load_component_from_file, load_component_from_text

os.chdir(os.path.dirname(os.path.abspath(__file__)))

TRAIN = """\
name: Train model
description: |
  Trains a model on a CSV table.
  Second line of the description.
inputs:
- {name: Training data, type: CSV, description: rows to learn from}
- {name: epochs, type: Integer, default: '5', optional: true}
- {name: rate, type: Float, default: '1', optional: true}
- {name: label column, type: String, optional: true}
- {name: notes, optional: true}
- {name: warm start, type: {GCSPath: {data_type: model}}, optional: true}
- {name: unused, type: String, default: kept}
outputs:
- {name: model, type: {GCSPath: {data_type: model}}}
- {name: accuracy, type: Float}
- {name: MLPipeline UI metadata, type: UI metadata}
metadata:
  annotations: {author: the designer tests, canonical_location: here}
  labels: {team: ml, tier: gold}
implementation:
  container:
    image: python:3.10
    command: [python3, -m, trainer]
    args:
    - --data
    - {inputPath: Training data}
    - --epochs
    - {inputValue: epochs}
    - {concat: [--rate=, {inputValue: rate}]}
    - if:
        cond: {isPresent: label column}
        then: [--label, {inputValue: label column}]
        else: [--no-label]
    - if:
        cond: {isPresent: warm start}
        then: [--warm, {inputPath: warm start}]
    - if:
        cond: {isPresent: notes}
        then:
        - {concat: ['--notes=', {inputPath: notes}]}
    - --model
    - {outputPath: model}
    - --ui
    - {outputPath: MLPipeline UI metadata}
    env: {PYTHONUNBUFFERED: '1', MODE: train}
    fileOutputs: {accuracy: /tmp/accuracy.txt}
"""

GREET = """name: greet
inputs:
- {name: who}
implementation:
  container:
    image: alpine
    args: [echo, {concat: [Hello, ' ', {inputValue: who}]}]
"""

train_op = load_component_from_text(TRAIN)
greet_op = load_component_from_text(GREET)
shout_op = load_component_from_file("components/shout.yaml")

# load_component_from_url, served from the file above (the tests run without network).
import requests  # noqa: E402


class _Served:
    def __init__(self, content):
        self.content = content

    def raise_for_status(self):
        pass


requests.get = lambda url, auth=None: _Served(open("components/shout.yaml", "rb").read())
shout_url_op = kfp.components.load_component_from_url("gs://my-bucket/components/shout.yaml")


@dsl.pipeline(name="spec-components", description="Components from YAML.")
def spec_components(data="a,b\n1,2", who: str = "world"):
    first = train_op(training_data=data, label_column="y", notes="from a constant")
    second = train_op(training_data=data, warm_start=first.outputs["model"],
                      rate=first.outputs["accuracy"], epochs=3)
    greet_op(who=who)
    loud = shout_op(text=who)
    shout_url_op(text=loud.outputs["shouted"], loud=False)
    greet_op(who=second.outputs["accuracy"])


if __name__ == "__main__":
    kfp.compiler.Compiler().compile(spec_components, sys.argv[1])
