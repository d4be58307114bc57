"""``python -m kp2s_dashboard.auth add-editor USER --name "…"`` (password
read from standard input when piped, else asked twice without echo) and
``python -m kp2s_dashboard.auth disable-editor USER``; ``where`` prints the
credentials file in force. Exit status 0 on success, 2 on a refused request
(message on standard error)."""

from __future__ import annotations

import argparse
import getpass
import sys

from kp2s_dashboard import auth


def _password() -> str:
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Repeat password: ") != first:
        raise auth.AuthError("auth.password_mismatch")
    return first


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kp2s_dashboard.auth", description="Manage KP2S editors.")
    sub = parser.add_subparsers(dest="command", required=True)
    add = sub.add_parser("add-editor", help="add an editor or reset a password (password from stdin)")
    add.add_argument("user")
    add.add_argument("--name", default="", help="full name shown in the audit log")
    dis = sub.add_parser("disable-editor", help="stop an editor from signing in")
    dis.add_argument("user")
    sub.add_parser("where", help="print the credentials file in force")
    args = parser.parse_args(argv)
    try:
        if args.command == "add-editor":
            auth.add_editor(args.user, args.name, _password())
            print(f"Editor {args.user.strip().lower()} saved in {auth.credentials_path()}")
        elif args.command == "disable-editor":
            auth.disable_editor(args.user)
            print(f"Editor {args.user.strip().lower()} disabled in {auth.credentials_path()}")
        else:
            print(auth.credentials_path())
    except auth.AuthError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
