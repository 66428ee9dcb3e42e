# A kfp 2 container component compiled for KFP v1. kfp 1.8.9 cannot load kfp 2's
#
#     @dsl.container_component
#     def make_report(title: str, data: Input[Dataset], report: Output[Markdown],
#                     count: dsl.OutputPath(int), rows: int = 10, style: str = None):
#         """Writes a report."""
#         return dsl.ContainerSpec(image="alpine:3.18", command=["sh", "-c", SCRIPT], args=[
#             f"--title={title}", rows, data.path, report.path, count,
#             dsl.IfPresentPlaceholder(input_name="style", then=["--style", style])])
#
# so the designer compiles it as the equivalent kfp 1 component YAML (below, in kfp's own
# ComponentSpec.save format) loaded with load_component_from_text: parameters typed as kfp 1
# types (String, Integer), artifacts by their class name (Dataset, Markdown), path and
# artifact ports as inputPath/outputPath. This file is that kfp 1 pipeline.
import sys

import kfp
from kfp import dsl
from kfp.components import OutputPath, create_component_from_func, load_component_from_text

MAKE_REPORT = """\
name: make-report
description: Writes a report.
inputs:
- {name: title, type: String}
- {name: rows, type: Integer, default: '10', optional: true}
- {name: data, type: Dataset}
- {name: style, type: String, optional: true}
outputs:
- {name: report, type: Markdown}
- {name: count, type: Integer}
implementation:
  container:
    image: alpine:3.18
    command: [sh, -c, mkdir -p "$(dirname "$3")" && head -n "$1" "$2" > "$3" && echo
        "$1" > "$4"]
    args:
    - concat:
      - --title=
      - {inputValue: title}
    - {inputValue: rows}
    - {inputPath: data}
    - {outputPath: report}
    - {outputPath: count}
    - if:
        cond: {isPresent: style}
        then:
        - --style
        - {inputValue: style}
"""
make_report = load_component_from_text(MAKE_REPORT)


@create_component_from_func
def make_data(data_path: OutputPath("Dataset")):
    with open(data_path, "w") as f:
        f.write("a\nb\nc\n")


@dsl.pipeline(name="v2-containers")
def v2_containers(title: str = "Weekly"):
    data = make_data()
    first = make_report(title=title, data=data.outputs["data"])
    make_report(title=f"{first.outputs['count']} rows", data=data.outputs["data"], rows=2,
                style="plain")


if __name__ == "__main__":
    kfp.compiler.Compiler().compile(v2_containers, sys.argv[1])
