"""Local runs of a pipeline's compiled programs, in subprocesses (no Qt).

    from designer.runner import Runner, RunOptions
    result = Runner(pipeline, {"number_1": 1}, RunOptions(jobs=2), on_event=print).run()
"""
from .engine import RunOptions, Runner, cache_root
from .events import Event, Kind, Status
from .records import RunResult, TaskRecord

__all__ = ["Runner", "RunOptions", "cache_root", "Event", "Kind", "Status", "RunResult",
           "TaskRecord"]
