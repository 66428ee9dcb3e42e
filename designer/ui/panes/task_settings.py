"""How the selected task runs on a cluster: folding sections of the Properties pane.

Run (display name, caching, retries, timeout, ignore upstream failure), Resources (CPU and
memory requests and limits, accelerator), Environment (variables: a value, a key of a
Kubernetes secret / config map, by name only, or a field of the pod), Kubernetes (node selector, tolerations,
pod labels and annotations, image pull policy and secrets), Volumes (claims mounted at a path:
``volume_rows.py``).

Every field is read by a rule of ``designer/ir/settings_rules.py``; a refused text shows
the rule's (kfp's) message and changes nothing. An accepted edit is reported as the whole
new ``TaskSettings`` (``settings_edited(task id, settings, what)``), one undo step.
Values set from a pipeline parameter or a task output are shown read-only.
"""
from __future__ import annotations

import dataclasses
from typing import Any, Callable, Mapping

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from designer.ir import OutputRef, ParamRef, Task
from designer.ir.pod_affinity_text import (format_pod_affinity, parse_pod_affinity,
                                           pod_affinity_editable)
from designer.ir.resource_text import parse_other_resources
from designer.ir.settings import (RESOURCE_FIELDS, EnvVar, EphemeralClaim, NodeAffinityTerm,
                                  Retry, SecurityContext, TaskSettings, Toleration,
                                  VolumeMount)
from designer.ir.sidecar_text import format_sidecars, parse_sidecars, sidecars_editable
from designer.ir.settings_rules import (
    ENV_SOURCE,
    RETRIES_FIRST,
    Problem,
    RuleError,
    accelerator_count_problem,
    affinity_editable,
    caching_off,
    cpu_problem,
    duration_problem,
    env_name_problem,
    factor,
    field_path_problem,
    format_affinity,
    format_pairs,
    format_toleration,
    memory_problem,
    pairs_editable,
    parse_affinity,
    parse_names,
    parse_pairs,
    parse_tolerations,
    staleness_problem,
)
from designer.ui.panes.settings_fields import (
    CheckedLine,
    FoldingSection,
    add_row,
    checked,
    optional_number,
    problem_text,
)
from designer.ui.panes.json_placement import (
    JSON_HERE,
    PlacementJson,
    affinity_as_text,
    plain_terms,
    texts_only,
    tolerations_as_text,
)
from designer.ui.panes.settings_summary import _describe, has_settings, settings_summary
from designer.ui.panes.volume_rows import VolumeRow
from designer.ui.theme import set_text_role

PULL_POLICIES = ("Always", "IfNotPresent", "Never")
RETRY_POLICIES = ("Always", "OnFailure", "OnError", "OnTransientError")   # kfp 1 (Argo)
SECTIONS = ("run", "resources", "environment", "kubernetes", "volumes")
_SECTION_FIELDS = {
    "run": ("display_name", "enable_caching", "max_cache_staleness", "retry", "timeout",
            "ignore_upstream_failure"),
    "resources": ("cpu_request", "cpu_limit", "memory_request", "memory_limit",
                  "accelerator_type", "accelerator_limit", "other_limits", "other_requests"),
    "environment": ("env",),
    "kubernetes": ("node_selector", "tolerations", "node_affinity", "pod_affinity",
                   "pod_anti_affinity", "sidecars", "pod_labels", "pod_annotations", "image_pull_policy", "image_pull_secrets",
                   "node_selector_json", "security_context"),
    "volumes": ("volumes",),
}
ENV_SOURCES = ("value", "secret", "config_map", "field_path")


def _plain(value: Any) -> bool:
    return value is None or isinstance(value, (str, int, float))


