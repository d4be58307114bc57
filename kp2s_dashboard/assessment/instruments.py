"""Assessment instruments as data: one TOML file per assessment year.

``data/instruments/<year_assessed>.toml`` describes the instrument of the
provincial assessment held in that year. The instrument changes between
years (the names of Aksi 4 and 5 changed with the 2022 juknis) and no
official weights were found, so nothing about it is hard-coded here.

Schema (``schema = 1``)::

    year_assessed = 2025          # when the assessment was held
    period = 2024                 # the performance year it scored
    status = "unconfirmed"        # "confirmed" once an official instrument is used
    sources = ["...", ...]        # where the content comes from

    [assessors]
    combine = "mean"              # mean | median | sum | min | max

    [layout_scales]               # scale of score cells whose header states none
    rekap = "0-100"
    matrix = "huruf"
    assessor = "1-4"

    [[actions]]                   # one per action, number 1..n
    number = 1
    name = "Analisis Situasi"
    name_en = "Situation analysis"
    short = "Analisis Situasi"    # optional short forms for axes and tables
    short_en = "Situation analysis"  # (the full name when absent)

    [[components]]                # optional; weight only when officially known
    code = "dokumen"
    name = "Review dokumen / web Aksi Bangda"
    name_en = "Document / web review"
    aliases = ["dokumen", "web", ...]   # header spellings (lower case)
    weight = 0.6                  # optional, fraction; all-or-none per instrument

    [scales."1-4"]                # kind = "range": numbers min..max
    kind = "range"
    min = 1
    max = 4

    [scales.huruf]                # kind = "letter": grades -> numbers
    kind = "letter"
    min = 1
    max = 4
    grades = { A = 4, B = 3, C = 2, D = 1 }
    confirmed = false

    [[indicators]]                # optional list; when given, missing ones are reported
    code = "1.1"
    action = 1
    scale = "huruf"
    text = "..."

A year without its own file uses the closest earlier year (and says so);
:func:`load_instrument` raises :class:`~kp2s_dashboard.errors.DataError`
(key ``err.asm_instrument``) for a malformed file.
"""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kp2s_dashboard import paths
from kp2s_dashboard.errors import DataError, Location, NumberRange

COMBINE_METHODS = ("mean", "median", "sum", "min", "max")


def instruments_dir() -> Path:
    """Folder holding the ``<year>.toml`` files (``data/instruments``)."""
    return paths.DATA_DIR / "instruments"


@dataclass(frozen=True)
class Scale:
    """How the values of one score cell are read.

    ``kind`` is ``"range"`` (numbers ``min``..``max``) or ``"letter"``
    (``grades`` maps upper-case letters to numbers; ``min``/``max`` are the
    numeric bounds of the mapped values). ``confirmed`` is False when the
    mapping is an assumption.
    """

    name: str
    kind: str
    min: float
    max: float
    grades: dict[str, float] = field(default_factory=dict)
    confirmed: bool = True

    def describe(self) -> str:
        """Short text for messages: ``A, B, C, D`` or ``1–4``."""
        if self.kind == "letter":
            return ", ".join(self.grades)
        return f"{_num(self.min)}–{_num(self.max)}"

    def expected(self) -> str | NumberRange:
        """What a score must be, as a message parameter: the grades
        (``A, B, C, D``) as text, a range as a
        :class:`~kp2s_dashboard.errors.NumberRange` that the message writes
        in its language (``0,5–1,5`` / ``0.5–1.5``). :meth:`describe` is the
        Indonesian text the workbook templates carry."""
        if self.kind == "letter":
            return ", ".join(self.grades)
        return NumberRange(float(self.min), float(self.max))


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value).replace(".", ",")


def range_scale(low: float, high: float) -> Scale:
    """A ``range`` scale ``low``..``high`` named like ``"1-4"``."""
    return Scale(name=f"{_num(low)}-{_num(high)}", kind="range", min=float(low), max=float(high))


