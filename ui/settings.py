"""What the window remembers between runs: size and position, language, last folders, the columns shown."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from models.storage.postgres_url import without_password
from ui.i18n import DEFAULT_LANGUAGE


DEFAULT_LOCK_MINUTES = 10


def _kept(url: str) -> str:
    """`url` as a setting may keep it: never with its password."""
    return str.__str__(without_password(url))


class AppSettings:
    def __init__(self, qsettings: QSettings | None = None) -> None:
        self._settings = qsettings or QSettings("Lianxin", "Lianxin")

    @property
    def language(self) -> str:
        return str(self._settings.value("language", DEFAULT_LANGUAGE))

    @language.setter
    def language(self, value: str) -> None:
        self._settings.setValue("language", value)

    @property
    def lock_minutes(self) -> int:
        """Minutes without a key or a click before the window locks (an encrypted database only); 0: never."""
        try:
            return max(0, int(self._settings.value("privacy/lock_minutes", DEFAULT_LOCK_MINUTES)))
        except (TypeError, ValueError):
            return DEFAULT_LOCK_MINUTES

    @lock_minutes.setter
    def lock_minutes(self, value: int) -> None:
        self._settings.setValue("privacy/lock_minutes", int(value))

    # -- the database the window opens: a server's URL never holds its password (`ui.database_switch`) --
    RECENT_SERVERS = 6

    @property
    def database_server(self) -> str:
        """The office server the window opens (a URL without its password); '' for this computer's file."""
        return str(self._settings.value("database/server", "") or "")

    @database_server.setter
    def database_server(self, url: str) -> None:
        self._settings.setValue("database/server", _kept(url) if url else "")

    @property
    def local_database(self) -> str:
        """This computer's database file last opened ('' : the data folder's)."""
        return str(self._settings.value("database/local_file", "") or "")

    @local_database.setter
    def local_database(self, path: str) -> None:
        self._settings.setValue("database/local_file", path)

    def recent_servers(self) -> list[str]:
        """The servers connected to, newest first (URLs without passwords)."""
        value = self._settings.value("database/recent_servers", [])
        values = [value] if isinstance(value, str) else list(value or [])
        return [str(url) for url in values if url][: self.RECENT_SERVERS]

    def add_recent_server(self, url: str) -> None:
        url = _kept(url)
        recent = [url] + [other for other in self.recent_servers() if other != url]
        self._settings.setValue("database/recent_servers", recent[: self.RECENT_SERVERS])

    def last_folder(self, purpose: str) -> str:
        """The folder last used for `purpose` ("import", "export", "print"…), else home."""
        folder = str(self._settings.value(f"folders/{purpose}", ""))
        return folder if folder and Path(folder).is_dir() else str(Path.home())

    def set_last_folder(self, purpose: str, path: str | Path) -> None:
        path = Path(path)
        self._settings.setValue(f"folders/{purpose}", str(path if path.is_dir() else path.parent))

    def window_geometry(self) -> QByteArray | None:
        value = self._settings.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    def save_window(self, geometry: QByteArray, state: QByteArray) -> None:
        self._settings.setValue("window/geometry", geometry)
        self._settings.setValue("window/state", state)

    def window_state(self) -> QByteArray | None:
        value = self._settings.value("window/state")
        return value if isinstance(value, QByteArray) else None

    def shown_columns(self, table: str) -> dict[int, bool]:
        """The columns of `table` (a list's object name) the person showed (True) or hid (False), by number."""
        chosen = {}
        for part in str(self._settings.value(f"columns/{table}", "")).split(","):
            column, _, shown = part.partition(":")
            if column.isdigit() and shown in ("0", "1"):
                chosen[int(column)] = shown == "1"
        return chosen

    def set_shown_columns(self, table: str, chosen: dict[int, bool]) -> None:
        self._settings.setValue(f"columns/{table}", ",".join(f"{column}:{int(shown)}" for column, shown in sorted(chosen.items())))

    def sync(self) -> None:
        self._settings.sync()
