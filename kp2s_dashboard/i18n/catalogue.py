"""The string catalogue: key -> {"id": Bahasa Indonesia, "en": English}.

The texts are data, one TOML file per domain in ``catalogue/`` beside this
module (``core``, ``assessment``, ``progress``, ``profile``, ``export``, …):
one table per key with an ``id`` and an ``en`` entry. Placeholders use
``str.format`` names (``{value}``). Keys are grouped by prefix: ``loc.``
locations, ``err.`` errors, ``nav.`` navigation, ``ui.`` shared widgets,
``class.`` prevalence classes, ``src.`` sources, and one prefix per page or
domain. A key defined in two files is an error at import time.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

FOLDER = Path(__file__).resolve().parent / "catalogue"
#: Domain files: ``core`` first, then the others by name.
DOMAINS = ("core", *sorted(p.stem for p in FOLDER.glob("*.toml") if p.stem != "core"))


@cache
def domain(name: str) -> dict[str, dict[str, str]]:
    """The entries of one domain file, ``catalogue/<name>.toml``.

    Raises:
        FileNotFoundError: no such domain file.
        tomllib.TOMLDecodeError: the file is not valid TOML.
    """
    with open(FOLDER / f"{name}.toml", "rb") as fh:
        return tomllib.load(fh)


def _merged() -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for name in DOMAINS:
        part = domain(name)
        clash = set(part) & set(merged)
        if clash:
            raise RuntimeError(f"string keys defined twice (catalogue/{name}.toml): {sorted(clash)}")
        merged.update(part)
    return merged


#: Every key of every domain.
CATALOGUE: dict[str, dict[str, str]] = _merged()
