"""The Kelola data page (issue 9 point 2) and its pure parts: the preview of
changes (store/diff.py), the upload check (store/publishing.py), and the page
signed out and signed in: publish a corrected prevalence CSV, the Data page
shows the new figure, restore brings the old one back, warnings need a
confirmation, errors block publishing, five wrong passwords lock out."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from kp2s_dashboard import paths
from kp2s_dashboard.store import publishing
from kp2s_dashboard.store.diff import prevalence_changes, summarise
from tests.store_fixtures import PASSWORD, env  # noqa: F401  (the fixture)

APP = str(Path(__file__).resolve().parent.parent / "app.py")
OLD = "6301,Tanah Laut,2024,ssgi,stunting,22.5,"
NEW = "6301,Tanah Laut,2024,ssgi,stunting,19.5,"
ORIGINAL = (paths.DATA_DIR / "prevalence.csv").read_bytes()
CORRECTED = ORIGINAL.decode("utf-8").replace(OLD, NEW, 1).encode("utf-8")


def _row(code, year, source, value):
    return {"code": code, "year": year, "source": source, "indicator": "stunting", "value_pct": value}


def test_prevalence_changes_new_changed_removed():
    old = pd.DataFrame([_row("6301", 2024, "ssgi", 22.5), _row("6302", 2024, "ssgi", 30.0),
                        _row("6303", 2023, "ski", 25.0)])
    new = pd.DataFrame([_row("6301", 2024, "ssgi", 19.5), _row("6302", 2024, "ssgi", 30.0),
                        _row("6304", 2024, "ssgi", 18.2)])
    changes = prevalence_changes(old, new)
    got = [(r.code, r.year, r.source, r.change, None if pd.isna(r.old) else r.old,
            None if pd.isna(r.new) else r.new) for r in changes.itertuples()]
    assert got == [("6301", 2024, "ssgi", "changed", 22.5, 19.5), ("6303", 2023, "ski", "removed", 25.0, None),
                   ("6304", 2024, "ssgi", "new", None, 18.2)]
    assert summarise(changes) == {"new": 1, "changed": 1, "removed": 1}
    assert prevalence_changes(old, old).empty
    assert summarise(prevalence_changes(None, new)) == {"new": 3, "changed": 0, "removed": 0}


def test_check_prevalence_reports_errors_with_the_file_name():
    bad = b"code,region,year,source,indicator,value_pct\n6301,Tanah Laut,2024,ssgi,stunting,abc\n"
    c = publishing.check_prevalence("koreksi.csv", bad, None)
    assert not c.publishable and c.errors
    assert "koreksi.csv" in c.errors[0].render("en")
    good = publishing.check_prevalence("koreksi.csv", CORRECTED, publishing_table(ORIGINAL))
    assert good.publishable and good.counts == {"new": 0, "changed": 1, "removed": 0}
    assert good.report()["changes"] == {"new": 0, "changed": 1, "removed": 0}


def publishing_table(content: bytes) -> pd.DataFrame:
    return publishing.check_prevalence("prevalence.csv", content, None).tables["prevalence"]


def kelola(lang="en") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["lang"] = lang
    at.switch_page("pages/kelola.py")
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def sign_in(at: AppTest, password: str = PASSWORD) -> AppTest:
    at.text_input(key="auth_user").input("budi")
    at.text_input(key="auth_password").input(password)
    [submit] = [b for b in at.button if b.label == "Sign in"]
    submit.click().run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def texts(at) -> str:
    parts = [x.value for x in [*at.markdown, *at.caption, *at.success, *at.error, *at.warning, *at.info, *at.text]]
    return "\n".join(str(p) for p in parts)


def test_signed_out_shows_versions_but_no_upload_or_publish(env):
    env.publish("prevalence", "prevalence.csv", ORIGINAL, "budi", "baseline")
    at = kelola()
    assert len(at.file_uploader) == 0
    labels = {b.label for b in at.button}
    assert "Publish" not in labels and "Restore" not in labels
    assert "Sign in" in labels
    assert "Sign in as an editor to upload, publish or restore data." in texts(at)
    versions = at.dataframe[0]
    assert list(versions.value["Comment"]) == ["baseline"]
    assert "Audit log" not in [h.value for h in at.header]


def test_editor_publishes_a_correction_the_data_page_sees_it_and_restore_brings_the_old_back(env):
    v1 = env.publish("prevalence", "prevalence.csv", ORIGINAL, "budi", "baseline")
    at = sign_in(kelola())
    assert "Signed in as Budi Santoso (budi)" in texts(at)
    at.file_uploader(key="kelola_upload_prevalence").set_value(("koreksi.csv", CORRECTED, "text/csv")).run()
    assert not at.exception, [e.message for e in at.exception]
    assert "New: 0 · changed: 1 · removed: 0" in texts(at)
    preview = at.dataframe[0].value
    assert preview.to_dict("records") == [{"District": "Tanah Laut", "Year": "2024", "Figure": "SSGI · Stunting (HAZ < −2 SD)",
                                           "Change": "changed", "Old": "22.5", "New": "19.5"}]
    publish = at.button(key="kelola_publish")
    assert publish.disabled  # no comment yet
    at.text_input(key="kelola_comment").input("SSGI 2024 Tanah Laut corrected").run()
    at.button(key="kelola_publish").click().run()
    assert not at.exception, [e.message for e in at.exception]
    v2 = env.in_force("prevalence")
    assert v2.id == v1.id + 1 and v2.comment == "SSGI 2024 Tanah Laut corrected" and v2.created_by == "budi"
    assert v2.report["changes"] == {"new": 0, "changed": 1, "removed": 0}
    assert f"Version {v2.id} is published" in texts(at)
    assert "publish" in [e.event for e in env.audit_log()]

    assert _data_page_figure() == 19.5

    at.selectbox(key="kelola_restore_which").set_value(v1.id)
    at.text_input(key="kelola_restore_comment").input("back to the survey report").run()
    at.button(key="kelola_restore").click().run()
    assert not at.exception, [e.message for e in at.exception]
    v3 = env.in_force("prevalence")
    assert (v3.id, v3.restored_from, v3.created_by) == (v2.id + 1, v1.id, "budi")
    assert _data_page_figure() == 22.5
    audit = [h.value for h in at.header]
    assert "Audit log" in audit
    events = set(at.dataframe[-1].value["Event"])
    assert {"signed in", "published", "older version restored"} <= events


def _data_page_figure() -> float:
    """Tanah Laut SSGI 2024 stunting as the Data page shows it to a viewer
    (a new session, not signed in)."""
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["lang"] = "en"
    at.switch_page("pages/data.py")
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    table = at.dataframe[0].value
    row = table[(table.iloc[:, 1] == "6301") & (table.iloc[:, 2] == 2024) & (table.iloc[:, 3] == "SSGI")
                & (table.iloc[:, 4].str.lower().str.contains("stunting"))]
    assert len(row) == 1, table.head()
    return float(row.iloc[0, 5])


def test_errors_block_publishing_and_warnings_need_confirmation(env):
    at = sign_in(kelola())
    bad = b"code,region,year,source,indicator,value_pct\n6301,Tanah Laut,2024,ssgi,stunting,abc\n"
    at.file_uploader(key="kelola_upload_prevalence").set_value(("rusak.csv", bad, "text/csv")).run()
    assert "cannot be published" in texts(at)
    assert "rusak.csv" in texts(at)
    assert not [b for b in at.button if b.key == "kelola_publish"]

    noted = CORRECTED + b"Sumber: SSGI 2024\n"
    at.file_uploader(key="kelola_upload_prevalence").set_value(("catatan.csv", noted, "text/csv")).run()
    assert not at.exception, [e.message for e in at.exception]
    assert "Warnings: 1; read them before publishing:" in texts(at)
    assert "file catatan.csv, row 93, column A: note row ignored: 'Sumber: SSGI 2024'" in texts(at)
    at.text_input(key="kelola_comment").input("with a note row").run()
    assert at.button(key="kelola_publish").disabled
    at.checkbox(key="kelola_confirm").check().run()
    assert not at.button(key="kelola_publish").disabled
    at.button(key="kelola_publish").click().run()
    assert env.in_force("prevalence").comment == "with a note row"
    assert env.in_force("prevalence").report["warnings"]


def test_five_wrong_passwords_lock_out_on_the_page(env):
    at = kelola()
    for _ in range(4):
        sign_in(at, "salah-salah")
        assert "Wrong user name or password." in texts(at)
    sign_in(at, "salah-salah")
    assert "Too many failed sign-in attempts" in texts(at)
    sign_in(at, PASSWORD)
    assert "Too many failed sign-in attempts" in texts(at)
    assert len(at.file_uploader) == 0
    assert [e.who for e in env.audit_log(event_name="sign_in_failed")] == ["budi"] * 5


def test_page_in_indonesian(env):
    at = kelola("id")
    assert at.title[0].value == "Kelola data"
    assert "Masuk sebagai penyunting untuk mengunggah, menerbitkan atau memulihkan data." in texts(at)


def test_a_fresh_installation_says_how_the_first_editor_is_made(tmp_path, monkeypatch):
    """Kelola data on an installation without any editor tells the administrator the command; once an
    editor exists the hint is gone."""
    from kp2s_dashboard import auth

    monkeypatch.setenv("KP2S_STORE", str(tmp_path / "kp2s.sqlite"))
    creds = tmp_path / "credentials.yaml"
    monkeypatch.setenv("KP2S_CREDENTIALS", str(creds))
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["lang"] = "en"
    at.switch_page("pages/kelola.py")
    at.run()
    hint = [i.value for i in at.info if "No editor exists yet" in i.value]
    assert hint and "add-editor USER" in hint[0] and str(creds) in hint[0]
    auth.add_editor("budi", "Budi Santoso", "benar-sekali-123", path=creds)
    at.run()
    assert not [i for i in at.info if "No editor exists yet" in i.value]


def test_a_partial_file_that_removes_most_figures_needs_a_confirmation():
    """A file holding only a few rows of the table in force would take most figures off every page: a warning
    (which the page asks the editor to confirm) says how many; a correction that removes nothing or a few does not."""
    in_force = publishing_table(ORIGINAL)
    header, *lines = ORIGINAL.decode("utf-8").splitlines()
    partial = "\n".join([header, *lines[:3]]).encode("utf-8")
    c = publishing.check_prevalence("sebagian.csv", partial, in_force)
    assert c.publishable and c.counts["removed"] == len(in_force) - 3
    (warning,) = [w for w in c.warnings if w.key == "kelola.removes_most"]
    assert warning.params == {"removed": len(in_force) - 3, "total": len(in_force)}
    assert "sebagian.csv" in warning.render("id") and f"{len(in_force) - 3} dari {len(in_force)}" in warning.render("id")
    fewer = "\n".join([header, *lines[:-2]]).encode("utf-8")  # two rows less
    c = publishing.check_prevalence("koreksi.csv", fewer, in_force)
    assert c.counts["removed"] == 2 and not [w for w in c.warnings if w.key == "kelola.removes_most"]
    good = publishing.check_prevalence("koreksi.csv", CORRECTED, in_force)
    assert not [w for w in good.warnings if w.key == "kelola.removes_most"]
