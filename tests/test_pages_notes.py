"""Issue 15 item 7 on the pages: Profil, Data and Aksi (published results)
show the data files' notes in the UI's language, never our own English
sentences as an Indonesian "kutipan asli". (The Target page shows a target's
basis only in its downloads: tests/test_source_notes.py checks those lines.)"""

from __future__ import annotations

import pytest
from apptest import run_page as run

from kp2s_dashboard import safetext

ORIGINAL = "kutipan asli"


def texts(at) -> str:
    out = [m.value for m in at.markdown] + [c.value for c in at.caption] + [i.value for i in at.info]
    return "\n".join(out)


def cells(at) -> str:
    """Every header and cell of every table on the page, as text."""
    out = []
    for frame in at.dataframe:
        value = frame.value
        value = getattr(value, "data", value)  # a Styler
        out += [str(c) for c in value.columns] + [str(v) for v in value.astype(str).to_numpy().ravel()]
    return "\n".join(out)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_profil_of_tabalong_and_hss(lang):
    at = run("pages/profil.py", district="6309", lang=lang)
    text = texts(at)
    own = {"id": "peringkat KP2S tingkat Provinsi Kalsel (dilaporkan sendiri oleh Dinkes Tabalong, artikel 2021)",
           "en": "KP2S Kalsel provincial rank (self-reported by Dinkes Tabalong, 2021 article)"}
    assert safetext.markdown(own[lang]) in text
    assert safetext.markdown(own["en" if lang == "id" else "id"]) not in text
    assert ORIGINAL not in text and "original in" not in text
    at = run("pages/profil.py", district="6306", lang=lang)  # a national award
    award = {"id": "NASIONAL: penghargaan Kemendagri 'kabupaten/kota berkinerja baik', 1 dari 6 secara nasional",
             "en": "NATIONAL: Kemendagri award 'kabupaten/kota berkinerja baik', 1 of 6 nationally"}
    assert safetext.markdown(award[lang]) in texts(at)
    assert ORIGINAL not in texts(at)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_data_page_tables(lang):
    at = run("pages/data.py", lang=lang)
    shown = cells(at)
    want = {"id": ["Catatan sumber", "dirilis 26 Mei 2025; juga metrotvnews.com", "bulan tidak disebutkan",
                   "Keterangan sumber", "target akhir periode RPJMN 2025-2029"],
            "en": ["Source note", "released 26 May 2025; also metrotvnews.com", "month not stated",
                   "Source's details", "RPJMN 2025-2029 end-of-period target"]}
    for text in want[lang]:
        assert text in shown, text
    for text in want["en" if lang == "id" else "id"][1:]:
        if text not in ("Keterangan sumber",):
            assert text not in shown, text
    assert ORIGINAL not in shown and "quoted as written" not in shown


@pytest.mark.parametrize("lang", ["id", "en"])
def test_aksi_published_results(lang):
    at = run("pages/aksi.py", lang=lang)
    at.radio(key="asm_view").set_value("published").run()
    shown = cells(at)
    assert {"id": "dilaporkan sendiri oleh Dinkes Tabalong", "en": "self-reported by Dinkes Tabalong"}[lang] in shown
    assert {"id": "self-reported", "en": "dilaporkan sendiri"}[lang] not in shown
    assert ORIGINAL not in shown and "quoted as written" not in shown
