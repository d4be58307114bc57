"""Issue 15 item 7: the notes of the data files (our own sentences about the
figures, written in English) are data in both languages and reach the user
in the UI's language; only an untranslated note (a file an editor uploaded
with one language) is shown in the other language, quoted and marked."""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from collections import namedtuple
from pathlib import Path

import pandas as pd
import pytest

from kp2s_dashboard import safetext
from kp2s_dashboard.assessment import load_published_results
from kp2s_dashboard.assessment.tables import published_table
from kp2s_dashboard.districts import profile
from kp2s_dashboard.figures import progress as fp
from kp2s_dashboard.figures.prevalence import trend
from kp2s_dashboard.i18n import source_note, source_notes
from kp2s_dashboard.prevalence import progress, summary
from kp2s_dashboard.prevalence.loader import load_prevalence
from kp2s_dashboard.prevalence.targets import load_targets, targets_for
from kp2s_dashboard.store import kinds

DATA = Path(__file__).resolve().parents[1] / "data"

#: (file, English column, Indonesian column) of every note a user can see.
NOTE_COLUMNS = [("prevalence.csv", "note", "note_id"), ("targets.csv", "basis", "basis_id"),
                ("kp2s_results.csv", "category", "category_id")]
ORIGINAL = "kutipan asli"


