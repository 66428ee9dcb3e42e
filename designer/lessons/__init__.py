"""Guided lessons: data files that teach Kubeflow Pipelines by doing (Qt-free).

A lesson is one YAML file (``resources/lessons/*.yaml`` or a teacher's folder): steps
with texts in English and Korean, and checks written as declarative conditions over
the pipeline IR. ``data`` holds the records, ``loader`` reads a file (``path:line: what``
on bad input), ``checks`` evaluates a step's conditions against a pipeline. The
document model turns a step into one undoable "Show me" command
(``designer.model.lesson_plan``); the UI panel is ``designer.ui.lessons``.
"""
from .checks import holds, step_done, unmet
from .data import (
    AfterCond,
    ArgumentCond,
    CompiledCond,
    Condition,
    FromLoopItem,
    FromOutput,
    FromParam,
    FromValue,
    GroupCond,
    Lesson,
    ParamCond,
    PipelineCond,
    Step,
    TaskCond,
    TaskRef,
    Text,
)
from .loader import FORMAT, VERSION, bundled_dir, load_folder, load_lesson, parse_lesson

__all__ = [
    "AfterCond", "ArgumentCond", "CompiledCond", "Condition", "FromLoopItem", "FromOutput",
    "FromParam", "FromValue", "GroupCond", "Lesson", "ParamCond", "PipelineCond", "Step",
    "TaskCond", "TaskRef", "Text",
    "FORMAT", "VERSION", "bundled_dir", "load_folder", "load_lesson", "parse_lesson", "holds",
    "step_done", "unmet",
]
