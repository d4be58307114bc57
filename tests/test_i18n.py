"""The string catalogue: every key in both languages, every literal key used exists."""

import re
import string
from pathlib import Path

from kp2s_dashboard.i18n import fmt_number, fmt_pct, fmt_signed, plotly_separators, t
from kp2s_dashboard.i18n.catalogue import CATALOGUE

PROJECT = Path(__file__).resolve().parent.parent
KEY_CALL = re.compile(r"""\bt\(\s*["']([a-z][a-z0-9_.]*[a-z0-9_])["']\s*[,)]""")


def _placeholders(template: str) -> set[str]:
    """Placeholder names; a language-specific one (``bounds_id`` / ``bounds_en``,
    numbers pre-formatted per language) counts as its base name."""
    names = {name for _, name, _, _ in string.Formatter().parse(template) if name}
    return {re.sub(r"_(id|en)$", "", name) for name in names}


def test_every_entry_has_both_languages_with_the_same_placeholders():
    for key, entry in CATALOGUE.items():
        assert {"id", "en"} <= set(entry) <= {"id", "en", "id_one", "en_one"}, key
        assert entry["id"].strip() and entry["en"].strip(), key
        assert _placeholders(entry["id"]) == _placeholders(entry["en"]), key
        for form in set(entry) - {"id", "en"}:  # a singular form: same placeholders, and its count is {n}
            assert _placeholders(entry[form]) == _placeholders(entry["en"]) and "n" in _placeholders(entry[form]), key


def test_every_literal_key_used_in_the_code_exists():
    sources = list((PROJECT / "pages").glob("*.py")) + list((PROJECT / "kp2s_dashboard").rglob("*.py"))
    sources.append(PROJECT / "app.py")
    used = {}
    for path in sources:
        for key in KEY_CALL.findall(path.read_text(encoding="utf-8")):
            used.setdefault(key, path.name)
    assert len(used) > 100
    missing = {key: where for key, where in used.items() if key not in CATALOGUE}
    assert not missing, missing


def test_number_formats_per_language():
    assert fmt_number(1234.5, "id") == "1.234,5"
    assert fmt_number(1234.5, "en") == "1,234.5"
    assert fmt_pct(24.6, "id") == "24,6%" and fmt_pct(24.6, "en") == "24.6%"
    assert fmt_signed(-3.04, "id") == "−3,0" and fmt_signed(2.2, "en") == "+2.2"
    assert fmt_pct(float("nan"), "id") == "–"
    assert plotly_separators("id") == ",." and plotly_separators("en") == ".,"


def test_unknown_key_is_visible_not_an_exception():
    assert t("no.such.key", "en") == "no.such.key"
    assert t("class.no_data", "en") == "No data" and t("class.no_data", "id") == "Tidak ada data"


def test_dates_and_numbers_through_babel():
    import datetime as dt

    from kp2s_dashboard.i18n import fmt_date, fmt_number, fmt_pct

    assert fmt_date(dt.date(2025, 10, 20), "id") == "20 Oktober 2025"
    assert fmt_date(dt.date(2025, 10, 20), "en") == "20 October 2025"
    assert fmt_number(1234567.25, "id", 2) == "1.234.567,25"
    assert fmt_number(1234567.25, "en", 2) == "1,234,567.25"
    assert fmt_number(13, "id", 0) == "13"
    # rounded as plotly rounds the same float in a chart hover (%{y:.1f}), not half-up on the decimal text
    assert fmt_pct(24.65, "id") == f"{24.65:.1f}".replace(".", ",") + "%"
