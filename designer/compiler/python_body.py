"""The pipeline function's body: tasks in ``with`` blocks of conditions, loops and exit
handlers, each task's settings, and the pipeline's return value.

The IR keeps tasks and groups in two lists, each in the order the pipeline function made
them (kfp names repeated tasks and groups by those orders); the body interleaves them
back into one tree. Where the lists leave the order open (a task and a group side by
side), a task whose inputs are ready comes first: Python needs every value defined
before it is read, and kfp 2 would put whatever follows an If/Elif chain without an Else
inside it.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from designer.ir import Pipeline, Task
from designer.ir.errors import InputError
from designer.ir.groups import Group as IrGroup
from designer.ir.importer import URI
from designer.ir.model import OneOf, argument_refs
from designer.ir.naming import unique_name
from designer.ir.validate import is_identifier

from .python_components import ComponentWriter, call_keywords
from .python_layout import INDENT, Piece, assign, attr_call, call, kwarg, lay_out, literal
from .python_names import Expressions, Imports, located
from .python_settings import SettingsWriter


@dataclass
class _Node:
    group: IrGroup | None = None
    task: Task | None = None
    children: list["_Node"] = field(default_factory=list)


def _setting_refs(task: Task) -> list[str]:
    """Task ids a task's settings read (resources, env, claims from task outputs)."""
    s = task.settings
    if s.is_default():      # most tasks; this runs for each task of every compile
        return []
    values = [s.cpu_request, s.cpu_limit, s.memory_request, s.memory_limit,
              s.accelerator_type, s.accelerator_limit]
    values += [e.value for e in s.env] + [e.secret for e in s.env] + [e.config_map for e in s.env]
    values += [m.name for m in s.volumes]
    ids = [r.task_id for v in values for r in argument_refs(v)]
    return ids + [m.volume_task for m in s.volumes if m.volume_task]


def _group_refs(g: IrGroup) -> list[str]:
    args = [g.items] + ([g.condition.left, g.condition.right] if g.condition else [])
    return [r.task_id for a in args for r in argument_refs(a)] + (
        [g.exit_task] if g.exit_task else [])


class _Disorder(Exception):
    """The lists hold no order a pipeline function could have made them in."""


def tree(p: Pipeline) -> list[_Node]:
    """The root's items (tasks and groups, groups holding theirs) in writing order."""
    tasks, groups = list(p.tasks), list(p.groups)
    pos = {"t": 0, "g": 0}
    done: set[str] = set()

    def ready(t: Task) -> bool:
        return all(u in done for u in t.upstream_ids() + _setting_refs(t))

    def fill(container: str | None) -> list[_Node]:
        out: list[_Node] = []
        while True:
            t = tasks[pos["t"]] if pos["t"] < len(tasks) else None
            g = groups[pos["g"]] if pos["g"] < len(groups) else None
            t_here = t is not None and t.group == container
            g_here = g is not None and g.parent == container
            chained = (g_here and g.branch in ("elif", "else") and out
                       and out[-1].group is not None)   # Elif/Else right after their If
            if t_here and ready(t) and not chained:
                out.append(_Node(task=t))
                done.add(t.id)
                pos["t"] += 1
            elif g_here:
                if not all(u in done for u in _group_refs(g)):
                    raise _Disorder
                pos["g"] += 1
                out.append(_Node(group=g, children=fill(g.id)))
            elif t_here:
                raise _Disorder
            else:
                return out

    try:
        root = fill(None)
        if pos["t"] == len(tasks) and pos["g"] == len(groups):
            return root
    except _Disorder:
        pass
    finally:
        # fill calls itself through its closure: a reference cycle that would keep every
        # task alive until the cyclic collector runs.
        del fill
    # A pipeline built in the designer: each group's members together, in data order.
    return _by_membership(p)


