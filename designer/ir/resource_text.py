"""Other Kubernetes resources (kfp 1 ``add_resource_limit`` / ``add_resource_request``) as
the Properties pane's ``name=quantity, ...`` lines (Qt-free).

A name is a Kubernetes resource name (``ephemeral-storage``, ``hugepages-2Mi``,
``cloud-tpus.google.com/v2``: an optional domain prefix and a name); cpu, memory and GPUs
have their own fields. The quantity is what Kubernetes reads (``10Gi``, ``8``, ``500m``).
"""
from __future__ import annotations

import re

from .settings_rules import Problem, RuleError, parse_pairs
from .translatable import QT_TRANSLATE_NOOP

_NAME = re.compile(r"^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
                   r"[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")
_QUANTITY = re.compile(r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)"
                       r"(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei|[eE][+-]?[0-9]+)?$")

RESOURCE_NAME = QT_TRANSLATE_NOOP("SettingsRules",
                                  "“{name}” is not a resource name (e.g. ephemeral-storage, "
                                  "hugepages-2Mi, cloud-tpus.google.com/v2)")
OWN_FIELD = QT_TRANSLATE_NOOP("SettingsRules",
                              "“{name}” has its own field above (CPU, memory, accelerator)")
RESOURCE_QUANTITY = QT_TRANSLATE_NOOP("SettingsRules",
                                      "“{value}” is not a quantity (e.g. 10Gi, 8, 500m)")


def parse_other_resources(text: str) -> dict[str, str]:
    pairs = parse_pairs(text)
    for name, value in pairs.items():
        if name in ("cpu", "memory") or name.endswith(".com/gpu"):
            raise RuleError(Problem(OWN_FIELD, {"name": name}))
        if len(name) > 253 or _NAME.match(name) is None:
            raise RuleError(Problem(RESOURCE_NAME, {"name": name}))
        if _QUANTITY.match(value) is None:
            raise RuleError(Problem(RESOURCE_QUANTITY, {"value": value}))
    return pairs


__all__ = ["parse_other_resources"]
