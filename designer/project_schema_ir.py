"""The shape of what format version 2 added to project files (persist_ir), on YAML nodes.

Arguments of every kind, container placeholders, ports' passing and kfp types, container and
volume components, groups, task settings and pipeline settings: each field with its expected
type, enumerations with their choices, nesting (concatenations, if-present parts) at most
MAX_NESTING deep. Used by ``project_schema.check_project``.
"""
from __future__ import annotations

from typing import Any, Callable

import yaml

from designer.ir.components import ORIGINS
from designer.ir.errors import shorten
from designer.ir.groups import (BRANCHES, GROUP_KINDS, OPERATORS,
                                 condition_constant_problem)
from designer.ir.settings import RESOURCE_FIELDS
from designer.ir.signature import PASSINGS
from designer.ir.volumes import ALL_ACTIONS
from designer.persist_ir import (AFFINITY_KINDS, CONF_KINDS, DNS_KINDS, LABEL_SELECTOR_KINDS,
                                 POD_AFFINITY_KINDS, PORT_PLACEHOLDERS, RETRY_KINDS,
                                 RUN_NAMES, SECURITY_KINDS, SETTING_KINDS, SIDECAR_KINDS,
                                 TOLERATION_KINDS,
                                 VOLUME_SOURCES)
from designer.project_schema import BOOL, FLOAT, INT, MAP, NULL, STR, _Checker

# Concatenations and if-present parts nest; nobody writes more than a few levels, and the
# checks recurse, so a file nesting deeper is refused before Python's stack is.
MAX_NESTING = 50
ARGUMENT_FORMS = ("{parameter: NAME}, {task: ID, output: NAME}, {value: VALUE}, "
                  "{loop_item: GROUP, fields: [...]}, {run: NAME}, {concat: [...]}, "
                  "{collected: {task, output}} or {one_of: [{task, output}, ...]}")
_AN_ARGUMENT = f"an argument ({ARGUMENT_FORMS})"
_CONCAT = frozenset({"concat"})


def _scalar(what: str, *tags: str) -> Callable:
    """A check method: the node is a scalar of one of ``tags`` (``what`` in messages)."""
    def check(self: "Shapes", node: yaml.Node, where: str) -> None:
        self.c.expect(node, where, what, *tags)
    return check


