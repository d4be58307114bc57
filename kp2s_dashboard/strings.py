"""The string catalogue: key -> {"id": Bahasa Indonesia, "en": English}.

Placeholders use ``str.format`` names (``{value}``). Keys are grouped by
prefix: ``loc.`` locations, ``err.`` errors, ``nav.`` navigation, ``ui.``
shared widgets, ``class.`` prevalence classes, ``src.`` sources, and one
prefix per page.
"""

CATALOGUE: dict[str, dict[str, str]] = {
    # -- locations in messages --------------------------------------------------
    "loc.file": {"id": "berkas", "en": "file"},
    "loc.sheet": {"id": "lembar", "en": "sheet"},
    "loc.cell": {"id": "sel", "en": "cell"},
    "loc.row": {"id": "baris", "en": "row"},
    "loc.column": {"id": "kolom", "en": "column"},
    # -- region registry -----------------------------------------------------------
    "err.region_empty": {
        "id": "nama atau kode wilayah kosong; diharapkan nama kabupaten/kota atau kode BPS/Kemendagri",
        "en": "region name or code is empty; expected a kabupaten/kota name or a BPS/Kemendagri code",
    },
    "err.region_unknown": {
        "id": "wilayah '{value}' tidak dikenal; yang paling mirip: {suggestions}",
        "en": "unknown region '{value}'; closest known names: {suggestions}",
    },
    "err.region_float_code": {
        "id": "kode '{value}' ambigu: kemungkinan kode seperti 63.10 yang tersimpan sebagai angka "
        "(63.1). Tulis kode sebagai teks, misalnya '63.10' atau '6310'",
        "en": "code '{value}' is ambiguous: probably a code such as 63.10 stored as a number (63.1). "
        "Write codes as text, e.g. '63.10' or '6310'",
    },
    # -- tabular loaders --------------------------------------------------------------
    "err.file_format": {
        "id": "format berkas '{suffix}' tidak didukung; diharapkan {expected}",
        "en": "file format '{suffix}' is not supported; expected {expected}",
    },
    "err.file_unreadable": {
        "id": "berkas tidak dapat dibaca ({detail})",
        "en": "the file cannot be read ({detail})",
    },
    "err.file_empty": {
        "id": "berkas tidak berisi baris data",
        "en": "the file contains no data rows",
    },
    "err.no_region_column": {
        "id": "tidak ada kolom wilayah; diharapkan kolom seperti 'kode', 'kabupaten/kota' atau 'wilayah' "
        "(kolom yang ada: {columns})",
        "en": "no region column; expected a column such as 'code', 'kabupaten/kota' or 'wilayah' "
        "(columns found: {columns})",
    },
    "err.missing_columns": {
        "id": "kolom wajib tidak ada: {missing}; diharapkan format panjang (code, year, source, "
        "indicator, value_pct) atau format lebar (satu kolom per tahun, misalnya 'SSGI 2022')",
        "en": "required columns missing: {missing}; expected the long format (code, year, source, "
        "indicator, value_pct) or the wide format (one column per year, e.g. 'SSGI 2022')",
    },
    "err.no_value_columns": {
        "id": "tidak ada kolom tahun; diharapkan judul seperti '2022' atau 'SSGI 2022' (kolom yang ada: {columns})",
        "en": "no year columns; expected headers such as '2022' or 'SSGI 2022' (columns found: {columns})",
    },
    "err.wide_needs_source": {
        "id": "judul kolom '{header}' tidak menyebut sumber (SSGI, SKI, SSGBI, Riskesdas, e-PPGBM); "
        "tulis misalnya 'SSGI {year}'",
        "en": "column header '{header}' names no source (SSGI, SKI, SSGBI, Riskesdas, e-PPGBM); "
        "write e.g. 'SSGI {year}'",
    },
    "err.not_a_number": {
        "id": "nilai '{value}' bukan angka; diharapkan persen 0–100 seperti 24,6 atau 24,6%, atau '-'/kosong bila tidak ada data",
        "en": "value '{value}' is not a number; expected a percent 0–100 such as 24.6 or 24,6%, or '-'/blank for no data",
    },
    "err.pct_out_of_range": {
        "id": "nilai {value} di luar rentang 0–100 persen",
        "en": "value {value} is outside the range 0–100 percent",
    },
    "err.bad_year": {
        "id": "tahun '{value}' tidak valid; diharapkan tahun empat angka antara 2000 dan 2100",
        "en": "year '{value}' is not valid; expected a four-digit year between 2000 and 2100",
    },
    "err.unknown_source": {
        "id": "sumber '{value}' tidak dikenal; diharapkan salah satu dari: {expected}",
        "en": "unknown source '{value}'; expected one of: {expected}",
    },
    "err.duplicate": {
        "id": "data ganda untuk {region}, {source} {year} ({indicator}); juga di {other}",
        "en": "duplicate figure for {region}, {source} {year} ({indicator}); also at {other}",
    },
    "err.more_problems": {
        "id": "dan {n} masalah lain",
        "en": "and {n} more problems",
    },
    # -- boundaries ----------------------------------------------------------------------
    "err.geo_missing": {
        "id": "berkas batas wilayah tidak ditemukan di {folder}",
        "en": "no boundary file found in {folder}",
    },
    "err.geo_unreadable": {
        "id": "berkas batas wilayah tidak dapat dibaca ({detail})",
        "en": "the boundary file cannot be read ({detail})",
    },
    "err.geo_no_key": {
        "id": "tidak ada properti kode atau nama wilayah; diharapkan misalnya 'kode' (63.01) atau 'nama' "
        "(properti yang ada: {columns})",
        "en": "no region code or name property; expected e.g. 'kode' (63.01) or 'nama' "
        "(properties found: {columns})",
    },
    "err.geo_unmatched": {
        "id": "fitur tidak cocok dengan kabupaten/kota mana pun: {values}",
        "en": "features that match no kabupaten/kota: {values}",
    },
    "err.geo_no_crs": {
        "id": "berkas tidak menyatakan sistem koordinat (CRS) dan koordinatnya bukan derajat bujur/lintang",
        "en": "the file declares no coordinate reference system (CRS) and its coordinates are not longitude/latitude degrees",
    },
    "err.fetch_network": {
        "id": "unduhan dari {url} gagal ({detail})",
        "en": "download from {url} failed ({detail})",
    },
    "err.fetch_checksum": {
        "id": "checksum berkas {name} tidak cocok: diharapkan {expected}, didapat {actual}",
        "en": "checksum of {name} does not match: expected {expected}, got {actual}",
    },
    "err.fetch_parse": {
        "id": "baris SQL batas wilayah tidak dapat dibaca: {detail}",
        "en": "boundary SQL row cannot be read: {detail}",
    },
}

# Areas keep their own dicts so parallel work does not collide; merged here.
from kp2s_dashboard import strings_assessment as _assessment  # noqa: E402
from kp2s_dashboard import strings_progress as _progress  # noqa: E402

for _part in (_assessment.CATALOGUE, _progress.CATALOGUE):
    _clash = set(_part) & set(CATALOGUE)
    if _clash:
        raise RuntimeError(f"string keys defined twice: {sorted(_clash)}")
    CATALOGUE.update(_part)
