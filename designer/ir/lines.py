"""Where each object of a pipeline was read from: line numbers in the file a person gave.

Diagnostics locate problems in IR terms (a task, one of its inputs, a component and a line
of its source, a parameter). ``FileLines`` turns that into the line of the file it came
from, so `kfp-designer validate` can say ``pipeline.py:12: error: ...`` for a kfp Python
file (the call that made the task) and ``p.kfpd:31: ...`` for a project file (a line of a
component's source block, offset into the file). The importers and
``designer.project_lines`` fill it; everything else only reads it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .validate import Diagnostic


@dataclass
class FileLines:
    pipeline: int | None = None                        # the pipeline's definition
    params: dict[str, int] = field(default_factory=dict)
    tasks: dict[str, int] = field(default_factory=dict)          # task id -> its line
    task_fields: dict[tuple[str, str], int] = field(default_factory=dict)  # (id, input or
    #                                                 "setting:NAME": the call that set it)
    components: dict[str, int] = field(default_factory=dict)     # component id -> its line
    sources: dict[str, int] = field(default_factory=dict)  # component id -> file line of
    #                                                       its source's first line
    conf: dict[str, int] = field(default_factory=dict)     # PipelineConf field -> the call
    #                                                        that set it

    def line_of_use(self, task_id: str | None, component_id: str | None,
                    feature: str | None = None) -> int | None:
        """The line of a task or component (what a writer refused), else the pipeline's; for
        a task's setting (``feature`` ``setting:NAME``) or a pipeline configuration field
        (``conf:NAME``), the call that set it when known."""
        line = self.task_fields.get((task_id, feature)) if task_id and feature else None
        if feature and feature.startswith("conf:"):
            line = self.conf.get(feature[len("conf:"):])
        if line is not None:
            return line
        if task_id and task_id in self.tasks:
            return self.tasks[task_id]
        if component_id and component_id in self.components:
            return self.components[component_id]
        return self.pipeline

    def line_of(self, d: Diagnostic) -> int | None:
        """The file line ``d`` is about (None when the file does not say)."""
        if d.component_id:
            start = self.sources.get(d.component_id)
            if d.line and start is not None:
                return start + d.line - 1
            return self.components.get(d.component_id)
        if d.task_id:
            if d.field:
                line = self.task_fields.get((d.task_id, d.field))
                if line is not None:
                    return line
            return self.tasks.get(d.task_id)
        if d.param:
            return self.params.get(d.param, self.pipeline)
        return self.pipeline


__all__ = ["FileLines"]