class Shapes:
    """Checks for one file; ``c`` reports ``where: expected X, found Y`` at the line."""

    def __init__(self, c: _Checker):
        self.c = c
        self._forms: dict[frozenset, dict[str, Callable]] | None = None

    # --- scalars -----------------------------------------------------------------------
    text = _scalar("a string", STR)
    opt_text = _scalar("a string or null", STR, NULL)
    ident = _scalar("an id (a string)", STR, INT)
    opt_ident = _scalar("an id (a string) or null", STR, INT, NULL)
    flag = _scalar("true or false", BOOL)
    opt_flag = _scalar("true, false or null", BOOL, NULL)
    opt_int = _scalar("an integer or null", INT, NULL)
    opt_number = _scalar("a number or null", INT, FLOAT, NULL)

    def choice(self, options: tuple, nullable: bool = False) -> Callable:
        def check(node: yaml.Node, where: str) -> None:
            shown = ", ".join(str(o) for o in options if o is not None)
            what = f"one of {shown}" + (" or null" if nullable else "")
            self.c.expect(node, where, what, STR, NULL) if nullable else \
                self.c.expect(node, where, what, STR)
            if node.tag == STR and node.value not in options:
                raise self.c.fail(where, f"expected {what}, found `{shorten(node.value, 30)}`",
                                  node)
        return check

    def texts(self, node: yaml.Node, where: str) -> None:
        self.c.listing(node, where, self.text, "a list of strings")

    def text_map(self, node: yaml.Node, where: str) -> None:
        if node.tag == NULL:
            return
        for k, v in self.c.mapping(node, where, "a mapping of names to strings"):
            self.c.expect(k, where, "a name (a string)", STR)
            self.text(v, f"{where} `{shorten(k.value)}`")

    def items(self, item: Callable, what: str) -> Callable:
        return lambda node, where: self.c.listing(node, where, item, what)

    # --- arguments -----------------------------------------------------------------------
    def argument(self, node: yaml.Node, where: str, depth: int = 0) -> None:
        c = self.c
        if depth > MAX_NESTING:
            raise c.fail(where, f"an argument nested more than {MAX_NESTING} levels deep", node)
        pairs = c.mapping(node, where, _AN_ARGUMENT)
        keys = frozenset(k.value for k, _ in pairs)
        if keys == _CONCAT:     # (its parts are arguments one level deeper)
            part = (lambda n, w: None if n.tag == STR else self.argument(n, w, depth + 1))
            form = {"concat": self.items(part, "a list of strings and arguments")}
        else:
            form = self._argument_forms().get(keys)
        if form is None:
            raise c.fail(where, f"an argument is {ARGUMENT_FORMS}", node)
        c.record(node, where, form)

    def _argument_forms(self) -> dict[frozenset, dict[str, Callable]]:
        """The fields of each argument form but ``concat`` (made once: a file has thousands
        of arguments)."""
        if self._forms is None:
            c = self.c
            self._forms = {
                frozenset({"value"}): {"value": c.value},
                frozenset({"parameter"}): {"parameter": self.text},
                frozenset({"task", "output"}): {"task": self.ident, "output": self.text},
                frozenset({"loop_item"}): {"loop_item": self.ident},
                frozenset({"loop_item", "fields"}): {"loop_item": self.ident,
                                                     "fields": self.texts},
                frozenset({"run"}): {"run": self.choice(RUN_NAMES)},
                frozenset({"collected"}): {"collected": self.output_ref},
                frozenset({"one_of"}): {"one_of": self.items(self.output_ref,
                                                             "a list of task outputs")},
            }
        return self._forms

    def output_ref(self, node: yaml.Node, where: str) -> None:
        self.c.record(node, where, {"task": self.ident, "output": self.text},
                      ("task", "output"))

    def value(self, node: yaml.Node, where: str) -> None:
        """A setting: a string, number, true/false or null, or an argument mapping."""
        if node.tag == MAP:
            self.argument(node, where)
        else:
            self.c.expect(node, where, "a string, number or an argument", STR, INT, FLOAT,
                          BOOL, NULL)

    # --- components ----------------------------------------------------------------------
    def port_extras(self) -> dict[str, Callable]:
        return {"passing": self.choice(PASSINGS), "kfp_type": self.opt_text,
                "description": self.opt_text, "path": self.opt_text}

    def part(self, node: yaml.Node, where: str, depth: int = 0) -> None:
        c = self.c
        if node.tag == STR:
            return
        if depth > MAX_NESTING:
            raise c.fail(where, f"a placeholder nested more than {MAX_NESTING} levels deep", node)
        what = ("a string or a placeholder ({inputValue: NAME}, {inputPath: NAME}, "
                "{outputPath: NAME}, {inputUri: NAME}, {outputUri: NAME}, {concat: [...]}, "
                "{ifPresent: NAME, then: [...], else: [...]}, {executorInput: true})")
        pairs = c.mapping(node, where, what)
        keys = {k.value for k, _ in pairs}
        inner = self.items(lambda n, w: self.part(n, w, depth + 1), "a list of parts")
        if len(keys) == 1 and keys <= set(PORT_PLACEHOLDERS):
            c.record(node, where, {k: self.text for k in PORT_PLACEHOLDERS})
        elif "concat" in keys:
            c.record(node, where, {"concat": inner, "inline": self.flag}, ("concat",))
        elif "ifPresent" in keys:
            c.record(node, where, {"ifPresent": self.text, "then": inner, "else": inner})
        elif keys == {"executorInput"}:
            c.record(node, where, {"executorInput": self.flag})
        else:
            raise c.fail(where, f"expected {what}", node)

    def container(self, node: yaml.Node, where: str, ports: Callable) -> None:
        parts = self.items(self.part, "a list of strings and placeholders")
        self.c.record(node, where, {
            "id": self.ident, "kind": self.text, "name": self.text,
            "origin": self.choice(ORIGINS), "image": self.text, "command": parts,
            "args": parts, "env": self.text_map, "description": self.opt_text,
            "spec_path": self.opt_text, "spec_url": self.opt_text,
            "explicit_empty": self.items(self.choice(("command", "args")),
                                         "a list of command/args"),
            "ports": ports, "function_source": self.opt_text, "spec_text": self.opt_text,
        }, ("id", "name", "origin", "image", "ports"))

    def volume(self, node: yaml.Node, where: str, ports: Callable) -> None:
        self.c.record(node, where, {
            "id": self.ident, "kind": self.text, "name": self.text,
            "action": self.choice(ALL_ACTIONS), "origin": self.choice(("v1", "v2")), "ports": ports,
        }, ("id", "name", "action", "origin", "ports"))

    # --- settings ------------------------------------------------------------------------
    def by_kind(self, kind: str) -> Callable:
        simple = {"text": self.opt_text, "flag": self.opt_flag, "int": self.opt_int,
                  "number": self.opt_number, "value": self.value, "texts": self.texts,
                  "text_map": self.text_map}
        if kind in simple:
            return simple[kind]
        return {"retry": lambda n, w: self.record(n, w, RETRY_KINDS, ("num_retries",)),
                "tolerations": self.items(lambda n, w: self.record(n, w, TOLERATION_KINDS),
                                          "a list of tolerations"),
                "env": self.items(self.env, "a list of environment variables"),
                "volumes": self.items(self.mount, "a list of volume mounts"),
                "resource_order": self.items(self.choice(RESOURCE_FIELDS),
                                             "a list of resource settings"),
                "values": self.items(self.value, "a list of values"),
                "node_affinity": self.items(lambda n, w: self.record(n, w, AFFINITY_KINDS),
                                            "a list of node affinity terms"),
                "requirements": self.items(self.requirement, "a list of requirements"),
                "json": self.json,
                "security_context": lambda n, w: self.record(n, w, SECURITY_KINDS),
                "pod_affinity": self.items(self.pod_term, "a list of pod affinity terms"),
                "label_selector": lambda n, w: self.record(n, w, LABEL_SELECTOR_KINDS),
                "dns_config": lambda n, w: self.record(n, w, DNS_KINDS),
                "dns_options": self.items(self.dns_option, "a list of DNS options"),
                "sidecars": self.items(self.sidecar, "a list of sidecars")}[kind]

    def sidecar(self, node: yaml.Node, where: str) -> None:
        kinds = {k: self.by_kind(v) for k, v in SIDECAR_KINDS.items()}
        self.c.record(node, where, {**kinds, "name": self.text}, ("name", "image"))

    def dns_option(self, node: yaml.Node, where: str) -> None:
        self.c.record(node, where, {"name": self.text, "value": self.opt_text}, ("name",))

    def pod_term(self, node: yaml.Node, where: str) -> None:
        kinds = {k: self.by_kind(v) for k, v in POD_AFFINITY_KINDS.items()}
        self.c.record(node, where, {**kinds, "topology_key": self.text}, ("topology_key",))

    def requirement(self, node: yaml.Node, where: str) -> None:
        self.c.record(node, where, {"key": self.text, "operator": self.text,
                                    "values": self.texts}, ("key", "operator"))

    def json(self, node: yaml.Node, where: str) -> None:
        """A Kubernetes object given whole ({object: ...}), or an argument."""
        pairs = self.c.mapping(node, where, "{object: ...} or an argument")
        if [k.value for k, _ in pairs] == ["object"]:
            self.c.record(node, where, {"object": self.c.value})
        else:
            self.argument(node, where)

    def record(self, node: yaml.Node, where: str, kinds: dict[str, str],
               required: tuple[str, ...] = ()) -> None:
        if node.tag == NULL and not required:
            return
        self.c.record(node, where, {k: self.by_kind(v) for k, v in kinds.items()}, required)

    def env(self, node: yaml.Node, where: str) -> None:
        self.c.record(node, where, {"name": self.text, "value": self.value,
                                    "secret": self.value, "config_map": self.value,
                                    "key": self.opt_text, "field_path": self.opt_text,
                                    "optional": self.flag},
                      ("name",))

    def mount(self, node: yaml.Node, where: str) -> None:
        self.c.record(node, where, {
            "mount_path": self.text, "source": self.choice(VOLUME_SOURCES), "name": self.value,
            "volume_task": self.opt_ident, "sub_path": self.opt_text, "read_only": self.flag,
            "volume_name": self.opt_text, "ephemeral": self.ephemeral,
            "medium": self.opt_text, "size_limit": self.opt_text, "optional": self.flag},
            ("mount_path",))

    def ephemeral(self, node: yaml.Node, where: str) -> None:
        if node.tag == NULL:
            return
        self.c.record(node, where, {
            "access_modes": self.texts, "size": self.text, "storage_class_name": self.opt_text,
            "labels": self.text_map, "annotations": self.text_map}, ("access_modes", "size"))

    def settings(self, node: yaml.Node, where: str) -> None:
        self.record(node, where, SETTING_KINDS)

    def conf(self, node: yaml.Node, where: str) -> None:
        self.record(node, where, CONF_KINDS)

    # --- groups and pipeline outputs -------------------------------------------------------
    def condition(self, node: yaml.Node, where: str) -> None:
        if node.tag == NULL:
            return
        self.c.record(node, where, {"left": self.side, "operator": self.choice(OPERATORS),
                                    "right": self.side}, ("left", "operator", "right"))

    def side(self, node: yaml.Node, where: str) -> None:
        """A condition's side: an argument whose value, if a constant, is a scalar."""
        self.argument(node, where)
        for k, v in node.value:
            if k.value == "value" and isinstance(v, (yaml.SequenceNode, yaml.MappingNode)):
                raise self.c.fail(where, condition_constant_problem(
                    [] if isinstance(v, yaml.SequenceNode) else {}) or "", v)

    def group(self, node: yaml.Node, where: str) -> None:
        self.c.record(node, where, {
            "id": self.ident, "kind": self.choice(GROUP_KINDS), "parent": self.opt_ident,
            "name": self.opt_text, "branch": self.choice(BRANCHES, nullable=True),
            "condition": self.condition, "items": self.value,
            "parallelism": self.opt_int, "exit_task": self.opt_ident}, ("id", "kind"))

    def outputs(self, node: yaml.Node, where: str) -> None:
        if node.tag == NULL:
            return
        for k, v in self.c.mapping(node, where, "a mapping of output name to task output"):
            self.c.expect(k, where, "an output name", STR)
            self.argument(v, f"pipeline output `{shorten(k.value)}`")


def component_kind(node: yaml.Node) -> Any:
    """The ``kind`` scalar of a component mapping node (None when absent or not a scalar)."""
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == "kind":
                return v
    return None


__all__ = ["Shapes", "ARGUMENT_FORMS", "component_kind"]
