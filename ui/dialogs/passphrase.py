"""The database's passphrase in the window: chosen for a new database, asked to open or unlock, changed in Settings.

A forgotten passphrase cannot be recovered, by anyone: the dialog that
chooses one says so, and says what saves the data then (the office's copy,
the exchange workbooks sent to it).  A wrong passphrase is said in the dialog,
which stays open for another try; the file is not touched.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QMessageBox, QVBoxLayout

from models.database import DatabaseRefused, close_thread_connection, database_passphrase
from models.records.installation import current_installation
from models.storage.database_lock import DatabaseLockError

translate = QCoreApplication.translate  # (a function of the module: its strings keep one context, whoever the parent)


def _secret_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.Password)
    return field


class PassphraseDialog(QDialog):
    """One of three forms: "new" (choose, twice), "open" (the one that opens the file), "change" (old, new, twice).

    `check(passphrase)` says whether a passphrase opens the database ("open",
    and the old one of "change"); `passphrase()` and `new_passphrase()` are read
    once it is accepted.
    """

    def __init__(self, mode: str, file_name: str, check: Callable[[str], bool] | None = None, parent=None) -> None:
        super().__init__(parent)
        self.mode = mode
        self._check = check
        titles = {"new": self.tr("Choose a passphrase"), "open": self.tr("Passphrase"),
                  "change": self.tr("Change the passphrase")}
        self.setWindowTitle(titles[mode])
        layout = QVBoxLayout(self)
        intro = {
            "new": self.tr("The database {file} is encrypted: nobody reads it without this passphrase, "
                           "on this laptop or on a copy of it.").format(file=file_name),
            "open": self.tr("{file} is encrypted. Type its passphrase to open it.").format(file=file_name),
            "change": self.tr("The database and its backup copies are encrypted again under the new passphrase."),
        }[mode]
        text = QLabel(intro)
        text.setWordWrap(True)
        layout.addWidget(text)
        if mode != "open":
            warning = QLabel(self.tr("<b>Forgotten, the passphrase cannot be recovered: the data on this laptop is "
                                     "gone.</b> Keep it safe, and keep the office's copy of the data up to date "
                                     "(send exchange workbooks to the office)."))
            warning.setObjectName("passphraseWarning")
            warning.setWordWrap(True)
            layout.addWidget(warning)
        form = QFormLayout()
        self.current = _secret_field("currentPassphrase")
        self.first = _secret_field("newPassphrase")
        self.second = _secret_field("repeatedPassphrase")
        if mode in ("open", "change"):
            form.addRow(self.tr("&Passphrase:") if mode == "open" else self.tr("&Present passphrase:"), self.current)
        if mode in ("new", "change"):
            form.addRow(self.tr("&New passphrase:"), self.first)
            form.addRow(self.tr("&Again:"), self.second)
        layout.addLayout(form)
        self.problem = QLabel()
        self.problem.setObjectName("passphraseProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #B5262B")
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)
        (self.current if mode in ("open", "change") else self.first).setFocus()

    def passphrase(self) -> str:
        """The passphrase that opens the database ("open"), or the one chosen ("new")."""
        return self.current.text() if self.mode == "open" else self.first.text()

    def old_passphrase(self) -> str:
        return self.current.text()

    def new_passphrase(self) -> str:
        return self.first.text()

    def _say(self, problem: str, field: QLineEdit) -> None:
        self.problem.setText(problem)
        field.selectAll()
        field.setFocus()

    def accept(self) -> None:
        if self.mode in ("open", "change") and self._check is not None and not self._check(self.current.text()):
            self._say(self.tr("Wrong passphrase; try again."), self.current)
            return
        if self.mode in ("new", "change"):
            from desktop.operations.privacy import passphrase_problem  # not at start: it reads workbooks too

            problem = passphrase_problem(self.first.text())
            if problem:
                reason = (self.tr("it needs at least 8 characters") if "8 characters" in problem else
                          self.tr("it cannot start or end with a space") if "space" in problem else
                          self.tr("none was typed"))
                self._say(self.tr("This passphrase cannot be used: {problem}.").format(problem=reason), self.first)
                return
            if self.first.text() != self.second.text():
                self.second.clear()
                self._say(self.tr("The two passphrases differ; type it again."), self.second)
                return
        super().accept()


def ask_new_passphrase(file_name: str, parent=None) -> str | None:
    """The passphrase chosen for a new database, or None if cancelled."""
    dialog = PassphraseDialog("new", file_name, parent=parent)
    return dialog.passphrase() if dialog.exec() == QDialog.Accepted else None


def ask_passphrase(file_name: str, check: Callable[[str], bool], parent=None) -> str | None:
    """The passphrase that opens an encrypted database (checked in the dialog), or None if cancelled."""
    dialog = PassphraseDialog("open", file_name, check, parent=parent)
    return dialog.passphrase() if dialog.exec() == QDialog.Accepted else None


def protect_database(parent, context, file_name: str):
    """Settings → the passphrase: change it (an encrypted database) or encrypt a plain one.

    Checked first, in the dialog (the present passphrase, the new one's length,
    both typings alike); then the work runs on the worker (`context.run`: a
    progress dialog after 600 ms, the window painting meanwhile), since
    encrypting copies and checks the whole file and its backups.  The file is
    replaced while every connection to it is closed: this thread's is closed
    before the work starts and again when it ends (so the next read opens the
    new file with the new key), and `parent` is disabled meanwhile (nothing
    writes under it).  A refusal is one message, nothing changed.

    Returns the job, or None when nothing was started (cancelled, or other work running).
    """
    if context.jobs.busy():
        QMessageBox.information(parent, translate("PassphraseDialog", "Passphrase"), translate("PassphraseDialog", "Wait until the running work has finished."))
        return None
    current = database_passphrase()
    if current:
        dialog = PassphraseDialog("change", file_name, lambda typed: hmac.compare_digest(typed.encode(), current.encode()),
                                  parent)
        if dialog.exec() != QDialog.Accepted:
            return None
        from desktop.operations.privacy import change_passphrase

        work = partial(change_passphrase, old=dialog.old_passphrase(), new=dialog.new_passphrase())
        title = translate("PassphraseDialog", "Changing the passphrase")
    else:
        chosen = ask_new_passphrase(file_name, parent)
        if chosen is None:
            return None
        from desktop.operations.privacy import encrypt_database

        work = partial(encrypt_database, passphrase=chosen)
        title = translate("PassphraseDialog", "Encrypting the database")

    def ended() -> None:
        close_thread_connection()  # (opened on the old file or key while the work ran: the next read opens the new)
        parent.setEnabled(True)

    def done(_value) -> None:
        ended()
        context.installation = current_installation()
        QMessageBox.information(parent, translate("PassphraseDialog", "Passphrase"), translate("PassphraseDialog", 
            "The database and its backup copies are encrypted with the new passphrase. Keep it safe: forgotten, "
            "it cannot be recovered."))

    def failed(error: Exception) -> None:
        ended()
        reason = error if isinstance(error, (DatabaseRefused, DatabaseLockError)) else f"{type(error).__name__}: {error}"
        QMessageBox.warning(parent, translate("PassphraseDialog", "Passphrase"), translate("PassphraseDialog", "Nothing was changed: {reason}").format(reason=reason))

    close_thread_connection()
    parent.setEnabled(False)
    job = context.run(title, work, done, failed)
    job.cancelled.connect(ended)  # (cancelled before it began: nothing changed)
    return job