def in_writing_order(p: Pipeline) -> Pipeline:
    """``p`` with its tasks and groups in the order its exported Python makes them.

    kfp numbers tasks and groups (``work-2``, ``condition-3``) in the order the pipeline
    function makes them; a pipeline built in the designer (or a project file) may list them
    otherwise, and its Python cannot make them in that order (a group's members are written
    together). The compilers number them in this order, so that what they write and what
    the exported Python compiles to agree (fuzz: a condition listed between an exit handler
    and the loop inside it). A pipeline read from kfp Python is in this order already."""
    nodes = tree(p)
    tasks: list[Task] = []
    groups: list[IrGroup] = []
    stack = list(reversed(nodes))
    while stack:
        node = stack.pop()
        if node.task is not None:
            tasks.append(node.task)
        else:
            groups.append(node.group)
            stack.extend(reversed(node.children))
    if len(tasks) != len(p.tasks) or len(groups) != len(p.groups):
        return p        # dangling groups or tasks: the compilers say what is wrong
    if all(a is b for a, b in zip(tasks, p.tasks)) and all(
            a is b for a, b in zip(groups, p.groups)):
        return p
    return replace(p, tasks=tasks, groups=groups)


def _by_membership(p: Pipeline) -> list[_Node]:
    """Each container's tasks and groups sorted by what they read (a group reads what
    the tasks inside it read), ties in document order."""
    parent_of = {g.id: g.parent for g in p.groups}
    group_of = {t.id: t.group for t in p.tasks}

    def chain(container: str | None) -> list[str | None]:
        out, seen = [container], set()
        while container is not None and container not in seen:
            seen.add(container)
            container = parent_of.get(container)
            out.append(container)
        return out

    def item_in(container: str | None, task_id: str) -> str | None:
        """The task, or the group holding it, directly in ``container``."""
        below = task_id
        for g in chain(group_of.get(task_id)):
            if g == container:
                return below
            below = g
        return None

    def fill(container: str | None) -> list[_Node]:
        items = [t.id for t in p.tasks if t.group == container]
        items += [g.id for g in p.groups if g.parent == container]
        deps: dict[str, set[str]] = {i: set() for i in items}
        for t in p.tasks:
            me = item_in(container, t.id)
            if me is None:
                continue
            for u in t.upstream_ids() + _setting_refs(t):
                other = item_in(container, u)
                if other is not None and other != me:
                    deps[me].add(other)
        for g in p.groups:
            me = g.id if g.parent == container else None
            for u in _group_refs(g) if me else ():
                other = item_in(container, u)
                if other is not None and other != me:
                    deps[me].add(other)
        out: list[_Node] = []
        placed: set[str] = set()
        while len(placed) < len(items):
            nxt = next((i for i in items if i not in placed and deps[i] <= placed),
                       next(i for i in items if i not in placed))   # a cycle: validation's
            placed.add(nxt)
            group = p.group(nxt)
            out.append(_Node(group=group, children=fill(nxt)) if group is not None
                       else _Node(task=p.task(nxt)))
        return out

    return fill(None)


class _Marks:
    def __init__(self) -> None:
        self.pending: list[tuple[Any, int, int]] = []

    def add(self, mark: Any, start: int, end: int) -> None:
        self.pending.append((mark, start, end))