@dataclass(frozen=True)
class Action:
    """One convergence action of an instrument year."""

    number: int
    name: str
    name_en: str
    short: str = ""
    short_en: str = ""

    def short_name(self, lang: str = "id") -> str:
        """The short form (``short`` / ``short_en`` in the instrument file) for
        charts and tables, e.g. ``"Perbup/Perwal"``; the full name when the
        file gives none."""
        if lang == "en":
            return self.short_en or self.name_en
        return self.short or self.name

    def label(self, lang: str = "id") -> str:
        """``"Aksi 1 Analisis Situasi"`` / ``"Action 1 Situation analysis"``."""
        if lang == "en":
            return f"Action {self.number} {self.name_en}"
        return f"Aksi {self.number} {self.name}"


@dataclass(frozen=True)
class Component:
    """An assessment component (document review, presentation, …).

    ``weight`` is a fraction (0–1) or None when not known.
    """

    code: str
    name: str
    name_en: str
    aliases: tuple[str, ...] = ()
    weight: float | None = None


@dataclass(frozen=True)
class Indicator:
    """An indicator listed by the instrument (optional)."""

    code: str
    action: int
    scale: str | None = None
    text: str = ""


@dataclass(frozen=True)
class Instrument:
    """The instrument of one assessment year (see the module docstring).

    ``requested_year`` is the year asked for; it differs from
    ``year_assessed`` when an earlier year's file was used.
    """

    year_assessed: int
    period: int | None
    status: str
    sources: tuple[str, ...]
    combine: str
    actions: tuple[Action, ...]
    components: tuple[Component, ...]
    scales: dict[str, Scale]
    layout_scales: dict[str, str]
    indicators: tuple[Indicator, ...] = ()
    path: str = ""
    requested_year: int | None = None

    # -- lookups ------------------------------------------------------------------
    def action(self, number: int) -> Action | None:
        """The action numbered ``number``, or None."""
        for action in self.actions:
            if action.number == number:
                return action
        return None

    def action_numbers(self) -> list[int]:
        """Numbers of the actions, ascending."""
        return sorted(a.number for a in self.actions)

    def action_name(self, number: int, lang: str = "id", short: bool = False) -> str:
        """Name of action ``number`` in ``lang`` (``"Aksi n"`` if unknown);
        ``short`` gives the short form of :meth:`Action.short_name`."""
        action = self.action(number)
        if action is None:
            return f"Aksi {number}" if lang != "en" else f"Action {number}"
        if short:
            return action.short_name(lang)
        return action.name_en if lang == "en" else action.name

    def component(self, code: str) -> Component | None:
        """The component with ``code``, or None."""
        for component in self.components:
            if component.code == code:
                return component
        return None

    def match_component(self, text: str) -> Component | None:
        """The component whose code, name or alias equals ``text`` once the
        text is lower-cased and a trailing weight such as ``(60%)`` removed."""
        key = _label(str(text))
        if not key:
            return None
        return self._lookups()[0].get(key)

    def action_by_name(self, text: str) -> int | None:
        """Number of the last action (in the instrument's order) whose
        Indonesian or English name equals ``text`` once both are normalised
        (:func:`~kp2s_dashboard.assessment.values.norm`; ``text`` is expected
        normalised), or None."""
        return self._lookups()[1].get(text)

    def _lookups(self) -> tuple[dict[str, Component], dict[str, int]]:
        """(component label → first component with it, normalised action
        name → last action with it), built once per instrument."""
        found = self.__dict__.get("_lookup_cache")
        if found is None:
            from kp2s_dashboard.assessment.values import norm

            components: dict[str, Component] = {}
            for component in self.components:
                keys = {component.code, _label(component.name), _label(component.name_en)}
                keys |= {_label(a) for a in component.aliases}
                for key in keys:
                    components.setdefault(key, component)
            actions: dict[str, int] = {}
            for action in self.actions:
                actions[norm(action.name)] = actions[norm(action.name_en)] = action.number
            found = (components, actions)
            object.__setattr__(self, "_lookup_cache", found)  # frozen: not a field, never compared
        return found

    def weights(self) -> dict[str, float] | None:
        """Component weights (fractions) when every component has one, else None.
        Weights are never partly assumed."""
        if not self.components or any(c.weight is None for c in self.components):
            return None
        return {c.code: float(c.weight) for c in self.components}  # type: ignore[arg-type]

    def scale(self, name: str) -> Scale:
        """The scale named ``name``; ``"a-b"`` names build a range scale on the fly.

        Raises:
            KeyError: unknown name that is not of the form ``a-b``.
        """
        if name in self.scales:
            return self.scales[name]
        match = re.fullmatch(r"\s*(\d+(?:[.,]\d+)?)\s*[-–]\s*(\d+(?:[.,]\d+)?)\s*", name)
        if match:
            low, high = (float(g.replace(",", ".")) for g in match.groups())
            return range_scale(low, high)
        raise KeyError(name)

    def layout_scale(self, layout: str) -> Scale:
        """Default scale of score cells in ``layout`` (rekap, matrix, assessor)."""
        return self.scale(self.layout_scales.get(layout, "0-100"))

    def indicator(self, code: str) -> Indicator | None:
        """The listed indicator ``code``, or None."""
        for indicator in self.indicators:
            if indicator.code == code:
                return indicator
        return None


