"""The window and the passphrase: chosen for a new database, asked for an encrypted one, the idle lock, Settings."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QLineEdit

import pytest

from models.database import close_database, database_passphrase, open_database
from models.records.people import Household
from models.storage import cipher
from tests.exchange_fixtures import seed_registry
from tests.ui_helpers import type_text
from ui.app import choose_passphrase, create_application, open_main_window
from ui.idle_lock import LockScreen

PASSPHRASE = "楼道灯-0535-2026"


@pytest.fixture(autouse=True)
def no_passphrase_left():
    cipher.use_passphrase(None)
    yield
    for screen in [w for w in QApplication.topLevelWidgets() if isinstance(w, LockScreen)]:
        screen.may_close = True  # (a test that failed while locked: its modal lock would block the next tests)
        screen.close()
    close_database()
    cipher.use_passphrase(None)


def _type(qtbot, text: str, then=Qt.Key_Return) -> None:
    """Type into whatever has the keyboard focus, as a person would, then press `then`."""
    type_text(QApplication.focusWidget(), text)  # (QTest.keyClicks takes ASCII only)
    qtbot.keyClick(QApplication.focusWidget(), then)


def _when_a_dialog_shows(qtbot, steps) -> list:
    """Run `steps(dialog)` once the next modal dialog is up (it runs its own event loop); returns what it saw."""
    seen = []

    def act():
        dialog = QApplication.activeModalWidget()
        focused = QApplication.focusWidget()
        if dialog is None or focused is None or not dialog.isAncestorOf(focused):
            if dialog is not None:
                dialog.activateWindow()
            QTimer.singleShot(10, act)
            return
        seen.append(dialog)
        steps(dialog)

    QTimer.singleShot(0, act)
    return seen


def _encrypted_database(tmp_path):
    path = tmp_path / "field.db"
    cipher.use_passphrase(PASSPHRASE)
    seed_registry(open_database(path))
    close_database()
    cipher.use_passphrase(None)
    return path


def test_a_new_database_asks_for_a_passphrase_twice_with_the_warning_and_is_made_encrypted(qtbot, tmp_path):
    create_application()
    path = tmp_path / "new.db"
    warnings = []

    def choose(dialog):
        warnings.append(dialog.findChild(type(dialog.problem), "passphraseWarning").text())
        _type(qtbot, PASSPHRASE, Qt.Key_Tab)
        _type(qtbot, PASSPHRASE)

    _when_a_dialog_shows(qtbot, choose)
    assert choose_passphrase(path)
    assert "cannot be recovered" in warnings[0]
    open_database(path)
    assert database_passphrase() == PASSPHRASE
    close_database()
    assert not cipher.is_plain(path)


def test_two_different_passphrases_are_refused_in_the_dialog(qtbot, tmp_path):
    create_application()
    said = []

    def choose(dialog):
        _type(qtbot, PASSPHRASE, Qt.Key_Tab)
        _type(qtbot, PASSPHRASE + "x")
        said.append(dialog.problem.text())
        dialog.reject()

    _when_a_dialog_shows(qtbot, choose)
    assert not choose_passphrase(tmp_path / "new.db")
    assert "differ" in said[0]
    assert not (tmp_path / "new.db").exists()


def test_an_encrypted_database_asks_again_after_a_wrong_passphrase(qtbot, tmp_path):
    create_application()
    path = _encrypted_database(tmp_path)
    before = path.read_bytes()
    said = []

    def answer(dialog):
        _type(qtbot, "不是这个口令-123")
        said.append(dialog.problem.text())
        assert isinstance(QApplication.focusWidget(), QLineEdit)
        _type(qtbot, PASSPHRASE)

    _when_a_dialog_shows(qtbot, answer)
    assert choose_passphrase(path)
    assert "Wrong passphrase" in said[0]
    assert path.read_bytes() == before
    assert cipher.current_passphrase() == PASSPHRASE


def _settled(qtbot, window) -> None:
    """Wait until the work the window started on opening (the home page's figures) has ended: Settings would
    say "wait until the running work has finished" instead of encrypting."""
    qtbot.waitUntil(lambda: not window.context.jobs.busy(), timeout=60_000)


def _plain_window(qtbot, tmp_path, app_settings):
    """A plain database made before encryption existed, and the window on it."""
    path = tmp_path / "old.db"
    seed_registry(open_database(path))
    close_database()
    window = open_main_window(path, app_settings)
    qtbot.addWidget(window)
    return path, window


def _choose_passphrase(qtbot):
    """What a person does in the dialog choosing a passphrase: type it twice."""
    def choose(_dialog):
        _type(qtbot, PASSPHRASE, Qt.Key_Tab)
        _type(qtbot, PASSPHRASE)
    return choose


def _locking_window(qtbot, tmp_path, app_settings, minutes: int = 5):
    """The window shown on an encrypted database, set to lock after `minutes` idle."""
    path = _encrypted_database(tmp_path)
    cipher.use_passphrase(PASSPHRASE)
    app_settings.lock_minutes = minutes
    window = open_main_window(path, app_settings)
    qtbot.addWidget(window)
    window.show()
    return window


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_window_locks_after_the_idle_time_and_only_the_passphrase_opens_it(qtbot, tmp_path, app_settings):
    window = _locking_window(qtbot, tmp_path, app_settings)
    clock = Clock()
    lock = window.idle_lock
    lock._clock = clock
    lock._last_activity = clock.now
    clock.now += 4 * 60
    lock.check()
    assert not lock.locked
    clock.now += 61
    lock.check()
    assert lock.locked
    screen = window.findChild(type(lock._screen), "lockScreen")
    assert screen.isVisible() and screen.geometry() == window.geometry()
    assert not any(action.isEnabled() for action in window.findChildren(QAction) if action.shortcut().toString())
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is screen.passphrase)  # the lock screen takes the keyboard
    _type(qtbot, "不是这个口令-123")
    assert lock.locked and "口令不对" in screen.problem.text()  # (the window speaks Chinese unless told otherwise)
    _type(qtbot, PASSPHRASE)
    assert not lock.locked
    assert any(action.isEnabled() for action in window.findChildren(QAction))


def test_a_plain_database_never_locks_and_the_lock_does_not_watch_its_keys(qtbot, db, tmp_path, app_settings):
    from models.database import database_path

    app_settings.lock_minutes = 1
    window = open_main_window(database_path(), app_settings)
    qtbot.addWidget(window)
    window.show()
    clock = Clock()
    lock = window.idle_lock
    lock._clock = clock
    assert not lock.watching and not _sees_keys(qtbot, window, clock)
    clock.now += 3600
    lock._timer.timeout.emit()
    lock.check()
    assert not lock.locked


def _sees_keys(qtbot, window, clock) -> bool:
    """Whether a key pressed in the window reaches the idle lock (it counts as activity)."""
    lock = window.idle_lock
    clock.now += 1
    before = lock._last_activity
    qtbot.keyClick(window, Qt.Key_Shift)
    return lock._last_activity != before


def test_the_lock_watches_keys_only_while_the_settings_turn_it_on(qtbot, tmp_path, app_settings):
    from ui.dialogs.settings_dialog import SettingsDialog

    window = _locking_window(qtbot, tmp_path, app_settings)
    clock = Clock()
    lock = window.idle_lock
    lock._clock = clock
    assert lock.watching and _sees_keys(qtbot, window, clock)

    def choose(minutes):
        def steps(dialog):
            assert isinstance(dialog, SettingsDialog)
            dialog.lock_minutes.setValue(minutes)
            dialog.accept()
        return steps

    _when_a_dialog_shows(qtbot, choose(0))  # "never"
    _settled(qtbot, window)
    window.open_settings()
    assert app_settings.lock_minutes == 0
    assert not lock.watching and not _sees_keys(qtbot, window, clock)
    _when_a_dialog_shows(qtbot, choose(10))
    window.open_settings()
    assert lock.watching and lock.minutes == 10 and _sees_keys(qtbot, window, clock)


def _lock_by_the_timer(lock) -> None:
    """Let the idle time pass on the lock's clock and its timer fire (no waiting)."""
    clock = Clock()
    lock._clock = clock
    lock._last_activity = clock.now
    clock.now += lock.minutes * 60 + 1
    lock._timer.timeout.emit()


def _shows_nothing(widget) -> bool:
    """Whether `widget`, grabbed as a screenshot would, is one plain colour (nothing written on it)."""
    image = widget.grab().toImage()
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    return len(colours) == 1


def _visible_texts(widget) -> list[str]:
    from PySide6.QtWidgets import QAbstractButton, QLabel

    kinds = (QLabel, QLineEdit, QAbstractButton)
    return [child.text() for kind in kinds for child in widget.findChildren(kind) if child.isVisible()]


def test_the_lock_covers_a_dialog_open_over_the_window_and_the_passphrase_gives_it_back(qtbot, tmp_path, app_settings):
    window = _locking_window(qtbot, tmp_path, app_settings)
    window.resize(1024, 768)
    window.show_section("registry")
    page = window.section("registry").page
    page.show_household(Household.get(Household.room == "101").uuid)
    page.edit_household()
    dialog = page.household_dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.notes.setFocus()
    address = dialog.address.text()
    assert "乐园小区" in address and any("乐园小区" in text for text in _visible_texts(dialog))

    lock = window.idle_lock
    _lock_by_the_timer(lock)
    assert lock.locked
    for locked in (window, dialog):
        assert not any("乐园小区" in text or "张三明" in text for text in _visible_texts(locked))
        assert _shows_nothing(locked)
    assert dialog.isVisible()  # covered, not closed
    qtbot.waitUntil(lambda: QApplication.focusWidget() is lock._screen.passphrase)
    _type(qtbot, PASSPHRASE)
    assert not lock.locked
    assert dialog.isVisible() and dialog.result() == 0 and dialog.address.isVisible()
    assert dialog.address.text() == address and any("乐园小区" in text for text in _visible_texts(dialog))
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.notes)  # the keys go back where they were
    dialog.reject()


