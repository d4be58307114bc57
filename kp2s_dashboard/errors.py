"""Typed errors raised by loaders and the region registry.

Every error that can reach a user carries *where* (file, sheet, cell or row)
and *what was expected*, as structured fields, plus a message key into the
string catalogue (:mod:`kp2s_dashboard.i18n`) so that the UI can render it
in Bahasa Indonesia or English. ``str(error)`` gives the English text, which
is what logs and tests see.

Pages never show a traceback: they catch :class:`KP2SError` and call
``kp2s_dashboard.web.ui.show_error``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Location:
    """Where in an input a problem sits. All fields optional.

    ``row`` is the 1-based row number as a spreadsheet program shows it
    (for a CSV: the line number, header = line 1). ``cell`` is A1 notation.
    """

    file: str | None = None
    sheet: str | None = None
    cell: str | None = None
    row: int | None = None
    column: str | None = None

    def parts(self) -> dict[str, Any]:
        """The fields that are set, in reading order."""
        out: dict[str, Any] = {}
        for name in ("file", "sheet", "cell", "row", "column"):
            value = getattr(self, name)
            if value is not None and value != "":
                out[name] = value
        return out


#: The longest text a message quotes from a file (a cell value, a name) before cutting it.
QUOTE_MAX = 500

#: Parameters that hold one of the dashboard's own terms (a kind of assessment file, a ranking basis), not text
#: from a file: message key → {parameter: catalogue key of the term, ``{}`` standing for the value}. The message
#: names the term in its language (``assessor`` → "per penilai" / "per assessor", ``final`` → "Nilai Akhir",
#: ``stunting`` → "Stunting (TB/U < −2 SD)" / "Stunting (HAZ < −2 SD)"); a
#: value the catalogue does not know is shown as is (a mixed kind ``rekap+matrix`` is named part by part).
TERM_PARAMS = {
    "asm.conflict_sources": {"kind": "asm.kind_short.{}", "other_kind": "asm.kind_short.{}"},
    "err.asm_rank_mismatch": {"basis": "asm.basis_short.{}"},
    "err.duplicate": {"indicator": "indicator.{}"},
    "warn.survey_conflict": {"indicator": "indicator.{}"},
}


@dataclass(frozen=True)
class WeightedSum:
    """A message parameter naming a weighted sum, ``0,3×paparan + 0,7×verifikasi``:
    ``terms`` are ``(weight, name)`` pairs; the weights are written in the
    message's language when it is rendered (``0.3×paparan`` in English)."""

    terms: tuple[tuple[float, str], ...]

    def text(self, lang: str) -> str:
        from kp2s_dashboard import i18n

        return " + ".join(f"{i18n.fmt_plain(float(w), lang)}×{name}" for w, name in self.terms)


@dataclass(frozen=True)
class NumberRange:
    """A message parameter naming a range of numbers, ``0,5–1,5``: the ends
    are written in the message's language when it is rendered (``0.5–1.5``
    in English; whole numbers as ``1–4`` in both)."""

    low: float
    high: float

    def text(self, lang: str) -> str:
        from kp2s_dashboard import i18n

        return f"{i18n.fmt_plain(float(self.low), lang)}–{i18n.fmt_plain(float(self.high), lang)}"


def _param(value: Any, lang: str, name: str = "") -> Any:
    """One message parameter as :meth:`Problem.message` writes it. A year
    (a parameter whose name holds ``year``) read as a whole float from a
    cell is written as the year it is (``2023``, never ``2.023``)."""
    if isinstance(value, float) and "year" in name and value.is_integer():
        return int(value)
    if isinstance(value, (WeightedSum, NumberRange)):
        return value.text(lang)
    if isinstance(value, Location):  # another row's place: "berkas p.csv, baris 3" / "file p.csv, row 3"
        from kp2s_dashboard import i18n

        return i18n.format_location(value, lang)
    if isinstance(value, str):
        return value[:QUOTE_MAX] + "…" if len(value) > QUOTE_MAX else value
    if isinstance(value, float):  # also numpy's float64; bool and int are not floats
        from kp2s_dashboard import i18n

        return i18n.fmt_plain(value, lang)
    return value


