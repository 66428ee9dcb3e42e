"""Upload to Kubeflow… and Run on Kubeflow…: what to send where.

Both only gather choices; ``session.py`` does the work. The run dialog's parameter values
come from the local run's own dialog (``RunParamsDialog``), asked first.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from designer.cluster.api import Schedule
from designer.cluster.endpoints import Endpoint
from designer.ir import Pipeline
from designer.ui.theme import set_text_role

TARGETS = ("", "v2", "v1")


def endpoint_combo(endpoints: list[Endpoint], chosen: str = "") -> QComboBox:
    combo = QComboBox()
    combo.setObjectName("endpoint")
    for e in endpoints:
        combo.addItem(f"{e.name} — {e.url}", e.name)
    index = combo.findData(chosen)
    combo.setCurrentIndex(max(index, 0))
    return combo


def target_combo() -> QComboBox:
    combo = QComboBox()
    combo.setObjectName("target")
    for target, label in zip(TARGETS, (
            QCoreApplication.translate("KubeflowDialogs", "What the endpoint runs"),
            QCoreApplication.translate("KubeflowDialogs", "KFP v2 (PipelineSpec)"),
            QCoreApplication.translate("KubeflowDialogs", "KFP v1 (Argo workflow)"))):
        combo.addItem(label, target)
    return combo


def ok_cancel(dialog: QDialog, ok_text: str) -> tuple[QDialogButtonBox, QPushButton]:
    """The dialog's OK (named ``ok_text``) and Cancel buttons, wired to accept/reject."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(ok_text)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons, ok


class UploadDialog(QDialog):
    """Endpoint, new pipeline or new version, name, version name, description."""

    def __init__(self, pipeline: Pipeline, endpoints: list[Endpoint], chosen: str = "",
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("kubeflow-upload")
        self.setWindowTitle(self.tr("Upload {name} to Kubeflow").format(name=pipeline.name))
        self.endpoint = endpoint_combo(endpoints, chosen)
        self.target = target_combo()
        self.new_pipeline = QRadioButton(self.tr("A new pipeline"))
        self.new_version = QRadioButton(self.tr("A new version of the pipeline of this name"))
        self.auto = QRadioButton(self.tr("Whichever fits (a version when the name exists)"))
        self.auto.setChecked(True)
        group = QButtonGroup(self)
        for b in (self.auto, self.new_pipeline, self.new_version):
            group.addButton(b)
        self.name = QLineEdit(pipeline.name)
        self.name.setObjectName("upload-name")
        self.version = QLineEdit()
        self.version.setPlaceholderText(self.tr("default: name, date and a digest"))
        self.description = QLineEdit(pipeline.description or "")
        form = QFormLayout()
        form.addRow(self.tr("Endpoint"), self.endpoint)
        form.addRow(self.tr("Compile for"), self.target)
        form.addRow(self.tr("Upload as"), self.auto)
        form.addRow("", self.new_pipeline)
        form.addRow("", self.new_version)
        form.addRow(self.tr("Pipeline name"), self.name)
        form.addRow(self.tr("Version name"), self.version)
        form.addRow(self.tr("Description"), self.description)
        buttons, self.ok_button = ok_cancel(self, self.tr("Upload"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def choices(self) -> dict:
        mode = None if self.auto.isChecked() else self.new_pipeline.isChecked()
        return {"endpoint": self.endpoint.currentData(), "target": self.target.currentData()
                or None, "name": self.name.text().strip() or None,
                "version": self.version.text().strip() or None,
                "description": self.description.text(), "new_pipeline": mode}


class ClusterRunDialog(QDialog):
    """Endpoint, run name, experiment, caching, and a schedule for a recurring run."""

    def __init__(self, pipeline: Pipeline, endpoints: list[Endpoint], chosen: str = "",
                 experiments: list[str] | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("kubeflow-run")
        self.setWindowTitle(self.tr("Run {name} on Kubeflow").format(name=pipeline.name))
        self.endpoint = endpoint_combo(endpoints, chosen)
        self.target = target_combo()
        self.run_name = QLineEdit()
        self.run_name.setObjectName("run-name")
        self.run_name.setPlaceholderText(self.tr("default: the pipeline's name and the time"))
        self.experiment = QComboBox()
        self.experiment.setObjectName("experiment")
        self.experiment.setEditable(True)
        self.experiment.lineEdit().setPlaceholderText(self.tr("Default (or type a new one)"))
        self.set_experiments(experiments or [])
        self.caching = QCheckBox(self.tr("Reuse cached results"))
        self.caching.setObjectName("caching")
        self.caching.setChecked(True)
        self.recurring = QGroupBox(self.tr("Recurring run"))
        self.recurring.setObjectName("recurring")
        self.recurring.setCheckable(True)
        self.recurring.setChecked(False)
        self.by_cron = QRadioButton(self.tr("Cron"))
        self.by_cron.setChecked(True)
        self.by_interval = QRadioButton(self.tr("Every"))
        self.cron = QLineEdit("0 0 2 * * *")
        self.cron.setObjectName("cron")
        self.cron.setToolTip(self.tr("Six fields, seconds first: 0 0 2 * * * is 02:00 daily"))
        self.interval = QSpinBox()
        self.interval.setObjectName("interval")
        self.interval.setRange(1, 10**8)
        self.interval.setValue(3600)
        self.interval.setSuffix(" s")
        self.concurrency = QSpinBox()
        self.concurrency.setRange(1, 100)
        grid = QFormLayout(self.recurring)
        row = QHBoxLayout()
        row.addWidget(self.by_cron)
        row.addWidget(self.cron, 1)
        grid.addRow(row)
        row = QHBoxLayout()
        row.addWidget(self.by_interval)
        row.addWidget(self.interval, 1)
        grid.addRow(row)
        grid.addRow(self.tr("Runs at once"), self.concurrency)
        form = QFormLayout()
        form.addRow(self.tr("Endpoint"), self.endpoint)
        form.addRow(self.tr("Compile for"), self.target)
        form.addRow(self.tr("Run name"), self.run_name)
        form.addRow(self.tr("Experiment"), self.experiment)
        form.addRow("", self.caching)
        self.error = QLabel()
        self.error.setWordWrap(True)
        set_text_role(self.error, "error")
        self.error.hide()
        buttons, self.ok_button = ok_cancel(self, self.tr("Start"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.recurring)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def set_experiments(self, names: list[str]) -> None:
        typed = self.experiment.currentText()
        self.experiment.clear()
        self.experiment.addItems(names)
        self.experiment.setEditText(typed)

    def schedule(self) -> Schedule | None:
        if not self.recurring.isChecked():
            return None
        if self.by_cron.isChecked():
            return Schedule(cron=self.cron.text().strip(),
                            max_concurrency=self.concurrency.value())
        return Schedule(interval_seconds=self.interval.value(),
                        max_concurrency=self.concurrency.value())

    def accept(self) -> None:
        schedule = self.schedule()
        if schedule is not None:
            from designer.cluster.jobs import check_schedule
            from designer.ir import InputError
            try:
                check_schedule(schedule)
            except InputError as e:
                self.error.setText(str(e))
                self.error.show()
                return
        super().accept()

    def choices(self) -> dict:
        return {"endpoint": self.endpoint.currentData(), "target": self.target.currentData()
                or None, "run_name": self.run_name.text().strip(),
                "experiment": self.experiment.currentText().strip(),
                "caching": self.caching.isChecked(), "schedule": self.schedule()}
