"""Where things live: the data folder (database, backups, documents) and bundled resources."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

from . import APP_ID

DATA_DIR_ENV = "JIAZHENG_DATA_DIR"
DATABASE_NAME = "jiazheng.sqlite3"


def default_data_dir() -> Path:
    """The user's application-data folder, e.g. ``%LOCALAPPDATA%\\jiazheng-desktop`` on Windows."""
    return Path(user_data_dir(APP_ID, appauthor=False, roaming=False))


def resolve_data_dir(option: str | os.PathLike[str] | None = None) -> Path:
    """``--data-dir`` wins, then ``$JIAZHENG_DATA_DIR``, then the application-data folder."""
    if option:
        return Path(option).expanduser().resolve()
    env = os.environ.get(DATA_DIR_ENV, "").strip()
    if env:
        return Path(env).expanduser().resolve()
    return default_data_dir()


@dataclass(frozen=True)
class DataPaths:
    """The files of one office's data folder."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / DATABASE_NAME

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def documents(self) -> Path:
        return self.root / "documents"

    @property
    def office_file(self) -> Path:
        """``office.json``: present when this PC is the office's host or a client of it."""
        return self.root / "office.json"

    @property
    def office_server(self) -> Path:
        """The host's PostgreSQL cluster (``storage.office_server.LocalServer``)."""
        return self.root / "office-server"

    @property
    def lock_file(self) -> Path:
        return self.root / "jiazheng.lock"

    def ensure(self) -> None:
        """Create the folders (never the database file itself)."""
        for folder in (self.root, self.backups, self.documents):
            folder.mkdir(parents=True, exist_ok=True)


def resource_path(*parts: str) -> Path:
    """A file under ``resources/``, from a source checkout or from a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    base = Path(bundle) if bundle else Path(__file__).resolve().parent.parent
    return base.joinpath("resources", *parts)
