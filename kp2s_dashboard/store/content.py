"""Checking and encoding what is published: content hashes, file names, parsed tables as parquet."""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Iterable
from typing import Any

from kp2s_dashboard.store.errors import PublishError

_BAD_NAME = re.compile(r"[\x00-\x1f/\\]")


def sha256_hex(data: bytes) -> str:
    """Hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def content_sha256(files: Iterable[tuple[str, str]]) -> str:
    """SHA-256 identifying a set of ``(file name, file sha256)`` pairs,
    independent of their order: equal sets give equal hashes."""
    lines = sorted(f"{name}\0{sha}\n" for name, sha in files)
    return sha256_hex("".join(lines).encode("utf-8"))


def _check_name(name: str) -> str:
    if not isinstance(name, str) or not name.strip():
        raise PublishError("store.bad_file_name", name=str(name), reason="the name is empty")
    name = name.strip()
    if _BAD_NAME.search(name):
        raise PublishError("store.bad_file_name", name=name, reason="it contains a folder separator or a control character")
    if name in (".", "..") or name.startswith("."):
        raise PublishError("store.bad_file_name", name=name, reason="it starts with a dot")
    if len(name.encode("utf-8")) > 255:
        raise PublishError("store.bad_file_name", name=name[:60] + "…", reason="it is longer than 255 bytes")
    return name


def encode_table(name: str, frame: Any) -> tuple[bytes, int, list[str]]:
    """A DataFrame as parquet bytes with its row count and column names.

    Raises:
        PublishError: not a DataFrame, or a column pyarrow cannot write
            (e.g. mixed Python objects).
    """
    import pandas as pd

    if not isinstance(frame, pd.DataFrame):
        raise PublishError("store.bad_table", name=name, reason=f"expected a pandas DataFrame, got {type(frame).__name__}")
    buf = io.BytesIO()
    try:
        frame.to_parquet(buf, engine="pyarrow")
    except Exception as exc:  # pyarrow.ArrowInvalid, ArrowTypeError, ValueError
        raise PublishError("store.bad_table", name=name, reason=str(exc)) from None
    return buf.getvalue(), len(frame), [str(c) for c in frame.columns]


def decode_table(data: bytes):
    """The DataFrame stored by :func:`encode_table` (dtypes as written)."""
    import pandas as pd

    return pd.read_parquet(io.BytesIO(data), engine="pyarrow")
