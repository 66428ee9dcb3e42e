"""The shape of a project file, checked on the YAML nodes before anything is built.

Every field has an expected type; a file that differs is refused with the field, what was
expected, what was found and the line (``layout: oops``, ``type: 5``, ``after: 3``, a date,
``!!binary``, ``!!set``, a duplicate key, an unknown key). Values (defaults, constants) are
JSON-like (ir.values): no tags beyond str/int/float/bool/null/list/mapping, scalar keys,
at most ir.values.MAX_DEPTH deep, integers Python can print. Positions are finite numbers
on a sane canvas.
"""
from __future__ import annotations

import math
from collections.abc import Callable

import yaml

from designer.ir.errors import InputError, shorten
from designer.ir.values import MAX_DEPTH, MAX_INT_DIGITS, int_too_long

_T = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL = (_T + t for t in ("str", "int", "float", "bool", "null"))
SEQ, MAP = _T + "seq", _T + "map"
# Beyond this a position is no place on a canvas (Qt's scene math overflows long before).
MAX_POSITION = 1e9
# PyYAML's int/float rules, from one constructor (they keep no state; a loader per number
# was a fifth of checking a big file).
_SCALARS = yaml.constructor.SafeConstructor()

_TAG_NAMES = {STR: "a string", INT: "an integer", FLOAT: "a number", BOOL: "true/false",
              NULL: "null", SEQ: "a list", MAP: "a mapping", _T + "timestamp": "a date",
              _T + "binary": "binary data (!!binary)", _T + "set": "a set (!!set)",
              _T + "omap": "an ordered map (!!omap)", _T + "pairs": "pairs (!!pairs)",
              _T + "merge": "a merge key (<<)", _T + "value": "a value key (=)"}


def found(node: yaml.Node) -> str:
    """What a node is, for "expected X, found Y"."""
    name = _TAG_NAMES.get(node.tag)
    if name is None:
        name = f"a value tagged {shorten(node.tag.replace(_T, '!!'), 50)}"
    if isinstance(node, yaml.ScalarNode) and node.tag in (STR, INT, FLOAT, BOOL, _T + "timestamp"):
        name += f" ({shorten(node.value, 30)})"
    return name


