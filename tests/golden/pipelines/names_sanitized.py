# Names are made Kubernetes-safe: the pipeline name and the component names are lowercased,
# with runs of other characters turned into dashes; parameter names keep their case.
import sys

import kfp
from kfp import dsl
from kfp.components import create_component_from_func


@create_component_from_func
def Load_CSV_File(file_path: str) -> str:
    return file_path


@create_component_from_func
def step2__clean_data(raw_text: str) -> str:
    return raw_text.strip()


@dsl.pipeline(name="My Pipeline_v2 (Test)")
def names_sanitized(filePath: str = "/data/in.csv"):
    loaded = Load_CSV_File(file_path=filePath)
    step2__clean_data(raw_text=loaded.output)


if __name__ == "__main__":
    kfp.compiler.Compiler().compile(names_sanitized, sys.argv[1])