def rows_of(name: str) -> list[dict]:
    with open(DATA / name, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def digits(text: str) -> Counter:
    """The numbers of a note as digit runs (``19.2`` and ``19,2`` alike, ``2,440`` and ``2.440`` alike)."""
    return Counter(re.findall(r"\d+", text))


def domains(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\b", text.lower()))


@pytest.mark.parametrize(("name", "english", "indonesian"), NOTE_COLUMNS)
def test_every_note_in_data_has_both_languages(name, english, indonesian):
    rows = rows_of(name)
    assert rows and indonesian in rows[0], f"{name} has no column {indonesian}"
    for line, row in enumerate(rows, start=2):
        en, id_ = row[english].strip(), row[indonesian].strip()
        assert bool(en) == bool(id_), f"{name} line {line}: a note in one language only"
        # the translation keeps every number, site and conflict mark of the note
        assert digits(en) == digits(id_), f"{name} line {line}: numbers differ: {en!r} / {id_!r}"
        assert domains(en) == domains(id_), f"{name} line {line}: sites differ"
        assert en.count("CONFLICT") == id_.count("KONFLIK"), f"{name} line {line}: conflict mark"
    assert any(r[english] != r[indonesian] for r in rows)  # translated, not copied


def test_some_notes_read_in_indonesian():
    prevalence = {(r["code"], r["year"], r["source"], r["indicator"]): r for r in rows_of("prevalence.csv")}
    ssgi = prevalence[("00", "2024", "ssgi", "stunting")]
    assert ssgi["note"].startswith("released 26 May 2025")
    assert ssgi["note_id"] == ("dirilis 26 Mei 2025; juga metrotvnews.com dan databoks EN; 2 provinsi "
                               "(Papua Tengah, Papua Pegunungan) tidak memiliki estimasi")
    assert prevalence[("6309", "2020", "eppgbm", "stunting")]["note_id"] == "bulan tidak disebutkan"
    assert prevalence[("6301", "2022", "eppgbm", "stunting")]["note_id"] == (
        "1.305 dari 24.392 balita; bulan tidak disebutkan")  # thousands written the Indonesian way
    tabalong = [r for r in rows_of("kp2s_results.csv") if r["bps_code"] == "6309" and r["year_assessed"] == "2019"]
    assert tabalong[0]["category_id"] == ("peringkat KP2S tingkat Provinsi Kalsel (dilaporkan sendiri oleh Dinkes "
                                          "Tabalong, artikel 2021)")


# -- the one function -------------------------------------------------------------------------------------
def test_source_note_picks_the_language_and_marks_only_an_untranslated_note():
    both = {"note": "month not stated", "note_id": "bulan tidak disebutkan"}
    assert source_note(both, "id") == "bulan tidak disebutkan"
    assert source_note(both, "en") == "month not stated"
    english_only = {"note": "month not stated", "note_id": ""}
    assert source_note(english_only, "id") == (
        "“month not stated” (kutipan asli, belum diterjemahkan)")
    assert source_note(english_only, "en") == "month not stated"
    indonesian_only = {"note": float("nan"), "note_id": "bulan tidak disebutkan"}
    assert source_note(indonesian_only, "en") == (
        "“bulan tidak disebutkan” (original in Bahasa Indonesia; not translated)")
    assert source_note({"note": " "}, "id") == source_note({}, "en") == source_note(None, "id") == ""
    # a Series, a named tuple (itertuples) and a Target alike; the basis of a target
    Row = namedtuple("Row", "note note_id")
    assert source_note(pd.Series(both), "id") == source_note(Row(**both), "id") == "bulan tidak disebutkan"
    target = progress.Target("00", 2045, 5.0, "RPJPN 2025–2045", basis="RPJPN 2025-2045 target",
                             basis_id="target RPJPN 2025-2045")
    assert source_note(target, "id", "basis") == "target RPJPN 2025-2045"
    assert source_note(target, "en", "basis") == "RPJPN 2025-2045 target"
    frame = pd.DataFrame({"basis": ["a", "b"]}, index=[3, 7])  # no basis_id column at all
    assert source_notes(frame, "id", "basis").tolist() == [
        "“a” (kutipan asli, belum diterjemahkan)",
        "“b” (kutipan asli, belum diterjemahkan)"]
    assert source_notes(frame, "en", "basis").index.tolist() == [3, 7]


# -- the tables of the Data and Aksi pages, the Target export, the trend hover ----------------------------
def test_data_tables_show_the_note_in_the_ui_language():
    table = load_prevalence(DATA / "prevalence.csv").table
    for lang, header, want in [("id", "Catatan sumber", "dirilis 26 Mei 2025; juga"),
                               ("en", "Source note", "released 26 May 2025; also")]:
        shown = summary.display_prevalence(table, lang)
        assert header in shown.columns
        national = shown[(shown.iloc[:, 1] == "00") & (shown.iloc[:, 2] == 2024) & (shown.iloc[:, 3] == "SSGI")]
        assert national[header].iloc[0].startswith(want)
        assert not shown.astype(str).apply(lambda c: c.str.contains(ORIGINAL)).any().any()
        assert not any(ORIGINAL in str(c) or "quoted as written" in str(c) for c in shown.columns)
    targets = load_targets(DATA / "targets.csv")
    shown = summary.display_targets(targets, "id")
    assert "target akhir periode RPJMN 2025-2029 (Bappenas; ditegaskan kembali oleh Wapres Nov 2025 dan Menkes " \
           "Mei 2025)" in set(shown["Keterangan sumber"])
    assert "RPJMN 2025-2029 end-of-period target (Bappenas; restated by Wapres Nov 2025 and Menkes May 2025)" in set(
        summary.display_targets(targets, "en")["Source's details"])


def test_published_results_table_and_profile_lines_in_both_languages():
    published = load_published_results()
    shown = published_table(published, "national", "id")
    assert list(shown["Keterangan sumber"]) == [
        "NASIONAL: penghargaan Kemendagri 'kabupaten/kota berkinerja baik', 1 dari 6 secara nasional (Rakornas PPS "
        "2025-11-12); bukan pemeringkatan",
        "NASIONAL: apresiasi Ditjen Bina Bangda, 1 dari 10 kabupaten/kota yang menuntaskan tahapan aksi konvergensi "
        "(Bali, 2020-11-12); bukan pemeringkatan"]
    assert published_table(published, "provincial", "en")["What the source says"].str.contains(
        "self-reported by Dinkes Tabalong").any()
    lines = profile.history_lines(profile.assessment_history(published.table, "6309"), "id")
    assert safetext.markdown("peringkat KP2S tingkat Provinsi Kalsel (dilaporkan sendiri oleh Dinkes Tabalong, "
                             "artikel 2021)") in lines[-1]
    assert not any(ORIGINAL in line for line in lines)


def test_target_export_sources_and_trend_hover_in_the_ui_language():
    prevalence = load_prevalence(DATA / "prevalence.csv").table
    targets = load_targets(DATA / "targets.csv")
    near, far = progress.default_targets(targets)
    options = progress.SeriesOptions()
    lines_id = fp.target_sources(prevalence, near, far, options, "id")
    lines_en = fp.target_sources(prevalence, near, far, options, "en")
    assert any("target akhir periode RPJMN 2025-2029" in line for line in lines_id)
    assert not any("end-of-period" in line or ORIGINAL in line for line in lines_id)
    assert any("RPJMN 2025-2029 end-of-period target" in line for line in lines_en)
    fig = trend(prevalence, ["63"], targets_for(targets, "63"), "id")
    hover = json.dumps([trace.customdata for trace in fig.data if trace.customdata is not None], default=str)
    assert "lintasan target provinsi BKKBN Kalsel (RAN-PASTI)" in hover and "provincial trajectory" not in hover


# -- uploads: the Indonesian column is optional and kept ---------------------------------------------------
def test_a_prevalence_file_without_the_indonesian_note_still_reads_and_is_marked(tmp_path):
    path = tmp_path / "prev.csv"
    path.write_text("code,year,source,indicator,value_pct,note\n6301,2024,ssgi,stunting,22.5,month not stated\n",
                    encoding="utf-8")
    table = load_prevalence(path).table
    assert table["note_id"].tolist() == [""]
    shown = summary.display_prevalence(table, "id")
    assert shown["Catatan sumber"].tolist() == ["“month not stated” (kutipan asli, belum diterjemahkan)"]
    assert summary.display_prevalence(table, "en")["Source note"].tolist() == ["month not stated"]
    # an office's Keterangan is the note as written (its CONFLICT figure still read); Keterangan_id its translation
    path.write_text("Kode,Tahun,Sumber,Prevalensi,Keterangan,Keterangan_id\n"
                    "6301,2024,SSGI,22.5,CONFLICT: BKKBN quoted 23.1,\"KONFLIK: BKKBN menyebut 23,1\"\n", encoding="utf-8")
    table = load_prevalence(path).table
    assert table["note"].tolist() == ["CONFLICT: BKKBN quoted 23.1"]
    assert table["note_id"].tolist() == ["KONFLIK: BKKBN menyebut 23,1"]
    assert progress.alternative_values(table["note"].iloc[0], 22.5) == (23.1,)
    assert summary.display_prevalence(table, "id")["Catatan sumber"].tolist() == ["KONFLIK: BKKBN menyebut 23,1"]
    path.write_text("code,year,source,value_pct,note,note_id\n6301,2024,ssgi,22.5,a note,sebuah catatan\n",
                    encoding="utf-8")
    table = load_prevalence(path).table
    assert (table["note"].tolist(), table["note_id"].tolist()) == (["a note"], ["sebuah catatan"])


def _check(kind: str, name: str, text: str) -> kinds.Candidate:
    return kinds.check(kind, name, text.encode("utf-8"), kinds.Context(), None)


def test_kelola_accepts_targets_and_published_results_with_or_without_the_indonesian_column():
    head = "code,year,target_pct,label,basis,source_url\n"
    row = "00,2029,14.2,RPJMN 2025–2029,end-of-period target,https://example.org/a\n"
    plain = _check("targets", "targets.csv", head + row)
    assert plain.publishable and plain.tables["targets"]["basis_id"].tolist() == [""]
    both = _check("targets", "targets.csv", head.replace("basis,", "basis,basis_id,")
                  + row.replace("target,", "target,target akhir periode,"))
    assert both.publishable and both.tables["targets"]["basis_id"].tolist() == ["target akhir periode"]
    assert source_note(progress.Target.from_row(both.tables["targets"].iloc[0]), "id", "basis") == (
        "target akhir periode")
    head = "year_assessed,period,bps_code,district_name,rank,score,category,source_url\n"
    row = "2025,2024,6305,Kabupaten Tapin,1,,first in the province,https://example.org/a\n"
    plain = _check("published", "kp2s_results.csv", head + row)
    assert plain.publishable and plain.tables["published"]["note_id"].tolist() == [""]
    both = _check("published", "kp2s_results.csv", head.replace("\n", ",category_id\n")
                  + row.replace("\n", ",pertama di provinsi\n"))
    assert both.publishable and both.tables["published"]["note_id"].tolist() == ["pertama di provinsi"]


def test_kelola_names_the_optional_indonesian_column_of_each_kind():
    from kp2s_dashboard.i18n import t

    for kind, column in [("prevalence", "note_id"), ("targets", "basis_id"), ("published", "category_id")]:
        key = kinds.spec(kind).columns_key
        assert column in t(key, "id") and "opsional" in t(key, "id")
        assert column in t(key, "en") and "optional" in t(key, "en")
    assert kinds.spec("boundaries").columns_key is None
