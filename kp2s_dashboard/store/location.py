"""Where the data store lives. No I/O beyond reading a secrets file.

The store is chosen, first match wins, by:

1. the ``KP2S_STORE`` environment variable: a SQLAlchemy URL
   (``sqlite:////srv/kp2s/kp2s.sqlite``,
   ``postgresql+psycopg://kp2s:secret@db.local/kp2s``) or a plain file path
   (``/srv/kp2s/kp2s.sqlite``, relative paths are taken from the current
   folder), which means a SQLite file;
2. ``url`` in the ``[store]`` table of ``.streamlit/secrets.toml`` in the
   project, then in ``~/.streamlit/secrets.toml`` (the places Streamlit reads
   secrets from), with the same two forms;
3. the default: the SQLite file ``var/kp2s.sqlite`` in the project folder
   (git-ignored), created on first use.

Files materialised from the store for the loaders (see
:func:`cache_dir`) go to ``KP2S_CACHE_DIR`` when set, else to ``cache/``
beside a SQLite store file, else to the project's ``var/cache/``.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL, make_url

from kp2s_dashboard import paths

ENV_VAR = "KP2S_STORE"
CACHE_ENV_VAR = "KP2S_CACHE_DIR"
DEFAULT_RELATIVE = Path("var") / "kp2s.sqlite"


class StoreConfigError(ValueError):
    """The configured store location cannot be understood (message names the
    setting and what was expected)."""


@dataclass(frozen=True)
class Location:
    """A resolved store location.

    ``url`` is a SQLAlchemy URL; ``origin`` says where it came from
    (``"KP2S_STORE"``, the secrets file path, or ``"default"``) for messages
    and ``python -m kp2s_dashboard.store where``.
    """

    url: URL
    origin: str

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @property
    def sqlite_path(self) -> Path | None:
        """The SQLite file, or ``None`` for a server database or in-memory SQLite."""
        if not self.is_sqlite or not self.url.database or self.url.database == ":memory:":
            return None
        return Path(self.url.database)

    def display(self) -> str:
        """The URL with any password hidden."""
        return self.url.render_as_string(hide_password=True)


def parse(value: str, origin: str) -> Location:
    """A :class:`Location` from a setting that is a URL or a file path.

    Raises:
        StoreConfigError: empty value, a URL SQLAlchemy cannot parse, or a
            database other than SQLite or PostgreSQL.
    """
    value = value.strip()
    if not value:
        raise StoreConfigError(f"{origin}: the store location is empty; expected a file path or a database URL.")
    if "://" in value:
        try:
            url = make_url(value)
        except Exception as exc:  # sqlalchemy.exc.ArgumentError
            raise StoreConfigError(f"{origin}: {value!r} is not a database URL ({exc}).") from None
        backend = url.get_backend_name()
        if backend == "postgresql" and url.drivername == "postgresql":
            # The driver we ship is psycopg 3; plain postgresql:// would ask for psycopg2.
            url = url.set(drivername="postgresql+psycopg")
        if backend not in ("sqlite", "postgresql"):
            raise StoreConfigError(
                f"{origin}: database {backend!r} is not supported; use a SQLite file path or a "
                "postgresql+psycopg:// URL.")
        if backend == "sqlite" and url.database and url.database != ":memory:":
            url = url.set(database=str(Path(url.database).expanduser().absolute()))
        return Location(url=url, origin=origin)
    path = Path(value).expanduser().absolute()
    return Location(url=URL.create("sqlite", database=str(path)), origin=origin)


def _secrets_files() -> list[Path]:
    return [paths.PROJECT_DIR / ".streamlit" / "secrets.toml", Path.home() / ".streamlit" / "secrets.toml"]


def resolve(environ: dict[str, str] | None = None) -> Location:
    """The store location in force (see the module docstring for the order).

    Raises:
        StoreConfigError: a setting is present but unusable, or a secrets file
            is not valid TOML.
    """
    environ = os.environ if environ is None else environ
    value = environ.get(ENV_VAR)
    if value is not None and value.strip():
        return parse(value, ENV_VAR)
    for secrets in _secrets_files():
        if not secrets.is_file():
            continue
        try:
            data = tomllib.loads(secrets.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise StoreConfigError(f"{secrets}: not a valid TOML file ({exc}).") from None
        store = data.get("store")
        if isinstance(store, dict) and store.get("url"):
            if not isinstance(store["url"], str):
                raise StoreConfigError(f"{secrets}: [store] url must be a text (a file path or a database URL).")
            return parse(store["url"], f"{secrets} [store] url")
    return Location(url=URL.create("sqlite", database=str(paths.PROJECT_DIR / DEFAULT_RELATIVE)), origin="default")


def cache_dir(location: Location, environ: dict[str, str] | None = None) -> Path:
    """Folder for files materialised from the store (content-addressed, safe
    to delete at any time; several app processes may share it)."""
    environ = os.environ if environ is None else environ
    if environ.get(CACHE_ENV_VAR):
        return Path(environ[CACHE_ENV_VAR]).expanduser().absolute()
    db = location.sqlite_path
    if db is not None:
        return db.parent / "cache"
    return paths.PROJECT_DIR / "var" / "cache"
