"""Settings ▸ Kubeflow: the named endpoints, their auth and TLS, and Test connection.

What is saved goes to the endpoints file (``designer.cluster.endpoints``); a token or a
session cookie goes to ``Secrets`` (the system keyring when usable, else this session only),
never to the file, QSettings or a log.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from designer.cluster.endpoints import DEFAULT_COOKIE, Endpoint, EndpointStore
from designer.cluster.errors import ClusterError
from designer.cluster.secrets import Secrets
from designer.ui.cluster.worker import call_async, message_of
from designer.ui.theme import set_text_role

AUTH_ORDER = ("none", "bearer", "command", "cookie")


class EndpointsDialog(QDialog):
    """The list on the left, the chosen endpoint's form on the right."""

    def __init__(self, store: EndpointStore, secrets: Secrets, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("kubeflow-endpoints")
        self.setWindowTitle(self.tr("Kubeflow endpoints"))
        self.store = store
        self.secrets = secrets
        try:
            self.endpoints = store.load()
        except ClusterError as e:
            self.endpoints = []
            self._load_error = str(e)
        else:
            self._load_error = ""
        self.current = -1
        self.testing = False

        self.list = QListWidget()
        self.list.setObjectName("endpoint-list")
        self.add_button = QPushButton(self.tr("Add"))
        self.remove_button = QPushButton(self.tr("Remove"))
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        left.addLayout(row)

        self.name = QLineEdit()
        self.url = QLineEdit()
        self.url.setPlaceholderText("http://localhost:8080")
        self.namespace = QLineEdit()
        self.namespace.setPlaceholderText(self.tr("empty: single-user install"))
        self.auth = QComboBox()
        for kind, label in zip(AUTH_ORDER, (self.tr("None"), self.tr("Bearer token"),
                                            self.tr("Token from a command"),
                                            self.tr("Session cookie (Dex / OIDC)"))):
            self.auth.addItem(label, kind)
        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setObjectName("endpoint-secret")
        self.remember = QCheckBox(self.tr("Remember in the system keyring"))
        if secrets.keyring_available:
            self.remember.setChecked(True)
        else:
            self.remember.setEnabled(False)
            self.remember.setToolTip(self.tr("No system keyring is usable here: the secret is "
                                             "kept for this session only"))
        self.command = QLineEdit()
        self.command.setPlaceholderText("gcloud auth print-access-token")
        self.cookie_name = QLineEdit(DEFAULT_COOKIE)
        self.verify = QCheckBox(self.tr("Verify the server's TLS certificate"))
        self.ca_file = QLineEdit()
        self.ca_file.setPlaceholderText(self.tr("system certificates"))
        self.browse = QPushButton(self.tr("Browse…"))
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_file, 1)
        ca_row.addWidget(self.browse)
        self.ui_url = QLineEdit()
        self.ui_url.setPlaceholderText(self.tr("default: the URL"))
        self.ui_url.setToolTip(self.tr("The KFP UI's address, when the URL above is the API "
                                       "server: run links and task logs come from the UI"))
        self.api_label = QLabel()
        self.form = QFormLayout()
        f = self.form
        f.addRow(self.tr("Name"), self.name)
        f.addRow(self.tr("URL"), self.url)
        f.addRow(self.tr("Namespace"), self.namespace)
        f.addRow(self.tr("Authentication"), self.auth)
        f.addRow(self.tr("Token or cookie"), self.secret)
        f.addRow("", self.remember)
        f.addRow(self.tr("Token command"), self.command)
        f.addRow(self.tr("Cookie name"), self.cookie_name)
        f.addRow("", self.verify)
        f.addRow(self.tr("CA file"), ca_row)
        f.addRow(self.tr("KFP UI (links, logs)"), self.ui_url)
        f.addRow(self.tr("API"), self.api_label)
        self.test_button = QPushButton(self.tr("Test connection"))
        self.test_button.setObjectName("test-connection")
        self.result = QLabel(self._load_error)
        self.result.setObjectName("test-result")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        right = QVBoxLayout()
        right.addLayout(self.form)
        right.addWidget(self.test_button, 0, Qt.AlignmentFlag.AlignLeft)
        right.addWidget(self.result)
        right.addStretch(1)
        self.editor = QWidget()
        self.editor.setLayout(right)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addWidget(self.editor, 3)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Close)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(buttons)
        self.resize(760, 460)

        self.list.currentRowChanged.connect(self._pick)
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove)
        self.auth.currentIndexChanged.connect(self._auth_changed)
        self.test_button.clicked.connect(self.test_connection)
        self.browse.clicked.connect(self._browse)
        for e in self.endpoints:
            self.list.addItem(e.name)
        if self.endpoints:
            self.list.setCurrentRow(0)
        else:
            self._show(None)

    # --- the form <-> the chosen endpoint ---------------------------------------------------

    def _show(self, e: Endpoint | None) -> None:
        self.editor.setEnabled(e is not None)
        e = e or Endpoint("", "")
        self.name.setText(e.name)
        self.url.setText(e.url)
        self.namespace.setText(e.namespace)
        self.auth.setCurrentIndex(max(0, AUTH_ORDER.index(e.auth) if e.auth in AUTH_ORDER
                                      else 0))
        self.secret.clear()
        kept = bool(e.name) and self.secrets.get(e.name)
        self.secret.setPlaceholderText(self.tr("kept (type to replace)") if kept else "")
        self.command.setText(e.command)
        self.cookie_name.setText(e.cookie_name)
        self.verify.setChecked(e.verify_tls)
        self.ca_file.setText(e.ca_file)
        self.ui_url.setText(e.ui_url)
        self.api_label.setText(e.api_version or self.tr("not tested yet"))
        self._auth_changed()

    def _auth_changed(self) -> None:
        kind = self.auth.currentData()
        for widget, shown in ((self.secret, kind in ("bearer", "cookie")),
                              (self.remember, kind in ("bearer", "cookie")),
                              (self.command, kind == "command"),
                              (self.cookie_name, kind == "cookie")):
            widget.setVisible(shown)
            label = self.form.labelForField(widget)
            if label is not None:
                label.setVisible(shown)

    def form_endpoint(self) -> Endpoint:
        old = self.endpoints[self.current] if 0 <= self.current < len(self.endpoints) else None
        return Endpoint(self.name.text().strip(), self.url.text().strip(),
                        namespace=self.namespace.text().strip(),
                        auth=self.auth.currentData(), command=self.command.text().strip(),
                        cookie_name=self.cookie_name.text().strip() or DEFAULT_COOKIE,
                        verify_tls=self.verify.isChecked(),
                        ca_file=self.ca_file.text().strip(),
                        api_version=old.api_version if old else "",
                        ui_url=self.ui_url.text().strip())

    def _commit_form(self) -> bool:
        """The form into the list; False (and the reason shown) when it is not usable."""
        if not (0 <= self.current < len(self.endpoints)):
            return True
        e = self.form_endpoint()
        problems = e.problems()
        if any(o.name == e.name for i, o in enumerate(self.endpoints) if i != self.current):
            problems.append(self.tr("another endpoint has this name"))
        if problems:
            self._say("; ".join(problems), error=True)
            return False
        old = self.endpoints[self.current]
        if old.name != e.name or old.url != e.url:
            e.api_version = ""           # another server: detect again
        self.endpoints[self.current] = e
        self.list.item(self.current).setText(e.name)
        if self.secret.text():
            self.secrets.put(e.name, self.secret.text(), remember=self.remember.isChecked())
            self.secret.clear()
        return True

    def _pick(self, row: int) -> None:
        if row == self.current:
            return
        if not self._commit_form():
            self.list.blockSignals(True)
            self.list.setCurrentRow(self.current)
            self.list.blockSignals(False)
            return
        self.current = row
        self._show(self.endpoints[row] if 0 <= row < len(self.endpoints) else None)
        self.result.clear()

    # --- buttons --------------------------------------------------------------------------

    def add(self) -> None:
        if not self._commit_form():
            return
        taken = {e.name for e in self.endpoints}
        name, n = "kubeflow", 2
        while name in taken:
            name, n = f"kubeflow-{n}", n + 1
        self.endpoints.append(Endpoint(name, "http://localhost:8080"))
        self.list.addItem(name)
        self.list.setCurrentRow(len(self.endpoints) - 1)
        self.url.setFocus()
        self.url.selectAll()

    def remove(self) -> None:
        row = self.current
        if not (0 <= row < len(self.endpoints)):
            return
        gone = self.endpoints.pop(row)
        self.secrets.forget(gone.name)
        self.current = -1
        self.list.takeItem(row)
        self._pick(self.list.currentRow())

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("CA certificate file"),
                                              self.ca_file.text())
        if path:
            self.ca_file.setText(path)

    def test_connection(self) -> None:
        if not self._commit_form() or not (0 <= self.current < len(self.endpoints)):
            return
        endpoint = self.endpoints[self.current]
        index = self.current
        self.testing = True
        self.test_button.setEnabled(False)
        self._say(self.tr("Connecting to {url}…").format(url=endpoint.url))
        from designer.cluster.jobs import test_connection

        def done(report) -> None:
            self.testing = False
            self.test_button.setEnabled(True)
            if index < len(self.endpoints) and self.endpoints[index].name == endpoint.name:
                self.endpoints[index].api_version = report.api_version
                if index == self.current:
                    self.api_label.setText(report.api_version)
            self._say(self.tr("Connected: {summary}").format(summary=report.summary()))

        def failed(error: Exception) -> None:
            self.testing = False
            self.test_button.setEnabled(True)
            self._say(message_of(error), error=True)

        call_async(self, lambda: test_connection(endpoint, self.secrets), done, failed)

    def _say(self, text: str, error: bool = False) -> None:
        self.result.setText(text)
        set_text_role(self.result, "error" if error else None)

    def save(self) -> None:
        if not self._commit_form():
            return
        try:
            self.store.save(self.endpoints)
        except ClusterError as e:
            self._say(str(e), error=True)
            return
        self.accept()
