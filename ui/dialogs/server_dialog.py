"""文件 → 连接办公室服务器…: where the office's PostgreSQL master is, tested before the window moves to it.

Why it looks like this (docs/postgresql.md): the password is optional, because
an office that set up ~/.pgpass needs none typed; typed, it stays in memory for
this run, or in the system's keyring when the person ticks "remember" — never
in the window's settings, which keep the URL without it.  "Test connection"
runs off the UI thread (a server that does not answer takes its connect
timeout) and says in one line what is wrong: the server cannot be reached, the
password was refused, there is no such database, or it is not a Lianxin
database yet — then the dialog offers to create Lianxin's tables there or to
move this computer's database there.

The dialog only chooses; the window opens the choice (`ui.database_switch`).
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from desktop.operations.postgres import probe_server
from models.storage.postgres_keyring import remember
from models.storage.postgres_url import ServerChoice

OPEN, CREATE, MOVE = "open", "create", "move"


class ServerDialog(QDialog):
    """Asks for a server; after `exec()` is accepted, `action` (OPEN, CREATE or MOVE) and `url()` say what to do."""

    def __init__(self, context, *, recent: list[str] = (), current: str | None = None, can_move: bool = True,
                 parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.action: str | None = None
        self.setObjectName("serverDialog")
        self.setWindowTitle(self.tr("Connect to the office server"))
        self.recent = QComboBox(objectName="serverRecent")
        self.recent.addItem(self.tr("(a new server)"), "")
        for url in recent:
            self.recent.addItem(ServerChoice.of(url).url().shown(), url)
        self.host = QLineEdit(objectName="serverHost")
        self.host.setPlaceholderText(self.tr("e.g. 192.168.1.10 or server.office.lan"))
        self.port = QSpinBox(objectName="serverPort")
        self.port.setRange(1, 65535)
        self.port.setValue(5432)
        self.database = QLineEdit("lianxin", objectName="serverDatabase")
        self.user = QLineEdit(objectName="serverUser")
        self.password = QLineEdit(objectName="serverPassword")
        self.password.setEchoMode(QLineEdit.Password)
        self.password.setPlaceholderText(self.tr("optional: else from ~/.pgpass or the keyring"))
        self.tls = QComboBox(objectName="serverTls")
        self.tls.addItem(self.tr("when the server offers it (prefer)"), "prefer")
        self.tls.addItem(self.tr("always; refuse an unencrypted server (require)"), "require")
        self.keep_password = QCheckBox(self.tr("&Remember the password in the system's keyring"),
                                       objectName="serverRemember")
        self.status = QLabel(objectName="serverStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.PlainText)
        self.test_button = QPushButton(self.tr("&Test connection"), objectName="serverTest")
        self.test_button.setAutoDefault(False)
        self.test_button.clicked.connect(self.test)
        self.create_button = QPushButton(self.tr("&Create Lianxin's tables there"), objectName="serverCreate")
        self.move_button = QPushButton(self.tr("&Move this computer's database there"), objectName="serverMove")
        for button, action in ((self.create_button, CREATE), (self.move_button, MOVE)):
            button.setAutoDefault(False)
            button.hide()
            button.clicked.connect(partial(self._choose, action))
        self._can_move = can_move

        form = QFormLayout()
        if recent:
            form.addRow(self.tr("R&ecent servers:"), self.recent)
        for text, field in (
            (self.tr("&Server (host):"), self.host),
            (self.tr("&Port:"), self.port),
            (self.tr("&Database:"), self.database),
            (self.tr("&User:"), self.user),
            (self.tr("Pass&word:"), self.password),
            (self.tr("&Encryption (TLS):"), self.tls),
        ):
            form.addRow(text, field)
        form.addRow("", self.keep_password)
        offers = QHBoxLayout()
        offers.addWidget(self.create_button)
        offers.addWidget(self.move_button)
        offers.addStretch(1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Ok).setText(self.tr("C&onnect"))
        self.buttons.addButton(self.test_button, QDialogButtonBox.ActionRole)
        self.buttons.accepted.connect(self.connect_chosen)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addLayout(offers)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

        self.recent.currentIndexChanged.connect(lambda _index: self._fill(self.recent.currentData()))
        for field in (self.host, self.database, self.user, self.password):
            field.textEdited.connect(self._forget_test)
        self.port.valueChanged.connect(self._forget_test)
        self.tls.currentIndexChanged.connect(self._forget_test)
        if current or recent:
            self._fill(current or recent[0])
            if not current:
                self.recent.setCurrentIndex(1)
        (self.password if self.host.text() else self.host).setFocus()
        self._then_connect = False
        self.job = None

    # -- the choice ------------------------------------------------------------------------
    def _fill(self, url: str) -> None:
        if not url:
            return
        choice = ServerChoice.of(url)
        self.host.setText(choice.host)
        self.port.setValue(choice.port)
        self.database.setText(choice.database)
        self.user.setText(choice.user)
        self.tls.setCurrentIndex(max(0, self.tls.findData(choice.sslmode)))
        self.password.clear()
        self._forget_test()

    def choice(self) -> ServerChoice:
        return ServerChoice(self.host.text().strip(), self.port.value(), self.database.text().strip() or "lianxin",
                            self.user.text().strip(), self.tls.currentData())

    def url(self) -> str:
        """The chosen server's URL, with the typed password if any (kept in memory only: a `PostgresUrl` hides it)."""
        return self.choice().url(self.password.text() or None)

    def _forget_test(self, *_ignored) -> None:
        self.create_button.hide()
        self.move_button.hide()
        self.status.clear()

    # -- testing -------------------------------------------------------------------------
    def test(self) -> None:
        """Try the server off the UI thread; the answer comes to `tested`."""
        if not self.host.text().strip():
            self.status.setText(self.tr("Type the server's address first."))
            self.host.setFocus()
            return
        self._forget_test()
        self.status.setText(self.tr("Connecting to {server}…").format(server=self.choice().url().shown()))
        self.test_button.setEnabled(False)
        self.job = self.context.run(self.tr("Testing the connection"), partial(probe_server, url=self.url()),
                                    self.tested, self._failed)

    def connect_chosen(self) -> None:
        """Connect: tested first; a Lianxin database is opened, an empty one offers to create or move."""
        self._then_connect = True
        self.test()

    def _failed(self, error: Exception) -> None:
        self.test_button.setEnabled(True)
        self._then_connect = False
        self.status.setText(self.tr("The test stopped: {reason}").format(reason=error))

    def tested(self, state) -> None:
        self.test_button.setEnabled(True)
        then_connect, self._then_connect = self._then_connect, False
        self.status.setText(self.said(state))
        if state.kind == "empty":
            self.create_button.show()
            self.move_button.setVisible(self._can_move)
            self.create_button.setFocus()
        elif state.kind == "lianxin" and then_connect:
            self._choose(OPEN)
        elif state.kind == "password":
            self.password.selectAll()
            self.password.setFocus()

    def said(self, state) -> str:
        """The test's answer in one line for a person."""
        choice = self.choice()
        server, name, user = f"{choice.host}:{choice.port}", choice.database, choice.user or self.tr("(your login)")
        texts = {
            "lianxin": self.tr("Connected: {name} on {server} is a Lianxin database."),
            "empty": self.tr("{name} on {server} is not a Lianxin database yet: create Lianxin's tables there, or "
                             "move this computer's database there."),
            "foreign": self.tr("{name} on {server} holds another program's tables: choose another database."),
            "newer": self.tr("{name} on {server} was written by a newer Lianxin: update Lianxin to open it."),
            "unreachable": self.tr("Cannot reach the server {server}: check the address and that the server runs."),
            "password": self.tr("The server refused the password of {user}: type it, or put it in ~/.pgpass."),
            "no database": self.tr("There is no database {name} on {server}: ask its administrator to create it."),
        }
        text = texts.get(state.kind)
        return text.format(name=name, server=server, user=user) if text else state.detail

    def _choose(self, action: str) -> None:
        """Done: keep the password in the keyring if asked, and hand the choice to the window."""
        if self.keep_password.isChecked() and self.password.text():
            if not remember(self.url(), self.password.text()):
                self.status.setText(self.tr("This computer has no keyring that works: the password is used now "
                                            "and not remembered."))
        self.action = action
        self.accept()