class _Checker:
    def __init__(self, path: str | None):
        self.path = path

    def fail(self, where: str, message: str, node: yaml.Node) -> InputError:
        return InputError(f"{where}: {message}", self.path, node.start_mark.line + 1)

    def expect(self, node: yaml.Node, where: str, what: str, *tags: str) -> None:
        if node.tag not in tags:
            raise self.fail(where, f"expected {what}, found {found(node)}", node)
        if node.tag == INT:
            self.integer(node, where)
        elif node.tag == FLOAT:
            self.number(node, where, finite=False)

    def integer(self, node: yaml.ScalarNode, where: str) -> int:
        text = node.value.replace("_", "").lstrip("+-")
        if text.isdigit() and len(text.lstrip("0")) > MAX_INT_DIGITS:
            raise self.fail(where, f"an integer of {len(text.lstrip('0')):,} digits (at most "
                            f"{MAX_INT_DIGITS:,})", node)
        value = _SCALARS.construct_yaml_int(node)
        if int_too_long(value):
            raise self.fail(where, f"an integer of more than {MAX_INT_DIGITS:,} digits", node)
        return value

    def number(self, node: yaml.ScalarNode, where: str, finite: bool) -> float:
        if node.tag == INT:
            value: float = self.integer(node, where)
        else:
            value = _SCALARS.construct_yaml_float(node)
        if finite and not (math.isfinite(value) and abs(value) <= MAX_POSITION):
            raise self.fail(where, f"expected a finite number within ±{MAX_POSITION:g}, found "
                            f"{shorten(node.value, 30)}", node)
        return value

    def mapping(self, node: yaml.Node, where: str, what: str = "a mapping"
                ) -> list[tuple[yaml.Node, yaml.Node]]:
        self.expect(node, where, what, MAP)
        seen: set[str] = set()
        for k, _ in node.value:
            if not isinstance(k, yaml.ScalarNode) or k.tag == _T + "merge":
                raise self.fail(where, f"keys are names, not {found(k)}", k)
            if k.value in seen:
                raise self.fail(where, f"`{shorten(k.value)}` appears twice", k)
            seen.add(k.value)
        return node.value

    def record(self, node: yaml.Node, where: str, fields: dict[str, Callable],
               required: tuple[str, ...] = ()) -> None:
        """A mapping with known keys, each checked by ``fields[key](value_node, where)``."""
        pairs = self.mapping(node, where)
        keys = {k.value for k, _ in pairs}
        for name in required:
            if name not in keys:
                raise self.fail(where, f"missing `{name}`", node)
        for k, v in pairs:
            if k.tag != STR or k.value not in fields:
                known = ", ".join(fields)
                raise self.fail(where, f"unknown key `{shorten(k.value)}` (expected: {known})", k)
            fields[k.value](v, f"{where}, `{k.value}`")

    def listing(self, node: yaml.Node, where: str, item: Callable, what: str) -> None:
        if node.tag == NULL:
            return
        self.expect(node, where, what, SEQ)
        for i, child in enumerate(node.value):
            item(child, f"{where} #{i + 1}")

    def value(self, node: yaml.Node, where: str) -> None:
        """A JSON-like value (ir.values), iteratively: it may be nested MAX_DEPTH deep."""
        stack = [(node, 0)]
        while stack:
            n, depth = stack.pop()      # depth: lists and mappings around ``n``
            if depth >= MAX_DEPTH and not isinstance(n, yaml.ScalarNode):
                raise self.fail(where, f"a value nested more than {MAX_DEPTH} levels deep", n)
            if isinstance(n, yaml.ScalarNode):
                self.expect(n, where, "a string, number, true/false, null, list or mapping",
                            STR, INT, FLOAT, BOOL, NULL)
            elif isinstance(n, yaml.SequenceNode):
                self.expect(n, where, "a list", SEQ)
                stack.extend((c, depth + 1) for c in n.value)
            else:
                for k, v in self.mapping(n, where):
                    self.expect(k, where, "a scalar key", STR, INT, FLOAT, BOOL, NULL)
                    stack.append((v, depth + 1))


def integer(node: yaml.ScalarNode, where: str, path: str | None) -> int:
    """The value of an int-tagged scalar; InputError when Python could not print it."""
    return _Checker(path).integer(node, where)


