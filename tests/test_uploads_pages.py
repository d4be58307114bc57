"""The upload widgets of Data and Validasi with hostile files, through the
real pages: the guard's message is shown (file named, what to do), nothing
from a file is rendered as markdown or HTML, refused files are not kept."""

from __future__ import annotations

import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

from kp2s_dashboard.sheets import uploads
from kp2s_dashboard.assessment import summary as sa

APP = str(Path(__file__).resolve().parent.parent / "app.py")
IMAGE = "![x](http://host/p.png)"
TAG = "<img src=x onerror=alert(1)>"


def run(page, lang="en", **session):
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["lang"] = lang
    for key, value in session.items():
        at.session_state[key] = value
    at.switch_page(page)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def bodies(at) -> list[str]:
    """Every element body Streamlit renders as markdown."""
    out = [m.value for m in at.markdown] + [c.value for c in at.caption]
    for kind in (at.error, at.warning, at.info, at.success):
        out += [e.value for e in kind]
    return out


def assert_no_markup_from_file(texts: list[str]) -> None:
    joined = "\n".join(texts)
    assert IMAGE not in joined and "](http" not in joined  # no markdown image or link
    assert re.search(r"(?<!\\)<img", joined) is None  # no HTML tag (only "\<img", shown as text)


def test_district_written_as_markdown_image_or_html_is_shown_as_text():
    at = run("pages/data.py")
    csv = f"Kabupaten/Kota,SSGI 2022\n{IMAGE},24.6\n{TAG},20.1\nTanah Laut,24.6\n"
    at.file_uploader(key="data_check_upload").set_value(("cek.csv", csv.encode(), "text/csv")).run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert len(errors) == 1
    assert r"unknown region '\!\[x\]\(http\://host/p\.png\)'" in errors[0]
    assert r"unknown region '\<img src\=x onerror\=alert\(1\)\>'" in errors[0]
    assert r"file cek\.csv, row 2, column A" in errors[0]
    assert_no_markup_from_file(bodies(at))


def test_data_checker_refuses_a_file_over_the_size_limit(monkeypatch):
    monkeypatch.setenv("KP2S_UPLOAD_MAX_MB", "0.001")
    at = run("pages/data.py")
    big = ("Kabupaten/Kota,SSGI 2022\n" + "Tanah Laut,24.6\n" * 200).encode()
    at.file_uploader(key="data_check_upload").set_value(("besar.csv", big, "text/csv")).run()
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and r"file besar\.csv: the file is 0 MB; the limit is 0 MB" in errors[0]
    assert not at.success  # nothing was read


def test_data_checker_reads_a_utf16_csv_and_says_so():
    at = run("pages/data.py")
    data = "Kabupaten/Kota;SSGI 2022\nTanah Laut;24,6\n".encode("utf-16")
    at.file_uploader(key="data_check_upload").set_value(("unicode.csv", data, "text/csv")).run()
    assert not at.error, [e.value for e in at.error]
    assert any("read as UTF\\-16" in c.value for c in at.caption)
    shown = at.dataframe[-1].value
    assert len(shown) == 1 and shown.iloc[0].tolist().count(24.6) == 1


def test_validasi_refuses_a_password_protected_workbook_and_keeps_nothing():
    at = run("pages/validasi.py", lang="id")
    secret = uploads.CFB_MAGIC + b"\x00" * 504 + "EncryptionInfo".encode("utf-16-le") + b"\x00\x00" + b"\x00" * 512
    name = f"{IMAGE}.xlsx"
    at.file_uploader(key="val_upload_0").set_value((name, secret, "application/octet-stream")).run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert any("buku kerja dilindungi kata sandi: simpan salinan tanpa kata sandi" in e for e in errors)
    assert any(r"berkas \!\[x\]\(http\://host/p\.png\)\.xlsx" in e for e in errors)
    assert at.session_state[sa.UPLOADS_KEY] == {}
    assert_no_markup_from_file(bodies(at))


def test_validasi_keeps_an_accepted_upload_and_shows_its_name_as_text():
    at = run("pages/validasi.py")
    name = f"{TAG}.xlsx"
    at.file_uploader(key="val_upload_0").set_value((name, sa.template_bytes(2025, "rekap"), "application/x")).run()
    assert not at.exception
    assert list(at.session_state[sa.UPLOADS_KEY]) == [name]
    assert any(r"\<img src\=x onerror\=alert\(1\)\>\.xlsx" in c.value for c in at.caption)
    assert_no_markup_from_file(bodies(at))