def test_the_lock_covers_a_message_box_and_it_waits_for_its_answer_after_unlocking(qtbot, tmp_path, app_settings):
    from PySide6.QtWidgets import QMessageBox

    window = _locking_window(qtbot, tmp_path, app_settings)
    lock = window.idle_lock
    seen = {}

    def while_asked(box):
        _lock_by_the_timer(lock)
        seen["locked"] = lock.locked
        seen["covered"] = _shows_nothing(box) and not any("张三明" in text for text in _visible_texts(box))
        qtbot.waitUntil(lambda: lock._screen is not None and QApplication.focusWidget() is lock._screen.passphrase)
        _type(qtbot, PASSPHRASE)
        seen["asked again"] = box.isVisible() and any("张三明" in text for text in _visible_texts(box))
        qtbot.waitUntil(lambda: box.isAncestorOf(QApplication.focusWidget()))  # the keys are the box's again
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Y, Qt.AltModifier)

    _when_a_dialog_shows(qtbot, while_asked)
    answer = QMessageBox.question(window, "连心", "删除 张三明 的记录？")
    assert seen == {"locked": True, "covered": True, "asked again": True}
    assert answer == QMessageBox.Yes and not lock.locked


def test_settings_change_the_passphrase_keeping_every_record_and_the_lock_time(qtbot, tmp_path, app_settings, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from ui.dialogs.passphrase import protect_database

    monkeypatch.setattr(QMessageBox, "information", lambda *args: None)
    path = _encrypted_database(tmp_path)
    cipher.use_passphrase(PASSPHRASE)
    window = open_main_window(path, app_settings)
    qtbot.addWidget(window)
    households = Household.select().count()

    def change(dialog):
        _type(qtbot, PASSPHRASE, Qt.Key_Tab)
        _type(qtbot, "新口令-abcdefg", Qt.Key_Tab)
        _type(qtbot, "新口令-abcdefg")

    _when_a_dialog_shows(qtbot, change)
    said = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: said.append(args[2]))
    _settled(qtbot, window)
    with qtbot.waitSignal(window.context.jobs.job_finished, timeout=60_000):
        job = protect_database(window, window.context, path.name)
        assert job is not None and not said and not window.isEnabled()  # the work runs on: the window is back
    qtbot.waitUntil(lambda: bool(said))
    assert "新口令" in said[0] and window.isEnabled()
    assert database_passphrase() == "新口令-abcdefg"
    assert Household.select().count() == households
    close_database()
    assert cipher.opens_with(path, "新口令-abcdefg") and not cipher.opens_with(path, PASSPHRASE)