def check_project(root: yaml.Node, path: str | None) -> None:
    """InputError for the first field of ``root`` that is not what a project file holds.

    ``format`` and ``version`` are checked first (by persist, on the built mapping), so a
    file of another format or a newer version says so rather than "unknown key"."""
    c = _Checker(path)

    def text(node, where):
        c.expect(node, where, "a string", STR)

    def opt_text(node, where):
        c.expect(node, where, "a string or null", STR, NULL)

    def ident(node, where):
        c.expect(node, where, "an id (a string)", STR, INT)

    def ids(node, where):
        c.listing(node, where, ident, "a list of task ids")

    def texts(node, where):
        c.listing(node, where, text, "a list of strings")

    def value(node, where):
        c.value(node, where)

    def flag(node, where):
        c.expect(node, where, "true or false", BOOL)

    from designer.project_schema_ir import Shapes, component_kind
    v2 = Shapes(c)

    def param(node, where):
        c.record(node, where, {"name": text, "type": opt_text, "default": value,
                               "description": opt_text}, ("name",))

    def port_in(node, where):
        c.record(node, where, {"name": text, "type": opt_text, "default": value,
                               **v2.port_extras()}, ("name",))

    def port_out(node, where):
        c.record(node, where, {"name": text, "type": opt_text, "param": opt_text,
                               **v2.port_extras()}, ("name",))

    def ports(node, where):
        c.record(node, where, {
            "function_name": text,
            "inputs": lambda n, w: c.listing(n, w, port_in, "a list of inputs"),
            "outputs": lambda n, w: c.listing(n, w, port_out, "a list of outputs"),
            "return_annotation": opt_text, "docstring": opt_text, "named_outputs": flag,
        }, ("function_name",))

    nesting = [0]    # how many sub-pipelines deep the pipeline being checked is

    def sub_pipeline(node, where):
        from designer.ir.subpipeline import MAX_NESTING
        if nesting[0] >= MAX_NESTING:
            raise c.fail(where, f"sub-pipelines nest more than {MAX_NESTING} levels deep",
                         node)
        nesting[0] += 1
        try:
            c.record(node, where, {"id": ident, "kind": text, "pipeline": pipeline},
                     ("id", "pipeline"))
        finally:
            nesting[0] -= 1

    def component(node, where):
        kind = component_kind(node)
        if kind is not None:
            v2.choice(("function", "container", "volume", "pipeline", "importer"))(
                kind, f"{where}, `kind`")
        if kind is not None and kind.value == "pipeline":
            return sub_pipeline(node, where)
        if kind is not None and kind.value == "container":
            return v2.container(node, where, ports)
        if kind is not None and kind.value == "volume":
            return v2.volume(node, where, ports)
        if kind is not None and kind.value == "importer":
            return c.record(node, where, {"id": ident, "kind": text, "artifact_class": text,
                                          "reimport": flag, "metadata": c.value},
                            ("id", "artifact_class"))
        c.record(node, where, {"id": ident, "kind": text, "base_image": opt_text,
                               "packages_to_install": texts, "source": text, "ports": ports,
                               "kfp_package_path": opt_text, "pip_index_urls": texts,
                               "target_image": opt_text},
                 ("id", "source"))

    def arguments(node, where):
        if node.tag == NULL:
            return
        for k, v in c.mapping(node, where, "a mapping of input name to argument"):
            c.expect(k, where, "an input name", STR)
            v2.argument(v, f"{where.rsplit(', ', 1)[0]}, input `{shorten(k.value)}`")

    def task(node, where):
        c.record(node, where, {"id": ident, "name": text, "component": ident,
                               "arguments": arguments, "after": ids, "group": v2.opt_ident,
                               "settings": v2.settings},
                 ("id", "name", "component"))

    def pipeline(node, where):
        where = "pipeline" if not nesting[0] else f"{where}, `pipeline`"
        c.record(node, where, {
            "name": text, "description": opt_text, "function_name": opt_text,
            "display_name": opt_text, "pipeline_root": opt_text,
            "parameters": lambda n, w: c.listing(n, "pipeline parameter", param,
                                                 "a list of parameters"),
            "components": lambda n, w: c.listing(n, "component", component,
                                                 "a list of components"),
            "tasks": lambda n, w: c.listing(n, "task", task, "a list of tasks"),
            "groups": lambda n, w: c.listing(n, "group", v2.group, "a list of groups"),
            "outputs": v2.outputs,
            "output_descriptions": v2.text_map,
            "conf": lambda n, w: v2.conf(n, "pipeline settings (`conf`)"),
        }, ("name",))

    def position(node, where):
        c.expect(node, where, "a position [x, y]", SEQ)
        if len(node.value) != 2:
            raise c.fail(where, f"a position is [x, y], found {len(node.value)} numbers", node)
        for n in node.value:      # (``expect`` would read the number a first time)
            if n.tag not in (INT, FLOAT):
                raise c.fail(where, f"expected a number, found {found(n)}", n)
            c.number(n, where, finite=True)

    def layout(node, where):
        if node.tag == NULL:
            return
        for k, v in c.mapping(node, "layout", "a mapping of node to [x, y]"):
            c.expect(k, "layout", "a node key", STR, INT)
            position(v, f"layout of `{shorten(k.value)}`")

    c.record(root, "the project", {"format": text, "version": lambda n, w: c.expect(n, w, "an integer", INT),
                        "pipeline": pipeline, "layout": layout}, ("pipeline",))

