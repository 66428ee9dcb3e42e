"""Placement written as JSON in the Properties pane, read the way kfp-kubernetes reads it.

* ``add_node_selector_json(task, dict)``: the whole node selector (kept as a dict: kfp
  writes it as a constant ``nodeSelectorJson``).
* ``add_node_affinity_json(task, dict)``: a whole Kubernetes ``NodeAffinity`` (a constant
  ``nodeAffinityJson``); kfp checks only its two top-level names.
* Node affinity terms (kfp 1 ``add_affinity(V1Affinity(node_affinity=...))``, kfp-kubernetes
  ``add_node_affinity`` per term) written as the Kubernetes ``NodeAffinity`` they make:
  required terms, then preferred ones with their weights (``NodeAffinityTerm``).
* A map of texts (node selector, pod labels and annotations, a claim's): a JSON object,
  for what the ``key=value, …`` text cannot say (a comma in a value...).
* ``add_toleration_json(task, dict | list)``: kfp calls ``add_toleration`` for each dict with
  its ``key``, ``operator``, ``value``, ``effect`` and ``toleration_seconds``, so these
  become plain tolerations (``Toleration``), and any other name would be dropped in
  silence: refused here instead.

A refused text raises ``RuleError`` with kfp's words where kfp refuses it, else the words
of the Kubernetes check the cluster would make at run time, naming where in the JSON.
Qt-free; the templates are in the ``SettingsRules`` context like ``settings_rules.py``'s.
"""
from __future__ import annotations

import json
import re
from typing import Any

from .settings import NodeAffinityTerm, NodeRequirement, Toleration
from .settings_rules import EFFECTS, KFP2, Problem, RuleError, _kfp
from .translatable import QT_TRANSLATE_NOOP

JSON_SYNTAX = QT_TRANSLATE_NOOP("SettingsRules",
                                "Not JSON: {message} (line {line}, column {column})")
JSON_NUMBER = QT_TRANSLATE_NOOP("SettingsRules",
                                "Not JSON: {value} is not a number JSON can hold")
OBJECT = QT_TRANSLATE_NOOP("SettingsRules",
                           "Write a JSON object in braces, e.g. {example}")
TEXT_VALUE = QT_TRANSLATE_NOOP("SettingsRules",
                               "{where}: write a text in double quotes, e.g. \"ssd\"")
SHAPE = QT_TRANSLATE_NOOP("SettingsRules",
                          "{where}: Kubernetes expects {shape} here")
UNKNOWN_NAME = QT_TRANSLATE_NOOP("SettingsRules",
                                 "{where}: Kubernetes knows only {names} here")
WEIGHT = QT_TRANSLATE_NOOP("SettingsRules",
                           "{where}: the weight is a whole number from 1 to 100")
SECONDS = QT_TRANSLATE_NOOP("SettingsRules",
                            "{where}: write a whole number of seconds")
CHOICE = QT_TRANSLATE_NOOP("SettingsRules",
                           "{where}: “{value}” is not one of {choices}")
TOLERATION_NAME = QT_TRANSLATE_NOOP("SettingsRules",
                                    "{where}: kfp reads only key, operator, value, effect and "
                                    "toleration_seconds; “{name}” would be dropped")
EXISTS_VALUE = QT_TRANSLATE_NOOP("SettingsRules",
                                 "{where}: with operator Exists the value must be empty "
                                 "(Kubernetes)")
NO_KEY = QT_TRANSLATE_NOOP("SettingsRules",
                           "{where}: without a key the operator must be Exists (Kubernetes)")
EMPTY_TERM = QT_TRANSLATE_NOOP("SettingsRules",
                                "{where}: give matchExpressions or matchFields (kfp writes a "
                                "term with neither differently in each version)")
SNAKE_CASE = QT_TRANSLATE_NOOP("SettingsRules",
                               "“{given}”: write Kubernetes' name {name} (the cluster would "
                               "ignore this one)")

# kfp's words (kfp/kubernetes/node_affinity.py, kfp/compiler/pipeline_spec_builder.py).
KFP2_AFFINITY_JSON = ("Invalid V1NodeAffinity JSON: V1NodeAffinity.__init__() got an "
                      "unexpected keyword argument '{name}'")
KFP2_NULL = ('Value must be one of the following types: str, int, float, bool, dict, and '
             'list. Got: "None" of type "<class \'NoneType\'>".')

REQUIRED = "requiredDuringSchedulingIgnoredDuringExecution"
PREFERRED = "preferredDuringSchedulingIgnoredDuringExecution"
OPERATORS = ("In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt")
TOLERATION_FIELDS = ("key", "operator", "value", "effect", "toleration_seconds")


def _fail(template: str, **args: Any) -> RuleError:
    return RuleError(Problem(template, args))


def _reject_number(text: str) -> Any:
    raise _fail(JSON_NUMBER, value=text)


