"""The upload guard counts a CSV's records before any reader builds a cell
(issue 9 item 5: a 19 MB CSV of 900,000 rows cost +147 MB and 4.4 s before
the reader refused it at row 50,001)."""

from __future__ import annotations

import pytest

from kp2s_dashboard.errors import DataError
from kp2s_dashboard.sheets import cells, uploads

LIM = uploads.Limits(max_rows=1000, max_cols=20, max_cells=5000)


def test_too_many_rows_are_refused_by_the_guard_itself():
    data = b"Kabupaten/Kota,SSGI 2022\n" + b"Tanah Laut,24.6\n" * 1000  # 1001 records
    with pytest.raises(DataError) as info:
        uploads.check_upload("besar.csv", data, LIM)
    assert info.value.key == "err.sheet_rows"
    assert str(info.value).startswith("file besar.csv: the sheet has data past row 1000")
    ok = uploads.check_upload("pas.csv", b"Kabupaten/Kota,SSGI 2022\n" + b"Tanah Laut,24.6\n" * 999, LIM)
    assert ok.kind == "csv" and ok.encoding == "UTF-8"


def test_records_are_counted_as_the_reader_counts_them_not_as_lines():
    # 1,500 physical lines, 500 records: each note holds two quoted line breaks
    data = b"kode,catatan\n" + b'6301,"satu\ndua\ntiga"\n' * 499
    assert data.count(b"\n") > LIM.max_rows
    assert uploads.check_upload("catatan.csv", data, LIM).kind == "csv"


def test_columns_and_cells_use_the_delimiter_the_reader_will_use():
    wide = ("kode;" + ";".join(f"v{i}" for i in range(25)) + "\n").encode()
    with pytest.raises(DataError) as info:
        uploads.check_upload("lebar.csv", wide, LIM)
    assert info.value.key == "err.sheet_cols" and "column Z" in str(info.value)
    many = ("kode;" + ";".join(f"v{i}" for i in range(19)) + "\n").encode() * 300  # 300 x 20 = 6000 cells
    with pytest.raises(DataError) as info:
        uploads.check_upload("banyak.csv", many, LIM)
    assert info.value.key == "err.sheet_cells"


def test_lines_are_split_lazily_exactly_as_the_csv_reader_reads_them():
    text = "a,b\r\nc,d\n\ne,\"f\ng\"\nlast"
    assert list(uploads.iter_lines(text)) == ["a,b\r\n", "c,d\n", "\n", "e,\"f\n", "g\"\n", "last"]
    assert list(uploads.iter_lines("")) == [] and list(uploads.iter_lines("x\n")) == ["x\n"]
    assert cells.detect_delimiter("Tabel 1\r\nkode;nama;nilai\r\n6301;Tanah Laut;24,6\r\n") == ";"