def test_settings_encrypt_a_plain_database_in_place_keeping_every_record(qtbot, tmp_path, app_settings, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from ui.dialogs.passphrase import protect_database

    monkeypatch.setattr(QMessageBox, "information", lambda *args: None)
    path, window = _plain_window(qtbot, tmp_path, app_settings)
    households = Household.select().count()
    _when_a_dialog_shows(qtbot, _choose_passphrase(qtbot))
    _settled(qtbot, window)
    with qtbot.waitSignal(window.context.jobs.job_finished, timeout=60_000):
        assert protect_database(window, window.context, path.name) is not None
    assert database_passphrase() == PASSPHRASE
    assert Household.select().count() == households
    close_database()
    assert not cipher.is_plain(path) and cipher.opens_with(path, PASSPHRASE)


def test_settings_refuse_to_encrypt_a_database_another_program_has_open_in_one_message_and_change_nothing(
        qtbot, tmp_path, app_settings, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from models.storage.file_lock import FileLock
    from ui.dialogs.passphrase import protect_database

    path, window = _plain_window(qtbot, tmp_path, app_settings)
    households = Household.select().count()
    other = FileLock(path.with_name(path.name + ".open.lock"))  # as another Lianxin holding it open
    assert other.try_acquire(shared=True)
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warned.append(args[2]))
    _when_a_dialog_shows(qtbot, _choose_passphrase(qtbot))
    try:
        _settled(qtbot, window)
        with qtbot.waitSignal(window.context.jobs.job_finished, timeout=60_000):
            protect_database(window, window.context, path.name)
    finally:
        other.release()
    assert len(warned) == 1 and warned[0].startswith("没有做任何修改") and len(warned[0].splitlines()) == 1
    assert window.isEnabled() and database_passphrase() is None
    assert Household.select().count() == households  # the window reads its database as before
    close_database()
    assert cipher.is_plain(path)


def test_encrypting_from_the_settings_dialog_runs_behind_it_and_then_the_lock_watches(qtbot, tmp_path, app_settings,
                                                                                     monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    import threading

    from desktop.operations import privacy

    monkeypatch.setattr(QMessageBox, "information", lambda *args: None)
    # The work waits until Settings was looked at: a small database encrypts fast enough, with an optimised
    # driver, to be done before the click returns and the check below runs.
    looked = threading.Event()
    encrypt = privacy.encrypt_database
    monkeypatch.setattr(privacy, "encrypt_database", lambda **kwargs: looked.wait(30) and encrypt(**kwargs))
    app_settings.lock_minutes = 10
    _, window = _plain_window(qtbot, tmp_path, app_settings)
    window.show()
    assert not window.idle_lock.watching  # plain: nothing to unlock with
    seen = {}

    def in_settings(settings):
        _settled(qtbot, window)  # a refresh the window started meanwhile would rightly make Settings say "wait"
        _when_a_dialog_shows(qtbot, _choose_passphrase(qtbot))
        settings.passphrase_button.click()
        seen["settings wait"] = not settings.isEnabled()
        looked.set()
        qtbot.waitUntil(settings.isEnabled, timeout=60_000)
        settings.activateWindow()
        qtbot.waitUntil(lambda: settings.isAncestorOf(QApplication.focusWidget()))
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)

    _when_a_dialog_shows(qtbot, in_settings)
    _settled(qtbot, window)
    window.open_settings()
    assert seen == {"settings wait": True}
    assert database_passphrase() == PASSPHRASE and window.idle_lock.watching
