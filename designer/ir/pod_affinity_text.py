"""Pod affinity and anti-affinity terms as one line of text (the Properties pane's field).

``app=cache & tier In a,b @ kubernetes.io/hostname; 40: role Exists @ zone in ml,data``:
terms separated by ``;``, each an optional ``weight:`` (1-100: preferred; none: required),
the pods it is about (their labels: ``key=value`` pairs and ``key operator [values]``
requirements joined by ``&``; ``*`` every pod; nothing: no selector), ``@`` and the
topology key (the node label whose value is shared: same host, same zone...), and ``in``
namespaces (none: the task's own). Qt-free; the messages are marked for translation.
"""
from __future__ import annotations

from .settings import LabelSelector, NodeRequirement, PodAffinityTerm
from .settings_rules import Problem, RuleError
from .translatable import QT_TRANSLATE_NOOP

# Kubernetes' label selector operators (a LabelSelectorRequirement has no Gt/Lt).
LABEL_OPERATORS = ("In", "NotIn", "Exists", "DoesNotExist")

POD_AFFINITY = QT_TRANSLATE_NOOP(
    "SettingsRules",
    "“{item}”: write [weight:] pods @ topology key [in namespaces]: the pods as key=value or "
    "key operator [values] (In, NotIn, Exists, DoesNotExist) joined by &, or * for every "
    "pod; terms separated by ;, e.g. app=cache @ kubernetes.io/hostname; 50: role In a,b @ "
    "zone in ml")
WEIGHT = QT_TRANSLATE_NOOP("SettingsRules",
                           "“{item}”: the weight of a preferred term is a whole number from "
                           "1 to 100")


def _fail(item: str, template: str = POD_AFFINITY) -> RuleError:
    return RuleError(Problem(template, {"item": item}))


def _selector(text: str, item: str) -> LabelSelector | None:
    text = text.strip()
    if not text:
        return None
    if text == "*":
        return LabelSelector()
    labels: dict[str, str] = {}
    expressions: list[NodeRequirement] = []
    for part in (p.strip() for p in text.split("&")):
        tokens = part.split()
        if len(tokens) >= 2 and tokens[1] in LABEL_OPERATORS:
            values = tuple(v for v in ",".join(tokens[2:]).split(",") if v)
            if bool(values) != (tokens[1] in ("In", "NotIn")):   # (as Kubernetes requires)
                raise _fail(item)
            expressions.append(NodeRequirement(tokens[0], tokens[1], values))
        elif len(tokens) == 1 and "=" in part and not part.startswith("="):
            key, _, value = part.partition("=")
            labels[key] = value
        else:
            raise _fail(item)
    return LabelSelector(labels, tuple(expressions))


def parse_pod_affinity(text: str) -> tuple[PodAffinityTerm, ...]:
    out: list[PodAffinityTerm] = []
    for item in (i.strip() for i in text.split(";")):
        if not item:
            continue
        weight = None
        head, sep, rest = item.partition(":")
        body = item
        if sep and head.strip().isdigit():
            weight, body = int(head), rest
            if not 1 <= weight <= 100:
                raise _fail(item, WEIGHT)
        pods, at, where = body.rpartition("@")
        tokens = where.split()
        if not at or not tokens or (len(tokens) > 1 and tokens[1] != "in") or len(tokens) == 2:
            raise _fail(item)
        namespaces = tuple(n for n in ",".join(tokens[2:]).split(",") if n)
        out.append(PodAffinityTerm(tokens[0], _selector(pods, item), namespaces, weight))
    return tuple(out)


def format_pod_affinity(terms: tuple[PodAffinityTerm, ...]) -> str:
    texts = []
    for t in terms:
        pods = ""
        if t.label_selector is not None:
            parts = [f"{k}={v}" for k, v in t.label_selector.match_labels.items()] + [
                " ".join(x for x in (r.key, r.operator, ",".join(r.values)) if x)
                for r in t.label_selector.match_expressions]
            pods = " & ".join(parts) or "*"
        text = f"{pods} @ {t.topology_key}".lstrip()
        if t.namespaces:
            text += " in " + ",".join(t.namespaces)
        texts.append(f"{t.weight}: {text}" if t.weight is not None else text)
    return "; ".join(texts)


def pod_affinity_editable(terms: tuple[PodAffinityTerm, ...]) -> bool:
    """Whether the text form reads back the same (plain keys and values, no separators)."""
    try:
        return parse_pod_affinity(format_pod_affinity(terms)) == tuple(terms)
    except (RuleError, ValueError):
        return False


__all__ = ["LABEL_OPERATORS", "parse_pod_affinity", "format_pod_affinity",
           "pod_affinity_editable"]
