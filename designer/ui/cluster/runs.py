"""Run ▸ Kubeflow Runs…: the runs of this pipeline on an endpoint; any can be re-opened on
the canvas or in the KFP UI."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from designer.cluster.api import RemoteRun
from designer.cluster.endpoints import Endpoint
from designer.ui.cluster.dialogs import endpoint_combo
from designer.ui.cluster.worker import message_of
from designer.ui.run.panel import state_icon
from designer.ui.run.states import state_label

if TYPE_CHECKING:
    from designer.ui.cluster.session import ClusterSession


class RunsDialog(QDialog):
    def __init__(self, session: ClusterSession, endpoints: list[Endpoint], chosen: str = "",
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("kubeflow-runs")
        self.session = session
        self.pipeline_name = session.window.document.pipeline.name
        self.setWindowTitle(self.tr("Kubeflow runs of {name}").format(name=self.pipeline_name))
        self.runs: list[RemoteRun] = []
        self.endpoint = endpoint_combo(endpoints, chosen)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Endpoint")))
        top.addWidget(self.endpoint, 1)
        top.addWidget(self.refresh_button)
        self.tree = QTreeWidget()
        self.tree.setObjectName("kubeflow-run-list")
        self.tree.setRootIsDecorated(False)
        self.tree.setHeaderLabels([self.tr("Run"), self.tr("State"), self.tr("Created")])
        self.status = QLabel()
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.open_button = QPushButton(self.tr("Open on Canvas"))
        self.open_button.setObjectName("open-on-canvas")
        self.browser_button = QPushButton(self.tr("Open in Kubeflow"))
        for b in (self.open_button, self.browser_button):
            buttons.addButton(b, QDialogButtonBox.ButtonRole.ActionRole)
            b.setEnabled(False)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(640, 380)
        self.refresh_button.clicked.connect(self.refresh)
        self.endpoint.currentIndexChanged.connect(lambda _i: self.refresh())
        self.tree.currentItemChanged.connect(lambda *_: self._enable())
        self.tree.itemDoubleClicked.connect(lambda *_: self.open_selected())
        self.open_button.clicked.connect(self.open_selected)
        self.browser_button.clicked.connect(self.open_in_browser)

    def refresh(self) -> None:
        from designer.cluster.jobs import runs_of
        name = self.pipeline_name
        self.status.setText(self.tr("Listing runs…"))
        self.session.with_api(self.endpoint.currentData(), lambda api: runs_of(api, name),
                              self._show, self.tr("Listing the runs"))

    def _show(self, runs: list[RemoteRun]) -> None:
        self.runs = runs
        self.tree.clear()
        for run in runs:
            item = QTreeWidgetItem([run.name, state_label(run.state), run.created])
            item.setIcon(0, state_icon(run.state))
            item.setData(0, Qt.ItemDataRole.UserRole, run.id)
            self.tree.addTopLevelItem(item)
        self.status.setText(self.tr("%n run(s) of this pipeline", "", len(runs)))
        if runs:
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        self._enable()

    def selected(self) -> RemoteRun | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        ident = item.data(0, Qt.ItemDataRole.UserRole)
        return next((r for r in self.runs if r.id == ident), None)

    def _enable(self) -> None:
        on = self.selected() is not None
        self.open_button.setEnabled(on)
        self.browser_button.setEnabled(on)

    def open_selected(self) -> None:
        run = self.selected()
        if run is not None:
            self.session.reopen(self.endpoint.currentData(), run)
            self.accept()

    def open_in_browser(self) -> None:
        from designer.cluster.errors import ClusterError
        from designer.ui.cluster.session import open_url
        run = self.selected()
        if run is None:
            return
        try:
            endpoint = self.session.store.get(self.endpoint.currentData())
        except ClusterError as e:
            self.status.setText(message_of(e))
            return
        open_url(endpoint.run_link(run.id))