class BodyWriter:
    def __init__(self, p: Pipeline, target: str, imports: Imports, exprs: Expressions,
                 reserved: set[str], components: ComponentWriter):
        self.p = p
        self.components = components
        self.target = target
        self.imports = imports
        self.e = exprs
        self.settings = SettingsWriter(target, imports, exprs)
        self.reserved = reserved
        self.nodes = tree(p)
        self._name_tasks()
        self._hoisted = self._shared_one_ofs()
        self.bare = self._bare_calls()
        self._written: tuple[list[str], list[Any]] | None = None
        self._keywords: dict[str, dict[str, str]] = {}

    # --- names --------------------------------------------------------------------------
    def _name_tasks(self) -> None:
        """Task.name, unless it would shadow a component, parameter or import; loop
        variables ``item``, ``item_2``..."""
        taken = set(self.reserved) | {t.name for t in self.p.tasks}
        for task in self.p.tasks:
            name = task.name
            if name in self.reserved:
                name = unique_name(f"{task.name}_task", taken)
                taken.add(name)
            self.e.tasks[task.id] = name
        for g in self.p.groups:
            if g.kind == "loop":
                self.e.loops[g.id] = name = unique_name("item", taken)
                taken.add(name)
        self.taken = taken

    def _bare_calls(self) -> set[str]:
        """Tasks written as a bare call (``say(text="x")``, as people write a task nothing
        reads): those nothing refers to, with no settings, that the importer names as
        they are named (``<function>_task``, ``_2``... in creation order, skipping the
        names the function assigns)."""
        read: set[str] = set()
        for t in self.p.tasks:
            read |= set(t.upstream_ids()) | set(_setting_refs(t))
        for g in self.p.groups:
            read |= set(_group_refs(g))
        read |= {r.task_id for v in self.p.outputs.values() for r in argument_refs(v)}
        bare = {t.id for t in self.p.tasks if t.id not in read and not t.after
                and t.settings.is_default() and self.e.tasks[t.id] == t.name}
        assigned = ({p.name for p in self.p.params} | set(self.e.loops.values())
                    | set(self._hoisted.values()) | {"conf"})
        while True:
            reserved = assigned | {self.e.tasks[t.id] for t in self.p.tasks if t.id not in bare}
            wrong = {t.id for t, name in zip(self.p.tasks, self._imported_names(bare, reserved))
                     if t.id in bare and name != t.name}
            if not wrong:
                return bare
            bare -= wrong

    def _imported_names(self, bare: set[str], reserved: set[str]) -> list[str]:
        """The names the importer gives the tasks (designer/importers/_pipeline_body.py
        ``_task_name``), bare calls named after their function."""
        used: set[str] = set()
        next_index: dict[str, int] = {}
        out = []
        for t in self.p.tasks:
            if t.id not in bare:
                name = self.e.tasks[t.id]
            else:
                base = f"{self.p.component_of(t).python_name}_task"
                if base not in used and base not in reserved:
                    name = base
                else:
                    n = next_index.get(base, 2)
                    while f"{base}_{n}" in used or f"{base}_{n}" in reserved:
                        n += 1
                    next_index[base] = n + 1
                    name = f"{base}_{n}"
            used.add(name)
            out.append(name)
        return out

    def _shared_one_ofs(self) -> dict[OneOf, str]:
        """dsl.OneOf values read more than once are made once, in a variable (kfp makes a
        new pipeline output for each OneOf made)."""
        seen: dict[OneOf, int] = {}
        for arg in [a for t in self.p.tasks for a in t.arguments.values()] + list(
                self.p.outputs.values()):
            if isinstance(arg, OneOf):
                seen[arg] = seen.get(arg, 0) + 1
        out = {}
        for arg, count in seen.items():
            if count > 1:
                out[arg] = name = unique_name("chosen", self.taken)
                self.taken.add(name)
        return out

    # --- statements ---------------------------------------------------------------------
    def lines(self, where: Any, offset: int) -> list[str]:
        """The body's lines; ``where`` gets each task's lines, relative to ``offset``.
        Written once: the module asks again once it has named the function."""
        if self._written is None:
            marks = _Marks()
            self._written = (self._lines(marks), marks.pending)
        lines, pending = self._written
        for mark, start, end in pending:
            where.add(mark, start + offset, end + offset)
        return lines

    def _lines(self, where: Any) -> list[str]:
        offset = 0
        body: list[str] = []
        self._stage: dict[str, int] = {}
        self._write(self.nodes, 1, body, where, offset, root=True)
        if self.target == "v1":
            conf_var = unique_name("conf", self.taken)
            for stmt in self.settings.conf(self.p.conf, conf_var):
                body += lay_out(stmt, 1)
        elif set(self.p.conf.changed()) - {"ttl_seconds_after_finished", "timeout"}:
            # (kfp 2's PipelineConfig, in the decorator, has the TTL and the deadline)
            raise InputError("cannot export the pipeline: a pipeline configuration is kfp 1's")
        if self.p.outputs:
            body += lay_out(["return ", *self._returned()], 1)
        return body or [INDENT + "pass"]

    def _write(self, nodes: list[_Node], depth: int, body: list[str], where: Any, offset: int,
               root: bool = False) -> None:
        previous = None
        for node in nodes:
            if node.task is not None:
                task = node.task
                stage = 1 + max((self._stage.get(u, -1) for u in task.upstream_ids()),
                                default=-1)
                self._stage[task.id] = stage
                # The tutorial's layout: a blank line between stages of root tasks.
                if root and previous is not None and previous != stage:
                    body.append("")
                previous = stage if root else None
                for arg in task.arguments.values():
                    self._hoist(arg, depth, body)
                for rank, stmt in enumerate(self.task_statements(task)):
                    start = offset + len(body)
                    body += lay_out(stmt, depth)
                    where.add(("tasks", task.id, min(rank, 1)), start, offset + len(body))
                continue
            previous = None
            g = node.group
            try:
                body += lay_out(self._with(g), depth)
            except InputError as e:
                raise located(e, f"group:{g.kind}", f"group `{g.name or g.id}`",
                              group_id=g.id) from None
            before = len(body)
            self._write(node.children, depth + 1, body, where, offset)
            if len(body) == before:
                body.append(INDENT * (depth + 1) + "pass")

    def _hoist(self, arg: Any, depth: int, body: list[str]) -> None:
        if isinstance(arg, OneOf) and arg in self._hoisted and arg not in self.e.named:
            body += lay_out(assign(self._hoisted[arg], self.e(arg)), depth)
            self.e.named[arg] = self._hoisted[arg]

    def task_statements(self, task: Task) -> list[list[Piece]]:
        try:
            return self._task_statements(task)
        except InputError as e:
            raise located(e, "task", f"task `{task.name}`", task_id=task.id) from None

    def _task_statements(self, task: Task) -> list[list[Piece]]:
        comp = self.p.component_of(task)
        var = self.e.tasks[task.id]
        if getattr(comp, "kind", "") == "volume":
            made = self._volume_step(comp, task)
        elif getattr(comp, "kind", "") == "importer":
            made = self._importer_step(comp, task)
        elif comp.id in self.components.inline:
            made = self.components.op_call(
                comp, lambda name, quote: self.e(task.arguments[name], quote))
        else:
            made = call(comp.python_name, self._call_args(comp, task))
        stmts = [made if task.id in self.bare else assign(var, made)]
        if task.after:
            stmts.append(attr_call(var, "after", [[self.e.tasks[i]] for i in task.after]))
        return stmts + self.settings.statements(var, task.settings)

    def _call_args(self, comp: Any, task: Task) -> list[list[Piece]]:
        inputs = [i for i in comp.signature.inputs if i.name in task.arguments]
        keywords = self._keywords.get(comp.id)
        if keywords is None:
            keywords = self._keywords[comp.id] = call_keywords(comp, self.target)
        first = next((i for i in comp.signature.inputs
                      if i.type != "PipelineTaskFinalStatus"), None)
        # The tutorial's style: a lone required first argument goes positionally (v1 only;
        # kfp v2 requires keywords).
        positional = (self.target == "v1" and len(inputs) == 1 and first is not None
                      and inputs[0].name == first.name and not first.has_default)
        args = []
        for spec in inputs:
            value = self.e(task.arguments[spec.name])
            args.append(value if positional else kwarg(keywords[spec.name], value))
        return args

    def _volume_step(self, comp: Any, task: Task) -> list[Piece]:
        if comp.origin == "v2":
            # kfp-kubernetes' CreatePVC / DeletePVC: a kfp 2 file only (the guard refuses
            # them for kfp 1); arguments by keyword, in the order the task holds them.
            if self.target != "v2":
                raise InputError(f"cannot export the pipeline: kfp-kubernetes' {comp.name} "
                                 "is kfp 2's (kfp 1 has dsl.VolumeOp)")
            args = [kwarg(k, self.e(v)) for k, v in task.arguments.items()]
            return call(self.imports.kubernetes(comp.name), args)
        if self.target != "v1":
            raise InputError("cannot export the pipeline: a dsl.VolumeOp is kfp 1's (kfp 2 "
                             "has kubernetes.CreatePVC)")
        args = [kwarg("name", literal(comp.name))]
        args += [kwarg(k, self.e(v)) for k, v in task.arguments.items()]
        return call(self.imports.dsl("VolumeSnapshotOp" if comp.action == "snapshot"
                                     else "VolumeOp"), args)

    def _importer_step(self, comp: Any, task: Task) -> list[Piece]:
        """``dsl.importer(artifact_uri=..., artifact_class=dsl.X, reimport=, metadata=)``,
        as the importer reads it back (the guard refuses it for kfp 1)."""
        args = [kwarg("artifact_uri", self.e(task.arguments[URI]))] if URI in task.arguments \
            else []
        args.append(kwarg("artifact_class", [self.imports.dsl(comp.artifact_class)]))
        if comp.reimport:
            args.append(kwarg("reimport", ["True"]))
        if comp.metadata:
            args.append(kwarg("metadata", literal(comp.metadata)))
        return call(self.imports.dsl("importer"), args)

    # --- groups -------------------------------------------------------------------------
    def _with(self, g: IrGroup) -> list[Piece]:
        args: list[list[Piece]] = []
        tail = ":"
        if g.kind == "condition":
            func = {None: "Condition", "if": "If", "elif": "Elif", "else": "Else"}[g.branch]
            if self.target == "v1" and g.branch is not None:
                raise InputError("cannot export the pipeline: If/Elif/Else are kfp 2's")
            if g.condition is not None:
                c = g.condition
                args.append([*self.e(c.left), f" {c.operator} ", *self.e(c.right)])
        elif g.kind == "loop":
            func = "ParallelFor"
            args.append(self.e(g.items))
            if g.parallelism is not None:
                args.append(kwarg("parallelism", literal(g.parallelism)))
            tail = f" as {self.e.loops[g.id]}:"
        else:
            func = "ExitHandler"
            args.append([self.e.tasks[g.exit_task]])
        if g.name is not None:
            if self.target == "v1" and g.kind != "condition":
                raise InputError(f"cannot export the pipeline: a kfp 1 {func} has no name "
                                 f"(`{g.name}`)")
            args.append(kwarg("name", literal(g.name)))
        return ["with ", *call(self.imports.dsl(func), args), tail]

    # --- pipeline outputs ---------------------------------------------------------------
    def _returned(self) -> list[Piece]:
        if list(self.p.outputs) == ["Output"]:
            return self.e(self.p.outputs["Output"])
        # Several outputs: an instance of the NamedTuple the annotation names (kfp reads a
        # returned tuple's fields with ``_asdict``).
        return call(self._outputs_tuple(), [kwarg(k, self.e(v))
                                            for k, v in self.p.outputs.items()])

    def _outputs_tuple(self) -> str:
        bad = next((k for k in self.p.outputs if not is_identifier(k)), None)
        if bad is not None:
            raise InputError(f"cannot export the pipeline: pipeline output `{bad}` has no name "
                             "a NamedTuple field can have")
        fields = ", ".join(f'("{k}", {self._output_type(v) or "str"})'
                           for k, v in self.p.outputs.items())
        text = f'NamedTuple("Outputs", [{fields}])'
        self.imports.annotation_names([text])
        return text

    def _output_type(self, value: Any) -> str | None:
        refs = argument_refs(value)
        if not refs:
            return None
        ref = refs[0]
        comp = self.p.component_of(self.p.task(ref.task_id))
        spec = comp.signature.output(ref.output)
        if spec is None:
            return None
        if spec.passing == "artifact":
            text = spec.type or "Artifact"
        elif spec.passing == "path":
            text = spec.type or "str"
        else:
            text = spec.annotation or "str"
        if type(value).__name__ == "Collected":
            text = f"List[{text}]"
        return text

    def return_annotation(self) -> str | None:
        if not self.p.outputs:
            return None
        if list(self.p.outputs) != ["Output"]:
            if any(self._output_type(v) is None for v in self.p.outputs.values()):
                raise InputError("cannot export the pipeline: a pipeline output's type is "
                                 "not known")
            return self._outputs_tuple()
        text = self._output_type(self.p.outputs["Output"])
        if text is not None:
            self.imports.annotation_names([text])
        return text


__all__ = ["BodyWriter", "tree"]