@dataclass
class Problem:
    """One finding in an input: a message key, its parameters and a location.

    ``severity`` is ``"error"`` (the row or file cannot be used) or
    ``"warning"`` (used, but the user should know).
    """

    key: str
    params: dict[str, Any] = field(default_factory=dict)
    location: Location = field(default_factory=Location)
    severity: str = "error"

    def message(self, lang: str = "en") -> str:
        """The message in ``lang`` without its location; a text parameter
        longer than :data:`QUOTE_MAX` characters is cut there with ``…``.

        A float parameter is a figure the dashboard computed or read (an
        expected total, a prevalence): it is written here, in the language's
        convention (:func:`kp2s_dashboard.i18n.fmt_plain`: ``41,7`` in
        Indonesian, ``41.7`` in English), so loaders pass numbers, never
        pre-formatted text. Integers (years, rows, counts) are written as
        they are; text (a cell quoted from a file) is quoted as written."""
        from kp2s_dashboard import i18n

        params = {k: _param(v, lang, k) for k, v in self.params.items()}
        for name, pattern in TERM_PARAMS.get(self.key, {}).items():
            if isinstance(params.get(name), str):
                params[name] = " + ".join(i18n.t(pattern.format(part), lang)
                                          if pattern.format(part) in i18n.CATALOGUE else part
                                          for part in params[name].split("+"))
        return i18n.t(self.key, lang, **params)

    def render(self, lang: str = "en") -> str:
        """The message in ``lang`` ("id" or "en"), prefixed by its location.
        A text parameter longer than :data:`QUOTE_MAX` characters (a cell of
        32,000 characters quoted back) is cut there with ``…``."""
        from kp2s_dashboard import i18n

        text = self.message(lang)
        where = i18n.format_location(self.location, lang)
        return f"{where}: {text}" if where else text


class KP2SError(Exception):
    """Base class of all errors the dashboard shows to users."""

    def __init__(self, key: str, location: Location | None = None, **params: Any):
        self.problem = Problem(key=key, params=params, location=location or Location())
        super().__init__(self.problem.render("en"))

    @property
    def key(self) -> str:
        return self.problem.key

    @property
    def params(self) -> dict[str, Any]:
        return self.problem.params

    @property
    def location(self) -> Location:
        return self.problem.location

    def render(self, lang: str = "en") -> str:
        """The message in ``lang`` with its location."""
        return self.problem.render(lang)


class RegionNotFoundError(KP2SError, LookupError):
    """A district name or code that the registry does not know.

    ``params["value"]`` is the input as given, ``params["suggestions"]`` the
    closest known names (possibly empty).
    """


class DataError(KP2SError, ValueError):
    """An input file that cannot be read as expected.

    May carry several problems: ``problems`` lists every finding (the first
    is also ``problem``), so a user sees all bad rows of a file at once.
    """

    def __init__(
        self,
        key: str,
        location: Location | None = None,
        problems: list[Problem] | None = None,
        **params: Any,
    ):
        super().__init__(key, location, **params)
        self.problems: list[Problem] = problems or [self.problem]

    @classmethod
    def from_problems(cls, problems: list[Problem]) -> "DataError":
        """One error carrying all ``problems`` (must not be empty)."""
        if not problems:
            raise ValueError("from_problems needs at least one problem")
        first = problems[0]
        err = cls(first.key, first.location, problems=list(problems), **first.params)
        return err

    def render_all(self, lang: str = "en") -> list[str]:
        """Every problem's message, in ``lang``."""
        return [p.render(lang) for p in self.problems]


class BoundaryError(KP2SError, ValueError):
    """A boundary file that cannot be read, or whose features cannot be
    joined to the region registry."""


class FetchError(KP2SError, RuntimeError):
    """Downloading the pinned boundary source failed (network, HTTP status
    or checksum)."""