@lru_cache(maxsize=8192)
def _label(text: str) -> str:
    text = str(text).lower().replace("\u00a0", " ")
    text = re.sub(r"\(?\s*(bobot\s*)?\d+(?:[.,]\d+)?\s*%\s*\)?", " ", text)
    text = re.sub(r"\(\s*\d+\s*[-–]\s*\d+\s*\)", " ", text)
    text = re.sub(r"^nilai\s+|^skor\s+", "", text.strip())
    return re.sub(r"\s+", " ", text).strip(" :.-")


def available_years() -> list[int]:
    """Years (``year_assessed``) that have an instrument file, ascending."""
    years = []
    for file in instruments_dir().glob("*.toml"):
        if re.fullmatch(r"\d{4}", file.stem):
            years.append(int(file.stem))
    return sorted(years)


def load_instrument(year_assessed: int | None = None, path: str | Path | None = None) -> Instrument:
    """The instrument for the assessment held in ``year_assessed``.

    Uses ``data/instruments/<year>.toml``; when that file does not exist,
    the closest earlier year's file (``requested_year`` then records the
    year asked for); when no earlier year exists, the earliest file.
    ``year_assessed=None`` gives the latest year. ``path`` reads that file
    instead.

    Raises:
        DataError: ``err.asm_instrument`` when the file is malformed or no
            instrument file exists.
    """
    if path is None:
        years = available_years()
        if not years:
            raise DataError("err.asm_instrument", Location(file=str(instruments_dir())), detail="no <year>.toml file")
        if year_assessed is None:
            chosen = years[-1]
        else:
            earlier = [y for y in years if y <= year_assessed]
            chosen = earlier[-1] if earlier else years[0]
        path = instruments_dir() / f"{chosen}.toml"
    instrument = _load_file(str(Path(path)))
    if year_assessed is not None and year_assessed != instrument.year_assessed:
        return _with_requested(instrument, year_assessed)
    return instrument


def _with_requested(instrument: Instrument, year: int) -> Instrument:
    from dataclasses import replace

    return replace(instrument, requested_year=year)


@lru_cache(maxsize=32)
def _load_file(path: str) -> Instrument:
    location = Location(file=Path(path).name)
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DataError("err.asm_instrument", location, detail=str(exc)) from None
    return instrument_from_dict(data, path=path)