class _EnvRow:
    """One environment variable: name, source, value (or secret / config map name), key."""

    def __init__(self, editor: "TaskSettingsEditor", grid: QGridLayout, row: int, index: int):
        self.index = index
        self.name = QLineEdit()
        self.name.setPlaceholderText(QCoreApplication.translate("TaskSettingsEditor", "NAME"))
        self.source = QComboBox()
        self.source.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.source.setMinimumContentsLength(5)
        for key, text in zip(ENV_SOURCES, (
                QCoreApplication.translate("TaskSettingsEditor", "value"),
                QCoreApplication.translate("TaskSettingsEditor", "secret"),
                QCoreApplication.translate("TaskSettingsEditor", "config map"),
                QCoreApplication.translate("TaskSettingsEditor", "pod field"))):
            self.source.addItem(text, key)
        self.value = QLineEdit()
        self.key = QLineEdit()
        self.key.setPlaceholderText(QCoreApplication.translate("TaskSettingsEditor", "key"))
        self.remove = QToolButton()
        self.remove.setText("✕")
        self.remove.setAutoRaise(True)
        self.remove.setToolTip(QCoreApplication.translate("TaskSettingsEditor",
                                                          "Remove this variable"))
        # A secret / config map (key) that may be missing: the variable is then unset.
        self.optional = QCheckBox(QCoreApplication.translate("TaskSettingsEditor", "optional"))
        self.optional.setToolTip(QCoreApplication.translate(
            "TaskSettingsEditor", "The task runs even if the secret or config map (or the "
            "key) is missing: the variable is then unset"))
        self.error = QLabel()
        self.error.setWordWrap(True)
        set_text_role(self.error, "error")
        self.error.hide()
        for col, w in enumerate((self.name, self.source, self.value, self.key, self.remove)):
            grid.addWidget(w, 2 * row, col)
        grid.addWidget(self.error, 2 * row + 1, 0, 1, 3)
        grid.addWidget(self.optional, 2 * row + 1, 3, 1, 2)
        for edit in (self.name, self.value, self.key):
            edit.editingFinished.connect(lambda e=edit: editor._commit_env(self, e))
        self.source.activated.connect(lambda _i: editor._commit_env(self, self.source))
        self.optional.clicked.connect(lambda _on: editor._commit_env(self, self.optional))
        self.remove.clicked.connect(lambda: editor._remove_env(self.index))

    def fill(self, var: EnvVar) -> None:
        source = ("secret" if var.secret is not None else
                  "config_map" if var.config_map is not None else
                  "field_path" if var.field_path is not None else "value")
        shown = {"value": var.value, "secret": var.secret, "config_map": var.config_map,
                 "field_path": var.field_path}[source]
        editable = _plain(shown) and _plain(var.key)
        for edit, text in ((self.name, var.name), (self.value, shown), (self.key, var.key)):
            if not (edit.hasFocus() and edit.isModified()):
                edit.setText(_describe(text))
                edit.setModified(False)
            edit.setReadOnly(not editable)
        self.source.setCurrentIndex(ENV_SOURCES.index(source))
        self.source.setEnabled(editable)
        self.key.setVisible(source in ("secret", "config_map"))
        self.optional.setChecked(var.optional)
        self.optional.setVisible(source in ("secret", "config_map"))
        self.optional.setEnabled(editable)
        self.value.setPlaceholderText(
            "metadata.labels['team']" if source == "field_path" else
            QCoreApplication.translate("TaskSettingsEditor", "value") if source == "value"
            else QCoreApplication.translate("TaskSettingsEditor", "secret name")
            if source == "secret"
            else QCoreApplication.translate("TaskSettingsEditor", "config map name"))
        self.value.setToolTip("" if editable else QCoreApplication.translate(
            "TaskSettingsEditor", "Set in the Python file from a pipeline parameter or a "
            "task output"))

    def read(self) -> EnvVar:
        source = self.source.currentData()
        name, value, key = (self.name.text().strip(), self.value.text(),
                            self.key.text().strip() or None)
        if source == "value":
            return EnvVar(name, value=value)
        optional = self.optional.isChecked()
        if source == "secret":
            return EnvVar(name, secret=value.strip(), key=key, optional=optional)
        if source == "field_path":
            return EnvVar(name, field_path=value.strip())
        return EnvVar(name, config_map=value.strip(), key=key, optional=optional)


