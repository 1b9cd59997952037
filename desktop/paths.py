"""Where Lianxin keeps its files on this computer."""

import os
from pathlib import Path

import platformdirs

from desktop import APP_NAME


def data_folder() -> Path:
    """The user's data folder for Lianxin (LIANXIN_DATA_DIR overrides it, for tests and portable use)."""
    override = os.environ.get("LIANXIN_DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_database() -> Path:
    return data_folder() / "lianxin.db"