def read_json(text: str) -> Any:
    """The JSON value of ``text``; kfp's refusal of ``null`` anywhere in it (a protobuf
    Value holds no None)."""
    try:
        value = json.loads(text, parse_constant=_reject_number)
    except json.JSONDecodeError as e:
        raise _fail(JSON_SYNTAX, message=e.msg, line=e.lineno, column=e.colno) from None
    if _has_null(value):
        raise RuleError(_kfp(KFP2, KFP2_NULL))
    return value


def _has_null(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, dict):
        return any(_has_null(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_null(v) for v in value)
    return False


def format_json(value: Any) -> str:
    """How the pane shows a JSON value, keys in the order given: what fits in a short line
    on one line, the rest indented (a narrow pane shows deep objects readably)."""
    return _pretty(value, "")


def _pretty(value: Any, indent: str, width: int = 36) -> str:
    flat = json.dumps(value, ensure_ascii=False)
    if len(flat) <= width or not isinstance(value, (dict, list)) or not value:
        return flat
    inner = indent + "  "
    if isinstance(value, dict):
        items = [f"{inner}{json.dumps(k, ensure_ascii=False)}: {_pretty(v, inner)}"
                 for k, v in value.items()]
        return "{\n" + ",\n".join(items) + f"\n{indent}}}"
    items = [inner + _pretty(v, inner) for v in value]
    return "[\n" + ",\n".join(items) + f"\n{indent}]"


def python_case(name: str) -> str:
    """kfp-kubernetes' ``camel_to_python_case`` (the name its error message shows)."""
    s1 = re.sub("(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub("([a-z0-9])([A-Z])", r"\1_\2", s1).lower()


# ------------------------------------------------------------------ node selector
def read_node_selector(text: str) -> dict[str, str]:
    value = read_json(text)
    if not isinstance(value, dict):
        raise _fail(OBJECT, example='{"disktype": "ssd"}')
    for key, label in value.items():
        if not isinstance(label, str):
            raise _fail(TEXT_VALUE, where=key)
    return value


# ------------------------------------------------------------------ maps of texts
def read_text_map(text: str) -> dict[str, str]:
    """A JSON object of texts (``{}`` or nothing: none)."""
    return read_node_selector(text) if text.strip() else {}


# ------------------------------------------------------------------ node affinity
def read_affinity_terms(text: str) -> tuple[NodeAffinityTerm, ...]:
    """Terms written as a Kubernetes ``NodeAffinity`` (nothing: none): the required ones,
    then the preferred ones with their weights."""
    if not text.strip():
        return ()
    value = read_node_affinity(text)
    required = value.get(REQUIRED, {}).get("nodeSelectorTerms", [])
    preferred = value.get(PREFERRED, [])
    out = []
    for where, term, weight in (
            [(f"{REQUIRED}.nodeSelectorTerms[{i}]", t, None) for i, t in enumerate(required)]
            + [(f"{PREFERRED}[{i}].preference", p["preference"], p["weight"])
               for i, p in enumerate(preferred)]):
        if not term.get("matchExpressions") and not term.get("matchFields"):
            raise _fail(EMPTY_TERM, where=where)
        out.append(NodeAffinityTerm(*(tuple(
            NodeRequirement(r["key"], r["operator"], tuple(r.get("values", [])))
            for r in term.get(name, [])) for name in ("matchExpressions", "matchFields")),
            weight))
    return tuple(out)


def format_affinity_terms(terms: tuple[NodeAffinityTerm, ...]) -> str:
    """Terms as the Kubernetes ``NodeAffinity`` they make (``read_affinity_terms``)."""
    def term(t: NodeAffinityTerm) -> dict:
        out = {}
        for name, rs in (("matchExpressions", t.match_expressions),
                         ("matchFields", t.match_fields)):
            if rs:
                out[name] = [{"key": r.key, "operator": r.operator,
                              **({"values": list(r.values)} if r.values else {})} for r in rs]
        return out
    value: dict[str, Any] = {}
    required = [term(t) for t in terms if t.weight is None]
    preferred = [{"weight": t.weight, "preference": term(t)} for t in terms
                 if t.weight is not None]
    if required:
        value[REQUIRED] = {"nodeSelectorTerms": required}
    if preferred:
        value[PREFERRED] = preferred
    return format_json(value) if value else ""


def read_node_affinity(text: str) -> dict[str, Any]:
    value = read_json(text)
    if not isinstance(value, dict):
        raise _fail(OBJECT, example='{"%s": {"nodeSelectorTerms": [...]}}' % REQUIRED)
    for name in value:
        if name in (REQUIRED, PREFERRED):
            continue
        for known in (REQUIRED, PREFERRED):     # (kfp takes it; the cluster would not)
            if python_case(name) == python_case(known):
                raise _fail(SNAKE_CASE, name=known, given=name)
        raise RuleError(_kfp(KFP2, KFP2_AFFINITY_JSON.format(name=python_case(name))))
    if REQUIRED in value:
        _node_selector(value[REQUIRED], REQUIRED)
    if PREFERRED in value:
        terms = value[PREFERRED]
        if not isinstance(terms, list):
            raise _fail(SHAPE, where=PREFERRED, shape='[{"weight": …, "preference": {…}}]')
        for i, term in enumerate(terms):
            where = f"{PREFERRED}[{i}]"
            _only(term, ("weight", "preference"), where, '{"weight": …, "preference": {…}}')
            weight = term.get("weight")
            if not isinstance(weight, int) or isinstance(weight, bool) or \
                    not 1 <= weight <= 100:
                raise _fail(WEIGHT, where=f"{where}.weight")
            _selector_term(term.get("preference"), f"{where}.preference")
    return value


def _only(value: Any, names: tuple[str, ...], where: str, shape: str) -> None:
    """``value`` is an object (``shape``) with no other names than ``names``."""
    if not isinstance(value, dict):
        raise _fail(SHAPE, where=where, shape=shape)
    for name in value:
        if name not in names:
            raise _fail(UNKNOWN_NAME, where=f"{where}.{name}", names=", ".join(names))


def _node_selector(value: Any, where: str) -> None:
    _only(value, ("nodeSelectorTerms",), where, '{"nodeSelectorTerms": […]}')
    terms = value.get("nodeSelectorTerms")
    if not isinstance(terms, list):
        raise _fail(SHAPE, where=f"{where}.nodeSelectorTerms",
                    shape='[{"matchExpressions": […], "matchFields": […]}]')
    for i, term in enumerate(terms):
        _selector_term(term, f"{where}.nodeSelectorTerms[{i}]")


def _selector_term(term: Any, where: str) -> None:
    names = ("matchExpressions", "matchFields")
    _only(term, names, where, '{"matchExpressions": […], "matchFields": […]}')
    for name in names:
        requirements = term.get(name, [])
        if not isinstance(requirements, list):
            raise _fail(SHAPE, where=f"{where}.{name}",
                        shape='[{"key": "…", "operator": "…", "values": […]}]')
        for i, r in enumerate(requirements):
            at = f"{where}.{name}[{i}]"
            _only(r, ("key", "operator", "values"), at,
                  '{"key": "…", "operator": "…", "values": […]}')
            if not isinstance(r.get("key"), str) or not r["key"]:
                raise _fail(TEXT_VALUE, where=f"{at}.key")
            if r.get("operator") not in OPERATORS:
                raise _fail(CHOICE, where=f"{at}.operator", value=r.get("operator", ""),
                            choices=", ".join(OPERATORS))
            values = r.get("values", [])
            if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
                raise _fail(SHAPE, where=f"{at}.values", shape='["…", "…"]')


# ------------------------------------------------------------------ tolerations
def read_tolerations(text: str) -> tuple[Toleration, ...]:
    """A toleration (a dict) or a list of them, as ``add_toleration_json`` takes them
    (nothing: none)."""
    if not text.strip():
        return ()
    value = read_json(text)
    items = value if isinstance(value, list) else [value]
    out = []
    for i, item in enumerate(items):
        where = f"[{i}]" if isinstance(value, list) else "toleration"
        if not isinstance(item, dict):
            raise _fail(OBJECT, example='[{"key": "gpu", "operator": "Exists"}]')
        for name in item:
            if name not in TOLERATION_FIELDS:
                raise _fail(TOLERATION_NAME, where=where, name=name)
        for name in ("key", "operator", "value", "effect"):
            if name in item and not isinstance(item[name], str):
                raise _fail(TEXT_VALUE, where=f"{where}.{name}")
        seconds = item.get("toleration_seconds")
        if seconds is not None and (not isinstance(seconds, int) or isinstance(seconds, bool)):
            raise _fail(SECONDS, where=f"{where}.toleration_seconds")
        operator, effect = item.get("operator"), item.get("effect")
        if operator is not None and operator not in ("Equal", "Exists"):
            raise _fail(CHOICE, where=f"{where}.operator", value=operator,
                        choices="Equal, Exists")
        if effect is not None and effect not in EFFECTS:
            raise _fail(CHOICE, where=f"{where}.effect", value=effect, choices=", ".join(EFFECTS))
        if operator == "Exists" and item.get("value"):
            raise _fail(EXISTS_VALUE, where=where)
        if not item.get("key") and operator != "Exists":
            raise _fail(NO_KEY, where=where)
        out.append(Toleration(item.get("key"), operator, item.get("value"), effect, seconds))
    return tuple(out)


def format_tolerations(tolerations: tuple[Toleration, ...]) -> str:
    """Plain tolerations as ``add_toleration_json`` takes them (unset fields left out)."""
    return format_json([{name: getattr(t, name) for name in TOLERATION_FIELDS
                         if getattr(t, name) is not None} for t in tolerations])


__all__ = ["read_json", "format_json", "read_node_selector", "read_node_affinity",
           "read_affinity_terms", "format_affinity_terms", "read_text_map",
           "read_tolerations", "format_tolerations", "python_case"]