def instrument_from_dict(data: dict, path: str = "") -> Instrument:
    """Build an :class:`Instrument` from the parsed TOML structure (also used
    by tests to make variants, e.g. with component weights).

    Raises:
        DataError: ``err.asm_instrument`` naming the first problem found.
    """
    location = Location(file=Path(path).name if path else None)

    def fail(detail: str) -> DataError:
        return DataError("err.asm_instrument", location, detail=detail)

    try:
        year = int(data["year_assessed"])
    except (KeyError, TypeError, ValueError):
        raise fail("year_assessed missing or not a year") from None
    period = data.get("period")
    combine = str(data.get("assessors", {}).get("combine", "mean"))
    if combine not in COMBINE_METHODS:
        raise fail(f"assessors.combine must be one of {', '.join(COMBINE_METHODS)}")
    actions = []
    for item in data.get("actions", []):
        try:
            actions.append(Action(int(item["number"]), str(item["name"]), str(item.get("name_en", item["name"])),
                                  str(item.get("short", "")), str(item.get("short_en", ""))))
        except (KeyError, TypeError, ValueError):
            raise fail("each [[actions]] needs number and name") from None
    if not actions:
        raise fail("no [[actions]]")
    if len({a.number for a in actions}) != len(actions):
        raise fail("action numbers repeat")
    components = []
    for item in data.get("components", []):
        weight = item.get("weight")
        if weight is not None:
            weight = float(weight)
            if not (0 <= weight <= 1) or math.isnan(weight):
                raise fail(f"weight of component {item.get('code')} must be a fraction 0-1")
        try:
            components.append(
                Component(
                    code=str(item["code"]),
                    name=str(item["name"]),
                    name_en=str(item.get("name_en", item["name"])),
                    aliases=tuple(str(a).lower() for a in item.get("aliases", [])),
                    weight=weight,
                )
            )
        except KeyError:
            raise fail("each [[components]] needs code and name") from None
    weights = [c.weight for c in components if c.weight is not None]
    if weights and len(weights) != len(components):
        raise fail("either every component has a weight or none has")
    if weights and abs(sum(weights) - 1) > 1e-6:
        raise fail("component weights must sum to 1")
    scales: dict[str, Scale] = {}
    for name, item in data.get("scales", {}).items():
        kind = item.get("kind")
        if kind == "range":
            scales[name] = Scale(name, "range", float(item["min"]), float(item["max"]), confirmed=bool(item.get("confirmed", True)))
        elif kind == "letter":
            grades = {str(k).upper(): float(v) for k, v in item.get("grades", {}).items()}
            if not grades:
                raise fail(f"letter scale {name} has no grades")
            scales[name] = Scale(
                name,
                "letter",
                float(item.get("min", min(grades.values()))),
                float(item.get("max", max(grades.values()))),
                grades=grades,
                confirmed=bool(item.get("confirmed", True)),
            )
        else:
            raise fail(f"scale {name}: kind must be 'range' or 'letter'")
    indicators = []
    for item in data.get("indicators", []):
        code = item.get("code")
        if not isinstance(code, str) or not re.fullmatch(r"\d+\.\d+", code):
            raise fail(f"indicator code {code!r} must be text like \"1.1\"")
        indicators.append(Indicator(code, int(item.get("action", code.split(".")[0])), item.get("scale"), str(item.get("text", ""))))
    layout_scales = {str(k): str(v) for k, v in data.get("layout_scales", {}).items()}
    instrument = Instrument(
        year_assessed=year,
        period=int(period) if period is not None else None,
        status=str(data.get("status", "unconfirmed")),
        sources=tuple(str(s) for s in data.get("sources", [])),
        combine=combine,
        actions=tuple(sorted(actions, key=lambda a: a.number)),
        components=tuple(components),
        scales=scales,
        layout_scales=layout_scales,
        indicators=tuple(indicators),
        path=path,
    )
    for layout, name in layout_scales.items():
        try:
            instrument.scale(name)
        except KeyError:
            raise fail(f"layout_scales.{layout} names unknown scale {name!r}") from None
    for indicator in indicators:
        if indicator.scale is not None:
            try:
                instrument.scale(indicator.scale)
            except KeyError:
                raise fail(f"indicator {indicator.code} names unknown scale {indicator.scale!r}") from None
    return instrument
