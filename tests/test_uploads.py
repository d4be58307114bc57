"""Hostile and odd uploads, built here, small and fast: each is refused
before any reader parses it (or read correctly), with a message naming the
file and saying what to do; memory of the guard stays small."""

from __future__ import annotations

import io
import tomllib
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from kp2s_dashboard.export import tables as export
from kp2s_dashboard.sheets import uploads
from kp2s_dashboard.assessment import summary as sa
from kp2s_dashboard.errors import DataError
from kp2s_dashboard.prevalence.loader import load_prevalence, values_for

PROJECT = Path(__file__).resolve().parent.parent
MB = uploads.MB
GOOD_CSV = "Kabupaten/Kota,SSGI 2022\nTanah Laut,24.6\nTapin,–\n"
SHEET_HEAD = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
SHEET_TAIL = b"</sheetData></worksheet>"


def _xlsx(rows=(("Kabupaten/Kota", "SSGI 2022"), ("Tanah Laut", 24.6)), title="Data") -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(list(row))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _xlsx_replacing(parts: dict, extra: dict | None = None) -> bytes:
    """A real openpyxl workbook whose parts in ``parts`` are replaced by
    callables writing into the zip stream (so a big part is never held
    whole in memory) and with ``extra`` parts added."""
    src = zipfile.ZipFile(io.BytesIO(_xlsx()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            if info.filename in parts:
                with z.open(info.filename, "w", force_zip64=True) as f:
                    parts[info.filename](f)
            else:
                z.writestr(info.filename, src.read(info.filename))
        for name, write in (extra or {}).items():
            with z.open(name, "w", force_zip64=True) as f:
                write(f) if callable(write) else f.write(write)
    return out.getvalue()


def _sheet_writer(n_rows: int, n_cols: int, refs: bool):
    def write(f):
        f.write(SHEET_HEAD)
        if refs:
            cols = [chr(ord("A") + c) for c in range(n_cols)]
            for r in range(1, n_rows + 1):
                f.write(f'<row r="{r}">'.encode() + b"".join(
                    f'<c r="{c}{r}"><v>{r}</v></c>'.encode() for c in cols) + b"</row>")
        else:
            row = b"<row>" + b"<c><v>1</v></c>" * n_cols + b"</row>"
            block = row * 1000
            for _ in range(n_rows // 1000):
                f.write(block)
        f.write(SHEET_TAIL)
    return write


def _refused(name, data, key, lim=None, **kw) -> DataError:
    with pytest.raises(DataError) as info:
        uploads.check_upload(name, data, lim, **kw)
    err = info.value
    assert err.key == key, (err.key, str(err))
    assert err.location.file == name
    assert str(err).startswith(f"file {name}")
    assert err.render("id").startswith(f"berkas {name}")
    return err


@pytest.fixture
def no_reader(monkeypatch):
    """Make any reader call fail the test: the guard must refuse first."""
    def boom(*a, **k):
        raise AssertionError("a reader was called on a file the guard should have refused")
    from kp2s_dashboard.assessment import checking

    monkeypatch.setattr(checking, "load_workbook", boom)
    from kp2s_dashboard.prevalence import upload

    monkeypatch.setattr(upload, "load_prevalence", boom)


# -- size ---------------------------------------------------------------------------------------
def test_150_mb_csv_is_refused_by_its_size_before_its_bytes_are_read():
    # the widget's size is checked first: no 150 MB buffer is built here
    with pytest.raises(DataError) as info:
        uploads.check_size("prevalensi_besar.csv", 150 * MB)
    assert info.value.key == "err.upload_too_large"
    assert str(info.value) == ("file prevalensi_besar.csv: the file is 150 MB; the limit is 20 MB. Upload only the "
                               "sheets needed (delete other sheets, pictures and empty rows) or split the file")
    uploads.check_size("kecil.csv", 20 * MB)  # at the limit: accepted


def test_size_limit_applies_to_the_bytes_and_is_configurable(monkeypatch, no_reader):
    data = (GOOD_CSV * 200).encode()
    _refused("p.csv", data, "err.upload_too_large", uploads.Limits(max_bytes=1000))
    monkeypatch.setenv("KP2S_UPLOAD_MAX_MB", "0.001")
    assert uploads.limits().max_bytes == 1048
    with pytest.raises(DataError) as info:
        export.check_prevalence_upload("p.csv", data)
    assert info.value.key == "err.upload_too_large" and "limit is 0" in str(info.value)


def test_streamlit_upload_limit_matches_the_guard():
    config = tomllib.loads((PROJECT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] * MB == uploads.Limits().max_bytes == 20 * MB


def test_empty_file():
    _refused("kosong.csv", b"", "err.upload_empty")


# -- zip bombs -------------------------------------------------------------------------------------
def test_zip_bomb_is_refused_from_the_central_directory(no_reader):
    # 5 million cells without addresses and no <dimension>: ~75 MB of XML in well under 1 MB
    data = _xlsx_replacing({"xl/worksheets/sheet1.xml": _sheet_writer(500_000, 10, refs=False)})
    assert len(data) < 1 * MB
    tracemalloc.start()
    try:
        with pytest.raises(DataError) as info:
            sa.check_upload("bom.xlsx", data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert info.value.key == "err.upload_zip_unpacked"
    assert "file bom.xlsx: unpacked, the workbook is" in str(info.value) and "the limit is 64 MB" in str(info.value)
    assert peak < 2 * MB  # nothing was decompressed
    lifted = uploads.Limits(max_unpacked=10**12)
    err = _refused("bom.xlsx", data, "err.upload_zip_ratio", lifted)
    assert "part xl/worksheets/sheet1.xml expands" in str(err)


def test_sheet_with_too_many_cells_is_refused_while_streaming_with_small_memory(no_reader):
    # 300,000 addressed cells (~7 MB of XML) pass the zip checks; the streaming scan stops at the cell bound
    data = _xlsx_replacing({"xl/worksheets/sheet1.xml": _sheet_writer(30_000, 10, refs=True)})
    lim = uploads.Limits(max_ratio=10**9)
    tracemalloc.start()
    try:
        err = _refused("sel_banyak.xlsx", data, "err.sheet_cells", lim)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert err.location.sheet == "Data"
    assert str(err) == ("file sel_banyak.xlsx, sheet Data: the workbook holds more than 250000 cells (the limit was "
                        "reached in this sheet): keep only the sheets and cells needed")
    assert peak < 16 * MB


def test_shared_strings_bomb(no_reader):
    def strings(f):
        f.write(b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
        item = b"<si><t>" + b"A" * 1000 + b"</t></si>"
        for _ in range(20_000):
            f.write(item)
        f.write(b"</sst>")

    data = _xlsx_replacing({}, extra={"xl/sharedStrings.xml": strings})
    assert len(data) < 200_000
    err = _refused("teks.xlsx", data, "err.upload_zip_ratio")
    assert "xl/sharedStrings.xml" in str(err)
    err = _refused("teks.xlsx", data, "err.upload_shared_strings", uploads.Limits(max_ratio=10**9))
    assert "the texts of the workbook take 19.4 MB unpacked (limit 8 MB)" in str(err)
    with pytest.raises(DataError):
        sa.check_upload("teks.xlsx", data)


# -- encrypted, damaged, mislabelled -----------------------------------------------------------------
def _cfb(*streams: str) -> bytes:
    """An OLE2/CFB header and directory entries naming ``streams`` (what a
    detector reads: the names in UTF-16LE)."""
    body = b"".join(s.encode("utf-16-le") + b"\x00\x00" + b"\x00" * (64 - 2 * len(s) - 2) for s in streams)
    return uploads.CFB_MAGIC + b"\x00" * 504 + body + b"\x00" * 512


def test_password_protected_workbook(no_reader):
    data = _cfb("Root Entry", "EncryptionInfo", "EncryptedPackage", "\x06DataSpaces")
    err = _refused("rahasia.xlsx", data, "err.upload_encrypted")
    assert str(err) == ("file rahasia.xlsx: the workbook is protected with a password: save an unprotected copy "
                        "(File → Info → Protect Workbook → remove the password, or Save As without one) and "
                        "upload that")
    with pytest.raises(DataError) as info:
        sa.check_upload("rahasia.xlsx", data)
    assert info.value.key == "err.upload_encrypted"  # not "BadZipFile: File is not a zip file"


def test_truncated_and_damaged_workbooks(no_reader):
    good = _xlsx()
    _refused("putus.xlsx", good[: len(good) // 2], "err.upload_corrupt")
    # directory intact, data damaged: found by the streaming scan, not by a reader
    damaged = bytearray(good)
    start = good.index(b"xl/worksheets/sheet1.xml") + 40
    damaged[start:start + 200] = b"\xff" * 200
    with pytest.raises(DataError) as info:
        uploads.check_upload("rusak.xlsx", bytes(damaged))
    assert info.value.key == "err.upload_corrupt"


@pytest.mark.parametrize("name, data, key", [
    ("data.xlsx", GOOD_CSV.encode(), "err.upload_is_csv"),
    ("data.xls", GOOD_CSV.encode("cp1252"), "err.upload_is_csv"),
    ("laporan.xls", b"<html><body><table><tr><td>Tanah Laut</td></tr></table></body></html>", "err.upload_is_html"),
    ("laporan.xls", b"\xef\xbb\xbf<!DOCTYPE html><html></html>", "err.upload_is_html"),
    ("laporan.xlsx", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "err.upload_is_pdf"),
    ("lama.xls", b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">',
     "err.upload_is_xml"),
    ("data.csv", None, "err.upload_is_xlsx"),
    ("data.xls", None, "err.upload_is_xlsx"),
    ("data.xlsx", _cfb("Root Entry", "Workbook"), "err.upload_is_xls"),
    ("data.xlsx", _cfb("Root Entry", "WordDocument"), "err.upload_is_binary"),
    ("data.csv", b"\x00\x01\x02\x03" * 100, "err.upload_not_text"),
])
def test_mislabelled_files_say_what_they_are(name, data, key, no_reader):
    err = _refused(name, _xlsx() if data is None else data, key)
    if key.startswith("err.upload_is_"):
        assert f"the file is named {Path(name).suffix}" in str(err)


def test_csv_named_xlsx_message():
    err = _refused("data.xlsx", GOOD_CSV.encode(), "err.upload_is_csv")
    assert str(err) == ("file data.xlsx: the file is named .xlsx but holds text (CSV), not a workbook: rename it to "
                        ".csv, or open it and save it as an Excel Workbook (.xlsx)")


def test_real_xls_is_read(tmp_path):
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook()
    ws = book.add_sheet("Data")
    for r, row in enumerate([("Kabupaten/Kota", "SSGI 2022"), ("Tanah Laut", 24.6), ("Tapin", 33.5)]):
        for c, v in enumerate(row):
            ws.write(r, c, v)
    buf = io.BytesIO()
    book.save(buf)
    assert uploads.check_upload("lama.xls", buf.getvalue()).kind == "xls"
    table = export.check_prevalence_upload("lama.xls", buf.getvalue()).table
    assert values_for(table, "ssgi", 2022).set_index("code")["value_pct"].to_dict() == {"6301": 24.6, "6305": 33.5}


def test_fake_xls_with_xls_signature_but_broken(no_reader):
    err = _refused("palsu.xls", _cfb("Root Entry", "Workbook"), "err.upload_corrupt")
    assert "damaged or incomplete" in str(err)


# -- CSV encodings -----------------------------------------------------------------------------------
@pytest.mark.parametrize("codec, found", [("utf-16", "UTF-16"), ("utf-16-le", "UTF-16"), ("utf-16-be", "UTF-16"),
                                          ("cp1252", "Windows-1252"), ("utf-8-sig", None), ("utf-8", None)])
def test_csv_encodings_are_read_and_named(codec, found):
    data = GOOD_CSV.encode(codec)
    result = export.check_prevalence_upload("p.csv", data)
    assert values_for(result.table, "ssgi", 2022).set_index("code")["value_pct"].to_dict() == {"6301": 24.6}
    assert result.values_missing == 1  # "–" read as the en dash (no data), in every encoding
    notes = [w for w in result.warnings if w.key == "warn.csv_encoding"]
    if found is None:
        assert notes == []
    else:
        assert notes[0].render("en") == (f"file p.csv: the file is not UTF-8 and was read as {found}; check accented "
                                         "letters. To be sure, save it as 'CSV UTF-8'")


def test_decode_text_prefers_utf8_then_windows_1252():
    assert uploads.decode_text("Café ’".encode("utf-8"), "a.csv") == ("Café ’", "UTF-8")
    assert uploads.decode_text("Café ’".encode("cp1252"), "a.csv") == ("Café ’", "Windows-1252")
    assert uploads.decode_text(b"\xef\xbb\xbfA", "a.csv") == ("A", "UTF-8 (BOM)")


# -- rows, columns, cells ------------------------------------------------------------------------------
def test_csv_over_50000_rows_is_refused_at_the_bound(tmp_path):
    lines = ["Kabupaten/Kota,SSGI 2022"] + ["Tanah Laut,24.6"] * 50_000
    path = tmp_path / "panjang.csv"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(DataError) as info:
        load_prevalence(path)
    assert info.value.key == "err.sheet_rows"
    assert str(info.value) == ("file panjang.csv: the sheet has data past row 50000, the most rows read: delete the "
                               "rows not needed or split the sheet")


def test_row_bound_is_configurable_and_applies_to_files_in_force(tmp_path, monkeypatch):
    monkeypatch.setenv("KP2S_MAX_ROWS", "10")
    path = tmp_path / "p.csv"
    path.write_text("Kabupaten/Kota,SSGI 2022\nTanah Laut,24.6\n" + ",\n" * 9)  # 11 rows
    with pytest.raises(DataError) as info:
        load_prevalence(path)
    assert info.value.key == "err.sheet_rows" and "past row 10," in str(info.value)
    path.write_text("Kabupaten/Kota,SSGI 2022\nTanah Laut,24.6\n" + ",\n" * 8)  # 10 rows: read
    assert values_for(load_prevalence(path).table, "ssgi", 2022)["value_pct"].tolist() == [24.6]


def test_xlsx_value_below_row_50000_is_refused_naming_the_sheet(no_reader):
    wb = Workbook()
    ws = wb.active
    ws.title = "Prevalensi"
    ws["A1"] = "Kabupaten/Kota"
    ws["A50001"] = "Tanah Laut"
    buf = io.BytesIO()
    wb.save(buf)
    err = _refused("tinggi.xlsx", buf.getvalue(), "err.sheet_rows")
    assert err.location.sheet == "Prevalensi" and "past row 50000" in str(err)
    with pytest.raises(DataError) as info:
        sa.check_upload("tinggi.xlsx", buf.getvalue())
    assert info.value.key == "err.sheet_rows"


def test_50000_row_sheet_within_the_bound_is_scanned_quickly():
    data = _xlsx_replacing({"xl/worksheets/sheet1.xml": _sheet_writer(50_000, 2, refs=True)})
    assert uploads.check_upload("pas.xlsx", data).kind == "xlsx"  # 100,000 cells: within every bound


def test_16384_columns(tmp_path, no_reader):
    wb = Workbook()
    ws = wb.active
    ws["A1"] = "Kabupaten/Kota"
    ws["XFD1"] = "SSGI 2022"
    buf = io.BytesIO()
    wb.save(buf)
    err = _refused("lebar.xlsx", buf.getvalue(), "err.sheet_cols")
    assert str(err) == ("file lebar.xlsx, sheet Sheet: the sheet has data up to column XFD; only 200 columns (up to "
                        "GR) are read: delete the columns not needed")
    path = tmp_path / "lebar.csv"
    path.write_text(",".join(["Kabupaten/Kota"] + [f"SSGI {2000 + i % 20}" for i in range(16_383)]) + "\n")
    with pytest.raises(DataError) as info:
        load_prevalence(path)
    assert info.value.key == "err.sheet_cols" and "column XFD" in str(info.value)


def test_styled_empty_cells_far_away_do_not_count_as_data():
    wb = Workbook()
    ws = wb.active
    ws.append(["Kabupaten/Kota", "SSGI 2022"])
    ws["AZ200000"].number_format = "0.0"
    buf = io.BytesIO()
    wb.save(buf)
    assert uploads.check_upload("jauh.xlsx", buf.getvalue()).kind == "xlsx"


def test_ods_with_repeated_rows_is_refused_before_calamine_expands_them(tmp_path):
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
        '<table:table table:name="Data"><table:table-row><table:table-cell office:value-type="string">'
        '<text:p>Kabupaten/Kota</text:p></table:table-cell></table:table-row>'
        '<table:table-row table:number-rows-repeated="1000000"><table:table-cell office:value-type="float" '
        'office:value="1" table:number-columns-repeated="100"/></table:table-row>'
        '</table:table></office:spreadsheet></office:body></office:document-content>'
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    err = _refused("ulang.ods", buf.getvalue(), "err.sheet_cells")
    assert err.location.sheet == "Data"
    path = tmp_path / "ulang.ods"
    path.write_bytes(buf.getvalue())
    with pytest.raises(DataError) as info:
        load_prevalence(path)  # the reader scans too, for files in force
    assert info.value.key == "err.sheet_cells"
    _refused("ulang.xlsx", buf.getvalue(), "err.upload_is_ods")


def test_external_workbook_links(no_reader):
    link = (b'<?xml version="1.0"?><externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            b'<externalBook><sheetNames><sheetName val="Sheet1"/></sheetNames></externalBook></externalLink>')
    data = _xlsx_replacing({}, extra={"xl/externalLinks/externalLink1.xml": link})
    err = _refused("tautan.xlsx", data, "err.upload_external_links")
    assert "other workbook(s) (e.g. [1]Sheet1!A1)" in str(err) and "Break Link" in str(err)


def test_too_many_parts(no_reader):
    data = _xlsx_replacing({}, extra={f"xl/media/image{i}.png": b"x" for i in range(1001)})
    err = _refused("banyak.xlsx", data, "err.upload_zip_entries")
    assert "holds 1010 parts; the limit is 1000" in str(err) or "parts; the limit is 1000" in str(err)


# -- nothing else breaks -----------------------------------------------------------------------------
def test_good_files_pass_after_refusals():
    for bad in (b"", _cfb("EncryptionInfo"), GOOD_CSV.encode()):
        with pytest.raises(DataError):
            uploads.check_upload("x.xlsx", bad)
    result = export.check_prevalence_upload("baik.xlsx", _xlsx())
    assert values_for(result.table, "ssgi", 2022)["value_pct"].tolist() == [24.6]
    assert sa.check_upload("templat.xlsx", sa.template_bytes(2025, "rekap")).report.ok


def test_freed_memory_is_given_back_to_the_system():
    from kp2s_dashboard.web import memory

    if memory._malloc_trim() is None:
        pytest.skip("no glibc malloc_trim here")
    before = memory.rss_mb()
    # an upload's parsed objects (above malloc's mmap threshold: on the heap), then a small object
    # allocated later and still alive (another session): freeing the first does not shrink the heap
    junk = [bytes(2000) + str(i).encode() for i in range(50_000)]
    keep = [bytes(2000) for _ in range(10)]
    grown = memory.rss_mb()
    del junk
    held = memory.rss_mb()
    memory.trim(collect=False)
    after = memory.rss_mb()
    assert grown - before > 50 and held - before > 50  # glibc kept the freed pages
    assert after - before < 20  # trimmed: back to the system
    assert len(keep) == 10
    assert memory.start_trimmer(3600) in (True, False) and memory.start_trimmer(3600) is False
