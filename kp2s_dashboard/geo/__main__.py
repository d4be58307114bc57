"""Command line: ``python -m kp2s_dashboard.geo {fetch,status,check} …``.

Exit codes: 0 success, 1 boundary/file error, 2 usage error (argparse),
3 network error, 4 checksum mismatch, 5 unreadable upstream SQL or rows
that are not what the file should hold, 6 a file not pinned by checksum
(``fetch --accept-unpinned`` downloads it and checks its content instead),
130 interrupted. Errors are printed as one message on stderr, never as a
traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from kp2s_dashboard import i18n
from kp2s_dashboard.errors import KP2SError
from kp2s_dashboard.geo.boundaries import load_boundaries
from kp2s_dashboard.geo.fetch import DEFAULT_TIMEOUT, fetch
from kp2s_dashboard.geo.files import LEVELS, boundary_status
from kp2s_dashboard.geo.source import attribution

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_NETWORK = 3
EXIT_CHECKSUM = 4
EXIT_PARSE = 5
EXIT_UNPINNED = 6
EXIT_INTERRUPTED = 130
_EXIT_BY_KEY = {
    "err.fetch_network": EXIT_NETWORK,
    "err.fetch_checksum": EXIT_CHECKSUM,
    "err.fetch_parse": EXIT_PARSE,
    "err.fetch_kode_outside": EXIT_PARSE,
    "err.fetch_duplicate_kode": EXIT_PARSE,
    "err.fetch_kode_unknown": EXIT_PARSE,
    "err.fetch_unpinned": EXIT_UNPINNED,
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m kp2s_dashboard.geo",
        description="Boundary files of Kalimantan Selatan: fetch the pinned source, show or check files.",
    )
    env_lang = os.environ.get("KP2S_LANG")
    parser.add_argument(
        "--lang",
        choices=i18n.LANGUAGES,
        default=env_lang if env_lang in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE,
        help="language of messages (default: KP2S_LANG or id)",
    )
    # --lang is also accepted after the command; SUPPRESS keeps the top-level default.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=i18n.LANGUAGES, default=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", required=True)

    p_fetch = sub.add_parser(
        "fetch", parents=[common], help="download, verify and convert the pinned upstream files"
    )
    p_fetch.add_argument("--if-missing", action="store_true", help="do nothing when the files already exist")
    p_fetch.add_argument("--base-url", help="replace the host part of the source URL (e.g. a mirror)")
    p_fetch.add_argument("--dest", help="destination folder (default: the project's geo/)")
    p_fetch.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds per network operation")
    p_fetch.add_argument(
        "--level", dest="levels", action="append", choices=list(LEVELS), default=None,
        help="level to fetch, repeatable (default: kabupaten and kecamatan; desa only when named)",
    )
    p_fetch.add_argument(
        "--accept-unpinned", action="store_true",
        help="download files without a pinned SHA-256, check their content and print their SHA-256",
    )

    p_status = sub.add_parser("status", parents=[common], help="show which boundary file would be used per level")
    p_status.add_argument("--level", choices=list(LEVELS), default=None)

    p_check = sub.add_parser("check", parents=[common], help="load a boundary file and list the regions it matched")
    p_check.add_argument("path", nargs="?", default=None, help="file or folder (default: KP2S_GEO_DIR or geo/)")
    p_check.add_argument("--level", choices=list(LEVELS), default="kabupaten")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code (see the module docstring)."""
    args = _parser().parse_args(argv)
    lang = args.lang

    def say(key: str, params: dict[str, Any]) -> None:
        print(i18n.t(key, lang, **params), flush=True)

    try:
        if args.command == "fetch":
            result = fetch(
                args.dest, base_url=args.base_url, if_missing=args.if_missing, timeout=args.timeout, report=say,
                levels=args.levels, accept_unpinned=args.accept_unpinned,
            )
            if not result.skipped:
                say("geo.fetch_done", {"n": len(result.written), "folder": str(result.dest)})
            return EXIT_OK
        if args.command == "status":
            for level in [args.level] if args.level else list(LEVELS):
                path = boundary_status(level)
                if path is None:
                    say("geo.status_none", {"level": level})
                else:
                    say("geo.status_file", {"level": level, "path": str(path)})
                    say("geo.status_attribution", {"text": attribution(lang, path)})
            return EXIT_OK
        if args.command == "check":
            gdf = load_boundaries(args.path, level=args.level)
            say(
                "geo.check_result",
                {"n": len(gdf), "level": args.level, "path": gdf.attrs.get("source_file", "")},
            )
            for row in gdf.itertuples(index=False):
                print(f"  {row.kode:<14} {row.code:<10} {row.name}")
            if gdf.attrs.get("missing"):
                say("geo.check_missing", {"codes": ", ".join(gdf.attrs["missing"])})
            if gdf.attrs.get("dropped"):
                say("geo.check_dropped", {"items": "; ".join(gdf.attrs["dropped"])})
            return EXIT_OK
    except KP2SError as exc:
        print(exc.render(lang), file=sys.stderr, flush=True)
        return _EXIT_BY_KEY.get(exc.key, EXIT_ERROR)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # output piped into e.g. `head`: stop quietly
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
        return EXIT_OK
    except Exception as exc:  # last resort: a message, never a traceback
        print(i18n.t("geo.err_unexpected", lang, detail=f"{type(exc).__name__}: {exc}"), file=sys.stderr, flush=True)
        return EXIT_ERROR
    return EXIT_ERROR  # pragma: no cover - argparse requires a command


if __name__ == "__main__":
    sys.exit(main())
