# File passing between function components (kfp 1 InputPath/OutputPath and the text and
# binary file forms): `_path`/`_file` are dropped from the port names, file outputs are
# artifacts that reach file inputs through Argo artifacts, a value output read as a file and
# a pipeline parameter read as a file become artifacts too, a constant read as a file is a
# raw artifact, and the UI metadata / metrics outputs are artifacts only.
import sys

import kfp
from kfp import dsl
from kfp.components import (InputBinaryFile, InputPath, InputTextFile, OutputBinaryFile,
                            OutputPath, OutputTextFile, create_component_from_func)


@create_component_from_func
def make_table(rows: int, table_path: OutputPath('CSV')):
    """Writes a small table.

    Args:
        rows: how many rows
        table_path: where the table goes
    """
    with open(table_path, 'w') as f:
        for i in range(rows):
            f.write(f'{i},{i * i}\n')


@create_component_from_func
def count_rows(table_path: InputPath('CSV'), note_file: InputTextFile(str)) -> int:
    print(note_file.read())
    with open(table_path) as f:
        return sum(1 for _ in f)


@create_component_from_func
def copy_bytes(data_file: InputBinaryFile(), copy_file: OutputBinaryFile(bytes)):
    copy_file.write(data_file.read())


@create_component_from_func
def write_note(text: str, note_file: OutputTextFile(str)) -> str:
    note_file.write(text)
    return text.upper()


@create_component_from_func
def report(count: int, mlpipeline_ui_metadata_path: OutputPath(),
           mlpipeline_metrics_path: OutputPath('Metrics')):
    import json
    with open(mlpipeline_ui_metadata_path, 'w') as f:
        json.dump({'outputs': [{'type': 'markdown', 'storage': 'inline',
                                'source': f'{count} rows'}]}, f)
    with open(mlpipeline_metrics_path, 'w') as f:
        json.dump({'metrics': [{'name': 'rows', 'numberValue': count}]}, f)


@create_component_from_func
def read_optional(data_path: InputPath() = None) -> str:
    return 'none' if data_path is None else open(data_path).read()


@dsl.pipeline(name="file-passing")
def file_passing(rows: int = 3, note: str = "hello", raw_table="1,1"):
    table = make_table(rows)
    noted = write_note(note)
    counted = count_rows(table=table.outputs['table'], note=noted.outputs['note'])
    copy_bytes(data=table.outputs['table'])
    copy_bytes(data="raw bytes")
    report(counted.output)
    read_optional(data=noted.outputs['Output'])
    read_optional()
    count_rows(table=raw_table, note=noted.outputs['Output'])


if __name__ == "__main__":
    kfp.compiler.Compiler().compile(file_passing, sys.argv[1])