class TaskSettingsEditor(QWidget):
    """The run-settings sections of one task. ``expanded`` (section key -> bool) is shared
    with the pane so folding survives rebuilding for another task."""

    settings_edited = Signal(str, object, str)   # task id, TaskSettings, what changed

    def __init__(self, expanded: dict[str, bool], parent: QWidget | None = None):
        super().__init__(parent)
        self._expanded = expanded
        self._task: Task | None = None
        self._filling = False
        self.sections: dict[str, FoldingSection] = {}
        self.fields: dict[str, CheckedLine] = {}
        self.env_rows: list[_EnvRow] = []
        self._env_shape: tuple | None = None
        self.volume_rows: list[VolumeRow] = []
        self._volume_shape: int | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(2)
        titles = {"run": self.tr("Run"), "resources": self.tr("Resources"),
                  "environment": self.tr("Environment"), "kubernetes": self.tr("Kubernetes"),
                  "volumes": self.tr("Volumes")}
        for key in SECTIONS:
            section = FoldingSection(titles[key], expanded.get(key, key == "run"))
            section.setObjectName(f"section-{key}")
            section.toggled.connect(lambda on, k=key: self._expanded.__setitem__(k, on))
            self.sections[key] = section
            layout.addWidget(section)
        self._build_run(self.sections["run"])
        self._build_resources(self.sections["resources"])
        self._build_environment(self.sections["environment"])
        self._build_kubernetes(self.sections["kubernetes"])
        self._build_volumes(self.sections["volumes"])

    # ------------------------------------------------------------------ building
    def _line(self, section: str, key: str, label: str, read: Callable[[str], Any],
              apply: Callable[[TaskSettings, Any], TaskSettings], placeholder: str = "",
              tooltip: str = "") -> CheckedLine:
        line = CheckedLine(read, placeholder, tooltip)
        line.setObjectName(f"setting-{key}")
        line.committed.connect(lambda value: self._emit(apply(self._settings(), value), label))
        add_row(self.sections[section].form, label, line, tooltip)
        self.fields[key] = line
        return line

    def _build_run(self, section: FoldingSection) -> None:
        self._line("run", "display_name", self.tr("Display name"), lambda t: t or None,
                   lambda s, v: dataclasses.replace(s, display_name=v),
                   self.tr("as the name (default)"),
                   self.tr("The name the cluster's UI and the run panel show"))
        self.caching = QCheckBox(self.tr("reuse results"))
        self.caching.setToolTip(self.tr("Off: the task always runs, on the cluster and in "
                                        "local runs, instead of reusing the results of an "
                                        "identical earlier run"))
        self.caching.clicked.connect(self._commit_caching)
        add_row(section.form, self.tr("Caching"), self.caching, self.caching.toolTip())
        self._line("run", "retries", self.tr("Retries"), optional_number(0), self._with_retries,
                   "0", self.tr("How many times a failed task runs again"))
        self._line("run", "backoff", self.tr("Retry backoff"), checked(duration_problem),
                   self._with_retry("backoff_duration"), self.tr("immediately (default)"),
                   self.tr("Wait before retrying: 30s, 2m... (with retries)"))
        self._line("run", "backoff_factor", self.tr("Backoff factor"),
                   lambda t: factor(t) if t else None, self._with_retry("backoff_factor"),
                   self.tr("1 (kfp 1), 2 (kfp 2)"),
                   self.tr("Each wait is the previous one times this number"))
        self._line("run", "backoff_max", self.tr("Backoff limit"), checked(duration_problem),
                   self._with_retry("backoff_max_duration"), self.tr("no limit"),
                   self.tr("The wait between retries grows up to this: 5m, 1h..."))
        self.retry_policy = QComboBox()
        self.retry_policy.setSizeAdjustPolicy(   # narrow panes: elide, never widen the pane
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.retry_policy.setMinimumContentsLength(4)
        self.retry_policy.addItem(self.tr("any failure (default)"), None)
        for policy in RETRY_POLICIES:
            self.retry_policy.addItem(policy, policy)
        self.retry_policy.setToolTip(self.tr("Which failures are retried (kfp 1 only; kfp 2 "
                                             "retries any failure)"))
        self.retry_policy.activated.connect(self._commit_retry_policy)
        add_row(section.form, self.tr("Retry on"), self.retry_policy,
                self.retry_policy.toolTip())
        self._line("run", "staleness", self.tr("Cache age"), checked(staleness_problem),
                   self._with_staleness, self.tr("no limit"),
                   self.tr("Reuse cached results up to this age (kfp 1 only): P30D, PT12H; "
                           "P0D never reuses"))
        self._line("run", "timeout", self.tr("Timeout (s)"), optional_number(1),
                   lambda s, v: dataclasses.replace(s, timeout=v), self.tr("none"),
                   self.tr("Seconds after which the task is stopped and fails"))
        self.ignore_upstream = QCheckBox(self.tr("run anyway"))
        self.ignore_upstream.setToolTip(self.tr("Run even if upstream tasks fail (kfp 2 "
                                                "only: ignore_upstream_failure)"))
        self.ignore_upstream.clicked.connect(
            lambda on: self._emit(dataclasses.replace(self._settings(),
                                                      ignore_upstream_failure=on),
                                  self.tr("Ignore upstream failure")))
        add_row(section.form, self.tr("Upstream fails"), self.ignore_upstream,
                self.ignore_upstream.toolTip())

    def _build_resources(self, section: FoldingSection) -> None:
        cores = self.tr("Cores: 500m is half a core, 2 is two")
        size = self.tr("Bytes with a unit: 512Mi, 2Gi")
        for key, label, rule, hint in (
                ("cpu_request", self.tr("CPU request"), cpu_problem, cores),
                ("cpu_limit", self.tr("CPU limit"), cpu_problem, cores),
                ("memory_request", self.tr("Memory request"), memory_problem, size),
                ("memory_limit", self.tr("Memory limit"), memory_problem, size)):
            self._line("resources", key, label, checked(rule),
                       lambda s, v, k=key: dataclasses.replace(s, **{k: v}),
                       self.tr("none"), hint)
        self._line("resources", "accelerator_type", self.tr("Accelerator"), lambda t: t or None,
                   lambda s, v: dataclasses.replace(s, accelerator_type=v),
                   "nvidia.com/gpu", self.tr("The accelerator type, e.g. nvidia.com/gpu, "
                                             "amd.com/gpu, NVIDIA_TESLA_T4"))
        self._line("resources", "accelerator_limit", self.tr("Accelerators"),
                   lambda t: int(checked(accelerator_count_problem)(t)) if t else None,
                   lambda s, v: dataclasses.replace(s, accelerator_limit=v), self.tr("none"),
                   self.tr("How many accelerators (GPUs): a whole number"))
        other = self.tr("Other resources the task's pod asks for, name=quantity separated by "
                        "commas (ephemeral-storage=10Gi, hugepages-2Mi=100Mi, "
                        "cloud-tpus.google.com/v2=8). kfp 1 only")
        for key, label in (("other_limits", self.tr("Other limits")),
                           ("other_requests", self.tr("Other requests"))):
            self._line("resources", key, label, parse_other_resources,
                       lambda s, v, k=key: dataclasses.replace(s, **{k: v}),
                       "ephemeral-storage=10Gi", other)

    def _build_environment(self, section: FoldingSection) -> None:
        self._env_grid, self.add_env_button = self._rows_host(
            section, {0: 3, 2: 3, 3: 2}, self.tr("Add variable"),
            self.tr("Secrets and config maps are named, never stored: local runs read their "
                    "values from an env file"), self._add_env)

    def _rows_host(self, section: FoldingSection, stretch: dict[int, int], add: str,
                   tooltip: str, slot: Callable[[], None]) -> tuple[QGridLayout, QPushButton]:
        """A grid of rows (variables, volumes) and the button that adds one under it."""
        host = QWidget()
        grid = QGridLayout(host)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(4)
        for column, factor in stretch.items():
            grid.setColumnStretch(column, factor)
        section.form.addRow(host)
        button = QPushButton(add)
        button.setToolTip(tooltip)
        button.clicked.connect(slot)
        section.form.addRow(button)
        return grid, button

    def _build_kubernetes(self, section: FoldingSection) -> None:
        pairs_hint = self.tr("key=value pairs, separated by commas")
        for key, label in (("node_selector", self.tr("Node selector")),
                           ("pod_labels", self.tr("Pod labels")),
                           ("pod_annotations", self.tr("Pod annotations"))):
            self._line("kubernetes", key, label, parse_pairs,
                       lambda s, v, k=key: dataclasses.replace(s, **{k: v}),
                       self.tr("key=value, …"), pairs_hint)
        self._line("kubernetes", "tolerations", self.tr("Tolerations"), parse_tolerations,
                   lambda s, v: dataclasses.replace(s, tolerations=v + tuple(
                       t for t in s.tolerations if t.json is not None)),
                   "gpu=yes:NoSchedule, spot",
                   self.tr("key[=value][:Effect][@seconds], separated by commas"))
        self._line("kubernetes", "node_affinity", self.tr("Node affinity"), parse_affinity,
                   lambda s, v: dataclasses.replace(s, node_affinity=v + tuple(
                       t for t in s.node_affinity if t.json is not None)),
                   "disktype In ssd; 5: zone In a",
                   self.tr("Nodes the task may run on: [weight:] key operator [values] "
                           "(In, NotIn, Exists, DoesNotExist, Gt, Lt), joined by &; terms "
                           "separated by ;. With a weight (1-100) a term is preferred, "
                           "without it required. field:key tests a node field"))
        pod_hint = self.tr("[weight:] pods @ topology key [in namespaces]; terms separated "
                           "by ;. The pods: key=value or key operator [values] (In, NotIn, "
                           "Exists, DoesNotExist) joined by &, * for every pod. With a weight "
                           "(1-100) a term is preferred, without it required. kfp 1 only: "
                           "kfp-kubernetes has no pod affinity")
        self._line("kubernetes", "pod_affinity", self.tr("Pod affinity"), parse_pod_affinity,
                   lambda s, v: dataclasses.replace(s, pod_affinity=v),
                   "app=cache @ kubernetes.io/hostname",
                   self.tr("Run the task where these pods run. ") + pod_hint)
        self._line("kubernetes", "pod_anti_affinity", self.tr("Pod anti-affinity"),
                   parse_pod_affinity, lambda s, v: dataclasses.replace(s, pod_anti_affinity=v),
                   "50: app=train @ kubernetes.io/hostname",
                   self.tr("Keep the task away from where these pods run. ") + pod_hint)
        self._line("kubernetes", "sidecars", self.tr("Sidecars"), parse_sidecars,
                   lambda s, v: dataclasses.replace(s, sidecars=v),
                   "cache=redis:alpine redis-server",
                   self.tr("Containers that run beside the task's own for as long as it runs "
                           "(a service it calls on localhost): name=image, then the command "
                           "and, after --, its arguments; sidecars separated by ;. kfp 1 "
                           "only: a kfp 2 task runs one container"))
        self.pull_policy = QComboBox()
        self.pull_policy.addItem(self.tr("default"), None)
        for policy in PULL_POLICIES:
            self.pull_policy.addItem(policy, policy)
        self.pull_policy.activated.connect(
            lambda _i: self._emit(dataclasses.replace(
                self._settings(), image_pull_policy=self.pull_policy.currentData()),
                self.tr("Image pull policy")))
        add_row(section.form, self.tr("Image pull policy"), self.pull_policy)
        self._line("kubernetes", "image_pull_secrets", self.tr("Image pull secrets"),
                   parse_names, lambda s, v: dataclasses.replace(s, image_pull_secrets=v),
                   "regcred, …",
                   self.tr("Secrets holding the credentials of private image registries, "
                           "separated by commas (kfp 2: kfp-kubernetes)"))
        # Who the container runs as (security context).
        for key, label in (("run_as_user", self.tr("Run as user")),
                           ("run_as_group", self.tr("Run as group"))):
            self._line("kubernetes", key, label, optional_number(0),
                       lambda s, v, k=key: self._with_security(s, k, v), self.tr("default"),
                       self.tr("The numeric id the container's processes run as (security "
                               "context)"))
        self.non_root = QComboBox()
        self.non_root.setObjectName("setting-run_as_non_root")
        for text, value in ((self.tr("default"), None), (self.tr("required"), True),
                            (self.tr("not required"), False)):
            self.non_root.addItem(text, value)
        self.non_root.setToolTip(self.tr("Whether the container must not run as root (the "
                                         "cluster refuses an image that would)"))
        self.non_root.activated.connect(lambda _i: self._emit(self._with_security(
            self._settings(), "run_as_non_root", self.non_root.currentData()),
            self.tr("Run as non-root")))
        add_row(section.form, self.tr("Run as non-root"), self.non_root, self.non_root.toolTip())
        # Placement given whole by a pipeline parameter at run time (kfp-kubernetes
        # add_node_selector_json / add_toleration_json / add_node_affinity_json).
        self.json_sources: dict[str, QComboBox] = {}
        self._json_tips: dict[str, str] = {}
        for key, label, tip in (
                ("node_selector_json", self.tr("Node selector from"),
                 self.tr("A pipeline parameter giving the whole node selector (a dict) when "
                         "the run starts (kfp 2 only)")),
                ("toleration_json", self.tr("Tolerations from"),
                 self.tr("A pipeline parameter giving a toleration (a dict) or a list of them "
                         "when the run starts (kfp 2 only)")),
                ("node_affinity_json", self.tr("Node affinity from"),
                 self.tr("A pipeline parameter giving a whole Kubernetes node affinity (a "
                         "dict) when the run starts (kfp 2 only)"))):
            combo = QComboBox()
            combo.setObjectName(f"setting-{key}")
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(6)
            combo.setToolTip(tip)
            combo.activated.connect(lambda _i, k=key: self._commit_json_source(k))
            add_row(section.form, label, combo, tip)
            self.json_sources[key] = combo
            self._json_tips[key] = tip
        # ... or written here as JSON (and the tolerations as JSON, by the { } button).
        self.placement_json = PlacementJson(
            section.form, {key: self.fields[key] for key in (
                "node_selector", "pod_labels", "pod_annotations", "tolerations",
                "node_affinity")}, self.json_sources, self._settings, self._emit)

    def _build_volumes(self, section: FoldingSection) -> None:
        self._volume_grid, self.add_volume_button = self._rows_host(
            section, {0: 1, 1: 1}, self.tr("Add volume"),
            self.tr("Mount a volume (what the list below says); local runs use a folder "
                    "named after a claim"), self._add_volume)
        # What "Add volume" mounts: a claim by name, or the claim a task of the pipeline
        # creates (CreatePVC / VolumeOp; filled in ``set_task``).
        self.volume_source = QComboBox()
        self.volume_source.setObjectName("volume-source")
        self.volume_source.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.volume_source.setMinimumContentsLength(6)
        self.volume_source.setToolTip(self.tr("A claim named here, the claim a CreatePVC "
                                              "step of the pipeline creates (add one from "
                                              "the library), a secret, a config map, a "
                                              "scratch folder (empty dir) or a claim made "
                                              "with the task's pod (ephemeral volume)"))
        section.form.insertRow(section.form.rowCount() - 1, self.tr("Mount"),
                               self.volume_source)
        self._task_names: Mapping[str, str] = {}
        self._params: list[str] = []

    # ------------------------------------------------------------------ showing a task
    def _settings(self) -> TaskSettings:
        return self._task.settings if self._task is not None else TaskSettings()

    def set_task(self, task: Task | None,
                 claim_makers: list[tuple[str, str]] | tuple = (),
                 task_names: Mapping[str, str] | None = None,
                 params: list[str] | tuple = (), pipeline_task: bool = False) -> None:
        """``claim_makers``: (task id, name) of the pipeline's claim-creating tasks;
        ``task_names``: task id -> name, to show which task a claim comes from;
        ``params``: the pipeline's parameter names (placement given by one);
        ``pipeline_task``: the task runs a pipeline (kfp 2 sets no container or Kubernetes
        settings on it: those sections are hidden unless the task has some to clear)."""
        new_task = task is None or self._task is None or task.id != self._task.id
        self._task = task
        if task is None:
            return
        self._params = list(params)
        self._task_names = task_names if task_names is not None else {}
        makers = [(tid, name) for tid, name in claim_makers if tid != task.id]
        chosen = self.volume_source.currentData()
        self.volume_source.clear()
        self.volume_source.addItem(self.tr("a claim by name"), None)
        for tid, name in makers:
            self.volume_source.addItem(self.tr("the claim {task} creates").format(task=name),
                                       tid)
        for kind, text in (("secret", self.tr("a secret")),
                           ("config_map", self.tr("a config map")),
                           ("empty_dir", self.tr("an empty dir")),
                           ("ephemeral", self.tr("an ephemeral volume")),
                           ("host_path", self.tr("a folder of the node (kfp 1)"))):
            self.volume_source.addItem(text, "kind:" + kind)
        index = self.volume_source.findData(chosen)
        self.volume_source.setCurrentIndex(max(index, 0))
        s = task.settings
        self._filling = True
        try:
            self._fill_run(s)
            for key in RESOURCE_FIELDS:
                value = getattr(s, key)
                self.fields[key].set_text(_describe(value), _plain(value),
                                          self.tr("Set from a pipeline parameter or a task "
                                                  "output in the Python file"))
            for key in ("node_selector", "pod_labels", "pod_annotations", "other_limits",
                        "other_requests"):
                pairs = getattr(s, key)
                self.fields[key].set_text(
                    format_pairs(pairs), pairs_editable(pairs),
                    self.tr("Edit these as JSON, below: a value has a comma")
                    if texts_only(pairs) else self.tr("Edit these in the Python file: a "
                                                      "value comes from a parameter"))
            # (what a parameter gives whole is chosen below, "... from")
            tolerations = tuple(t for t in s.tolerations if t.json is None)
            self.fields["tolerations"].set_text(
                ", ".join(format_toleration(t) for t in tolerations),
                # (editing keeps those from a parameter after these: they must be last)
                tolerations_as_text(s),
                self.tr("Edit these as JSON, below: the text form cannot say their "
                        "operator, or one from a parameter comes first"))
            self.fields["node_affinity"].set_text(
                format_affinity(plain_terms(s)), affinity_as_text(s),
                self.tr("Edit this as JSON, below: the text form cannot say a term, or the "
                        "node affinity from JSON comes first"))
            for key in ("pod_affinity", "pod_anti_affinity"):
                terms = getattr(s, key)
                self.fields[key].set_text(
                    format_pod_affinity(terms), pod_affinity_editable(terms),
                    self.tr("Edit this in the Python file: a term with names or values the "
                            "text form cannot say"))
            self.fields["sidecars"].set_text(
                format_sidecars(s.sidecars), sidecars_editable(s.sidecars),
                self.tr("Edit these in the Python file: a value comes from the run, or a "
                        "sidecar mirrors the task's volumes"))
            secrets = s.image_pull_secrets
            self.fields["image_pull_secrets"].set_text(
                ", ".join(_describe(n) for n in secrets),
                all(isinstance(n, str) for n in secrets),
                self.tr("Edit these in the Python file: a name comes from a pipeline "
                        "parameter or a task output"))
            index = self.pull_policy.findData(s.image_pull_policy)
            if index < 0:
                self.pull_policy.addItem(str(s.image_pull_policy), s.image_pull_policy)
                index = self.pull_policy.count() - 1
            self.pull_policy.setCurrentIndex(index)
            sc = s.security_context or SecurityContext()
            for key in ("run_as_user", "run_as_group"):
                value = getattr(sc, key)
                self.fields[key].set_text("" if value is None else str(value))
            self.non_root.setCurrentIndex(max(self.non_root.findData(sc.run_as_non_root), 0))
            self._fill_json_sources(s)
            self.placement_json.fill(s, new_task)
            self._fill_env(s)
            self._fill_volumes(s)
            changed = set(s.changed())
            for key, names in _SECTION_FIELDS.items():
                count = (len(s.env) if key == "environment" else len(s.volumes)
                         if key == "volumes" else len(changed & set(names)))
                self.sections[key].set_count(count)
                self.sections[key].setVisible(key == "run" or not pipeline_task or count > 0)
        finally:
            self._filling = False

    def _fill_run(self, s: TaskSettings) -> None:
        self.fields["display_name"].set_text(s.display_name)
        self.caching.setChecked(not caching_off(s))
        if s.max_cache_staleness not in (None, "P0D"):
            self.caching.setToolTip(self.tr("Cached results are reused up to {age} old "
                                            "(kfp 1)").format(age=s.max_cache_staleness))
        retry = s.retry
        self.fields["retries"].set_text(str(retry.num_retries) if retry else "")
        first = self.tr("Set a number of retries first")
        self.fields["backoff"].set_text(retry.backoff_duration if retry else "",
                                        retry is not None, first)
        self.fields["backoff_factor"].set_text(
            "" if retry is None or retry.backoff_factor is None else f"{retry.backoff_factor:g}",
            retry is not None, first)
        self.fields["backoff_max"].set_text(retry.backoff_max_duration if retry else "",
                                            retry is not None, first)
        policy = retry.policy if retry else None
        index = self.retry_policy.findData(policy)
        if index < 0:
            self.retry_policy.addItem(str(policy), policy)
            index = self.retry_policy.count() - 1
        self.retry_policy.setCurrentIndex(index)
        self.retry_policy.setEnabled(retry is not None)
        self.fields["staleness"].set_text(s.max_cache_staleness)
        self.fields["timeout"].set_text("" if s.timeout is None else str(s.timeout))
        self.ignore_upstream.setChecked(s.ignore_upstream_failure)

    @staticmethod
    def _with_security(s: TaskSettings, field: str, value: Any) -> TaskSettings:
        sc = dataclasses.replace(s.security_context or SecurityContext(), **{field: value})
        return dataclasses.replace(s, security_context=None if sc == SecurityContext()
                                   else sc)

    def _json_source(self, s: TaskSettings, key: str) -> Any:
        """What gives the placement ``key`` whole: None, an Argument, or a fixed dict."""
        if key == "node_selector_json":
            return s.node_selector_json
        items = s.tolerations if key == "toleration_json" else s.node_affinity
        given = [t.json for t in items if t.json is not None]
        return given[0] if len(given) == 1 else (given or None)

    def _fill_json_sources(self, s: TaskSettings) -> None:
        for key, combo in self.json_sources.items():
            current = self._json_source(s, key)
            # (item data: a parameter's name, "" for none; Qt finds strings by value)
            combo.clear()
            combo.addItem(self.tr("— (none)"), "")
            for name in self._params:
                combo.addItem("← " + name, name)
            if key != "toleration_json":    # (a dict of tolerations is plain ones: above)
                combo.addItem(self.tr("JSON below"), JSON_HERE)
            index = (0 if current is None else combo.findData(current.name)
                     if isinstance(current, ParamRef) else combo.findData(JSON_HERE)
                     if isinstance(current, dict) else -1)
            if index < 0:       # a task output (or several JSON terms): shown, not edited
                combo.addItem(self.tr("set in the Python file"), None)
                index = combo.count() - 1
            combo.setCurrentIndex(index)
            can = combo.itemData(index) is not None
            combo.setEnabled(can)
            # (the list offers the pipeline's parameters and JSON: say why not this one)
            combo.setToolTip(self._json_tips[key] if can else
                             self.tr("Given by {value} in the Python file: the pane chooses a "
                                     "pipeline parameter or JSON written below, not a task's "
                                     "output").format(value=_describe(current)))

    def _commit_json_source(self, key: str) -> None:
        s = self._settings()
        name = self.json_sources[key].currentData()
        if name is None:
            return
        if name == JSON_HERE:       # an empty object to write in (kept if there is one)
            current = self._json_source(s, key)
            value = current if isinstance(current, dict) else {}
        else:
            value = ParamRef(name) if name else None
        if key == "node_selector_json":
            new = dataclasses.replace(s, node_selector_json=value)
        elif key == "toleration_json":
            kept = tuple(t for t in s.tolerations if t.json is None)
            new = dataclasses.replace(s, tolerations=kept + (
                (Toleration(json=value),) if value is not None else ()))
        else:
            kept = tuple(t for t in s.node_affinity if t.json is None)
            new = dataclasses.replace(s, node_affinity=kept + (
                (NodeAffinityTerm(json=value),) if value is not None else ()))
        self._emit(new, self.tr("placement"))

    def _fill_env(self, s: TaskSettings) -> None:
        shape = len(s.env)
        if shape != self._env_shape:
            self._env_shape = shape
            for row in self.env_rows:
                for w in (row.name, row.source, row.value, row.key, row.remove, row.error,
                          row.optional):
                    w.deleteLater()
            self.env_rows = [_EnvRow(self, self._env_grid, i, i) for i in range(len(s.env))]
        for row, var in zip(self.env_rows, s.env):
            row.fill(var)

    def _fill_volumes(self, s: TaskSettings) -> None:
        if len(s.volumes) != self._volume_shape:
            self._volume_shape = len(s.volumes)
            for row in self.volume_rows:
                for w in row.widgets():
                    w.deleteLater()
            self.volume_rows = [VolumeRow(self._volume_grid, i, i, self._commit_volume,
                                          self._remove_volume) for i in range(len(s.volumes))]
        for row, mount in zip(self.volume_rows, s.volumes):
            row.fill(mount, self._task_names)

    # ------------------------------------------------------------------ emitting edits
    def _emit(self, settings: TaskSettings, what: str) -> None:
        if self._task is None or self._filling or settings == self._task.settings:
            return
        self.settings_edited.emit(self._task.id, settings, what)

    def _commit_caching(self, on: bool) -> None:
        s = self._settings()
        staleness = None if s.max_cache_staleness == "P0D" else s.max_cache_staleness
        self._emit(dataclasses.replace(s, enable_caching=None if on else False,
                                       max_cache_staleness=staleness), self.tr("Caching"))

    def _with_retries(self, s: TaskSettings, count: int | None) -> TaskSettings:
        if not count:
            return dataclasses.replace(s, retry=None)
        retry = dataclasses.replace(s.retry, num_retries=count) if s.retry else Retry(count)
        return dataclasses.replace(s, retry=retry)

    @staticmethod
    def _with_retry(name: str) -> Callable[[TaskSettings, Any], TaskSettings]:
        """Sets the field ``name`` of the task's retry (there must be retries)."""
        def apply(s: TaskSettings, value: Any) -> TaskSettings:
            if s.retry is None:
                raise RuleError(Problem(RETRIES_FIRST))
            return dataclasses.replace(s, retry=dataclasses.replace(s.retry, **{name: value}))
        return apply

    @staticmethod
    def _with_staleness(s: TaskSettings, staleness: str | None) -> TaskSettings:
        # P0D is kfp 1's "caching off": the checkbox says the same thing.
        return dataclasses.replace(s, max_cache_staleness=staleness)

    def _commit_retry_policy(self, _index: int) -> None:
        s = self._settings()
        if s.retry is None:
            return
        retry = dataclasses.replace(s.retry, policy=self.retry_policy.currentData())
        self._emit(dataclasses.replace(s, retry=retry), self.tr("Retry policy"))

    def _add_env(self) -> None:
        s = self._settings()
        taken = {v.name for v in s.env}
        n = 1
        while f"VAR_{n}" in taken:
            n += 1
        self._emit(dataclasses.replace(s, env=s.env + (EnvVar(f"VAR_{n}", value=""),)),
                   self.tr("environment"))

    def _remove_env(self, index: int) -> None:
        s = self._settings()
        env = s.env[:index] + s.env[index + 1:]
        self._emit(dataclasses.replace(s, env=env), self.tr("environment"))

    def _add_volume(self) -> None:
        s = self._settings()
        taken = {m.mount_path for m in s.volumes}
        n = 1
        while f"/mnt/volume-{n}" in taken:
            n += 1
        maker = self.volume_source.currentData()
        path = f"/mnt/volume-{n}"
        if isinstance(maker, str) and maker.startswith("kind:"):   # a secret, scratch...
            kind = maker[len("kind:"):]
            if kind in ("secret", "config_map"):    # (kfp 1 names the pod's volume)
                mount = VolumeMount(path, kind, f"volume-{n}", volume_name=f"volume-{n}")
            elif kind == "host_path":
                mount = VolumeMount(path, kind, f"/mnt/node-{n}", volume_name=f"volume-{n}")
            elif kind == "empty_dir":
                mount = VolumeMount(path, kind, volume_name=f"volume-{n}")
            else:   # kfp-kubernetes add_ephemeral_volume: a claim made with the pod
                mount = VolumeMount(path, kind, volume_name=f"volume-{n}",
                                    ephemeral=EphemeralClaim(("ReadWriteOnce",), "1Gi"))
        elif maker is not None:      # mount_pvc(pvc_name=<maker>.outputs["name"])
            mount = VolumeMount(path, "pvc", OutputRef(maker, "name"), maker)
        else:
            mount = VolumeMount(path, "pvc", f"volume-{n}")
        self._emit(dataclasses.replace(s, volumes=s.volumes + (mount,)), self.tr("volumes"))

    def _remove_volume(self, index: int) -> None:
        s = self._settings()
        self._emit(dataclasses.replace(s, volumes=s.volumes[:index] + s.volumes[index + 1:]),
                   self.tr("volumes"))

    def _commit_volume(self, row: VolumeRow, sender: QWidget) -> None:
        s = self._settings()
        if self._filling or self._task is None or row.index >= len(s.volumes):
            return
        if isinstance(sender, QLineEdit):
            if sender.isReadOnly() or not sender.isModified():
                return
            sender.setModified(False)
        taken = tuple(m.mount_path for i, m in enumerate(s.volumes) if i != row.index)
        mount = row.read(s.volumes[row.index], taken)
        if isinstance(mount, Problem):
            row.show_problem(problem_text(mount))
            return
        row.show_problem("")
        volumes = s.volumes[:row.index] + (mount,) + s.volumes[row.index + 1:]
        self._emit(dataclasses.replace(s, volumes=volumes), self.tr("volumes"))

    def _commit_env(self, row: _EnvRow, sender: QWidget) -> None:
        if self._filling or self._task is None or row.index >= len(self._settings().env):
            return
        if isinstance(sender, QLineEdit):
            if sender.isReadOnly() or not sender.isModified():
                return
            sender.setModified(False)
        var = row.read()
        row.key.setVisible(row.source.currentData() in ("secret", "config_map"))
        row.optional.setVisible(row.source.currentData() in ("secret", "config_map"))
        problem = env_name_problem(var.name)
        if problem is None and var.field_path is not None:
            problem = field_path_problem(var.field_path)
        elif problem is None and var.value is None and not (
                (var.secret or var.config_map) and var.key):
            problem = Problem(ENV_SOURCE)   # not written until it names what to read
        row.error.setText(problem_text(problem) if problem else "")
        row.error.setVisible(problem is not None)
        if problem is not None:
            return
        s = self._settings()
        env = s.env[:row.index] + (var,) + s.env[row.index + 1:]
        self._emit(dataclasses.replace(s, env=env), self.tr("environment"))


# (where they were before settings_summary.py: the canvas and tests import them from here)
__all__ = ["TaskSettingsEditor", "has_settings", "settings_summary", "SECTIONS",
           "PULL_POLICIES", "RETRY_POLICIES"]
