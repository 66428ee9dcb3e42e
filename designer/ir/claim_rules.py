"""What a person may choose for a claim made with the task's pod (kfp-kubernetes
``add_ephemeral_volume``): its access modes, labels and annotations.

Qt-free, with the rules' templates in the ``SettingsRules`` context (``settings_rules.py``)
so the Properties pane translates them the same way. kfp writes any list of modes; these
are the checks Kubernetes makes on a claim (``ValidatePersistentVolumeClaimSpec``), said
before the pipeline reaches a cluster that would refuse the pod.
"""
from __future__ import annotations

from .settings_rules import Problem
from .translatable import QT_TRANSLATE_NOOP

# Kubernetes' access modes, in the order the pane shows them.
ACCESS_MODES = ("ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod")

NO_MODE = QT_TRANSLATE_NOOP("SettingsRules",
                            "A claim needs at least one access mode (Kubernetes: at least 1 "
                            "access mode is required)")
ONCE_POD_ALONE = QT_TRANSLATE_NOOP("SettingsRules",
                                   "ReadWriteOncePod goes alone (Kubernetes: may not use "
                                   "ReadWriteOncePod with other access modes)")


def access_modes_problem(modes: tuple[str, ...]) -> Problem | None:
    if not modes:
        return Problem(NO_MODE)
    if "ReadWriteOncePod" in modes and len(modes) > 1:
        return Problem(ONCE_POD_ALONE)
    return None


def modes_editable(modes: tuple[str, ...]) -> bool:
    """Whether check boxes say ``modes`` exactly: known modes, each once (their order is
    kept by ``toggled_modes``)."""
    return all(m in ACCESS_MODES for m in modes) and len(set(modes)) == len(modes)


def toggled_modes(old: tuple[str, ...], checked: set[str]) -> tuple[str, ...]:
    """The modes after a person checked ``checked``: those kept in their old order (kfp
    writes the list as given), then the new ones in the boxes' order."""
    return tuple(m for m in old if m in checked) + tuple(
        m for m in ACCESS_MODES if m in checked and m not in old)


__all__ = ["ACCESS_MODES", "access_modes_problem", "modes_editable",
           "toggled_modes"]
