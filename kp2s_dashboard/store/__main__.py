"""Command line for the data store::

    python -m kp2s_dashboard.store where            # location, schema revision, row counts
    python -m kp2s_dashboard.store upgrade          # create the store / upgrade its schema
    python -m kp2s_dashboard.store versions [--kind prevalence]
    python -m kp2s_dashboard.store check            # verify every version, file and table
    python -m kp2s_dashboard.store backup OUT [--format sqlite|dump]
    python -m kp2s_dashboard.store restore IN [--replace]

``--store PATH_OR_URL`` before the command overrides ``KP2S_STORE`` and the
secrets file. Errors are printed as one message, exit status 2; ``check``
exits 1 when it finds problems.
"""

from __future__ import annotations

import argparse
import getpass
import sqlite3
import sys

from kp2s_dashboard.errors import KP2SError
from kp2s_dashboard.store import backup as backup_mod
from kp2s_dashboard.store import location, migrate
from kp2s_dashboard.store.core import Store
from kp2s_dashboard.store.schema import KINDS


def _open(args) -> Store:
    where = location.parse(args.store, "--store") if args.store else location.resolve()
    return Store(where)


def _who() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in this environment
        return "command line"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kp2s_dashboard.store", description="KP2S data store")
    parser.add_argument("--store", help="a SQLite file path or a database URL (default: KP2S_STORE, "
                                        ".streamlit/secrets.toml [store] url, or var/kp2s.sqlite)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("where", help="show where the store is, its schema revision and row counts")
    sub.add_parser("upgrade", help="create the store or upgrade its schema to this program's revision")
    p_versions = sub.add_parser("versions", help="list versions, newest first")
    p_versions.add_argument("--kind", choices=KINDS)
    sub.add_parser("check", help="verify every version, file and table (reads all stored bytes)")
    p_backup = sub.add_parser("backup", help="write a consistent backup of the store to OUT")
    p_backup.add_argument("out")
    p_backup.add_argument("--format", choices=("sqlite", "dump"),
                          help="sqlite: a SQLite copy (default for a SQLite store); dump: a portable logical dump "
                               "(default for PostgreSQL)")
    p_restore = sub.add_parser("restore", help="load a backup (either format) into the store, in one transaction")
    p_restore.add_argument("source")
    p_restore.add_argument("--replace", action="store_true",
                           help="replace everything in a store that is not empty")
    args = parser.parse_args(argv)

    try:
        if args.command == "where":
            where = location.parse(args.store, "--store") if args.store else location.resolve()
            store = Store(where)
            with store.engine.connect() as conn:
                revision = migrate.current_revision(conn)
            print(f"store:    {where.display()}  (from {where.origin})")
            print(f"cache:    {store.cache_dir}")
            print(f"schema:   {revision}")
            for name, n in store.counts().items():
                print(f"{name + ':':<17} {n} rows")
            return 0
        if args.command == "upgrade":
            where = location.parse(args.store, "--store") if args.store else location.resolve()
            store = Store(where)
            with store.engine.connect() as conn:
                revision = migrate.current_revision(conn)
            print(f"{where.display()}: schema at revision {revision}")
            return 0
        store = _open(args)
        if args.command == "versions":
            in_force = {v.id for v in store.in_force_all().values()}
            for v in store.versions(args.kind):
                mark = "*" if v.id in in_force else " "
                restored = f" (restore of {v.restored_from})" if v.restored_from else ""
                names = ", ".join(f.name for f in v.files)
                print(f"{mark}{v.id:>5}  {v.kind:<11} {v.status:<9} {v.created_at:%Y-%m-%d %H:%M} UTC  "
                      f"{v.created_by:<16} {names}{restored}  {v.comment}")
            return 0
        if args.command == "check":
            problems = store.verify()
            for p in problems:
                print(p)
            print(f"{len(problems)} problems" if problems else "no problems")
            return 1 if problems else 0
        if args.command == "backup":
            out, fmt = backup_mod.backup(store, args.out, args.format)
            print(f"backup ({fmt}) written to {out}")
            return 0
        if args.command == "restore":
            counts = backup_mod.restore(store, args.source, who=_who(), replace=args.replace)
            print(f"restored into {store.location.display()}: "
                  + ", ".join(f"{n} {name}" for name, n in counts.items()))
            return 0
    except (KP2SError, location.StoreConfigError, ValueError, OSError, sqlite3.Error) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 2  # pragma: no cover - argparse requires a command


if __name__ == "__main__":
    sys.exit(main())
