"""UI strings for the assessment views; merged into :data:`kp2s_dashboard.strings.CATALOGUE`.

Keys: ``asm.`` for labels and notes, ``err.asm_`` for validation messages
(see :mod:`kp2s_dashboard.assessment.loaders`). Messages say what was found
and what was expected; the location (file, sheet, cell) is added by
:meth:`kp2s_dashboard.errors.Problem.render`.
"""

CATALOGUE: dict[str, dict[str, str]] = {
    # -- banners and notes ----------------------------------------------------------
    "asm.synthetic_banner": {
        "id": "Data contoh — bukan hasil resmi",
        "en": "Sample data — not official results",
    },
    "asm.published_banner": {
        "id": "Hasil yang dipublikasikan media/instansi, dengan sumbernya; bukan data penilaian lengkap",
        "en": "Results as published by media/agencies, with their sources; not the full assessment data",
    },
    "asm.note_weights_unknown": {
        "id": "Bobot komponen tidak diketahui: yang ditampilkan adalah total dari berkas itu sendiri, "
        "tidak dihitung ulang dengan bobot apa pun",
        "en": "Component weights are not known: the totals shown are the workbook's own, "
        "not recomputed with any weights",
    },
    "asm.note_no_total": {
        "id": "Berkas tidak memuat nilai total dan bobot tidak diketahui: peringkat tidak dapat ditetapkan",
        "en": "The workbook has no totals and the weights are not known: no ranking can be given",
    },
    "asm.note_year_inferred": {
        "id": "tahun dilengkapi: penilaian {year_assessed} menilai kinerja periode {period} "
        "(penilaian tahun Y menilai kinerja tahun Y−1)",
        "en": "year completed: the assessment held in {year_assessed} scores the {period} period "
        "(an assessment held in Y scores year Y−1)",
    },
    "asm.note_sheet_skipped": {
        "id": "lembar ini tidak berisi tabel penilaian yang dikenali; dilewati",
        "en": "this sheet holds no recognised assessment table; skipped",
    },
    "asm.note_instrument_fallback": {
        "id": "tidak ada instrumen untuk penilaian {year}; dipakai instrumen {used}",
        "en": "no instrument for the assessment held in {year}; the {used} instrument is used",
    },
    "asm.note_codes_derived": {
        "id": "kode indikator tidak tertulis; kode disusun dari nomor aksi dan urutan baris (misalnya 1.1, 1.2)",
        "en": "indicator codes are not written; codes were built from the action number and row order (e.g. 1.1, 1.2)",
    },
    "asm.note_normalised": {
        "id": "Nilai dinormalkan ke 0–100 sebagai (skor ÷ skor maksimum skala) × 100; nilai asli tampil di tooltip",
        "en": "Scores normalised to 0–100 as (score ÷ scale maximum) × 100; the raw value is in the tooltip",
    },
    "asm.note_unweighted_mean": {
        "id": "Rata-rata tanpa bobot dari nilai yang dinormalkan; alat bantu tampilan, bukan nilai resmi",
        "en": "Unweighted mean of normalised scores; a display aid, not an official score",
    },
    # -- labels --------------------------------------------------------------------------
    "asm.layout.rekap": {"id": "Rekap (kabupaten/kota ke bawah)", "en": "Summary (districts down)"},
    "asm.layout.matrix": {"id": "Matriks (indikator ke bawah, kabupaten/kota ke samping)", "en": "Matrix (indicators down, districts across)"},
    "asm.layout.assessor": {"id": "Per penilai", "en": "Per assessor"},
    "asm.col.year_assessed": {"id": "Tahun penilaian", "en": "Year assessed"},
    "asm.col.period": {"id": "Periode kinerja", "en": "Performance period"},
    "asm.col.district": {"id": "Kabupaten/Kota", "en": "District"},
    "asm.col.action": {"id": "Aksi", "en": "Action"},
    "asm.col.indicator": {"id": "Indikator", "en": "Indicator"},
    "asm.col.component": {"id": "Komponen", "en": "Component"},
    "asm.col.assessor": {"id": "Penilai", "en": "Assessor"},
    "asm.col.raw": {"id": "Nilai asli", "en": "Raw value"},
    "asm.col.score_pct": {"id": "Nilai (0–100)", "en": "Score (0–100)"},
    "asm.col.total": {"id": "Nilai total", "en": "Total score"},
    "asm.col.rank": {"id": "Peringkat", "en": "Rank"},
    "asm.col.rank_change": {"id": "Perubahan peringkat", "en": "Rank change"},
    "asm.col.province_mean": {"id": "Rata-rata provinsi", "en": "Province mean"},
    "asm.col.best": {"id": "Terbaik", "en": "Best"},
    "asm.col.spread": {"id": "Selisih antarpenilai (maks−min)", "en": "Spread between assessors (max−min)"},
    "asm.col.source": {"id": "Sumber", "en": "Source"},
    "asm.total_source.workbook": {"id": "total dari berkas", "en": "workbook total"},
    "asm.total_source.weights": {"id": "dihitung dengan bobot yang diketahui", "en": "computed with known weights"},
    "asm.total_source.none": {"id": "tidak ada total", "en": "no total"},
    "asm.scope.provincial": {"id": "Peringkat provinsi", "en": "Provincial rank"},
    "asm.scope.national": {"id": "Penghargaan nasional", "en": "National award"},
    "asm.severity.error": {"id": "Kesalahan", "en": "Error"},
    "asm.severity.warning": {"id": "Peringatan", "en": "Warning"},
    "asm.severity.info": {"id": "Catatan", "en": "Note"},
    "asm.counts": {
        "id": "{rows_read} baris dibaca; {cells_read} sel nilai: {cells_scored} dipakai, "
        "{cells_not_scored} tidak dinilai ('-' atau kosong), {cells_rejected} ditolak",
        "en": "{rows_read} rows read; {cells_read} score cells: {cells_scored} used, "
        "{cells_not_scored} not scored ('-' or blank), {cells_rejected} rejected",
    },
    # -- template ------------------------------------------------------------------------
    "asm.tpl.title": {
        "id": "Penilaian Kinerja Kabupaten/Kota dalam Pelaksanaan Aksi Konvergensi Percepatan Penurunan Stunting",
        "en": "Performance Assessment of Districts in the Convergence Actions for Accelerated Stunting Reduction",
    },
    "asm.tpl.instructions": {
        "id": "Isi nilai dari daftar pilihan; tulis '-' bila belum dinilai (bukan 0). Jangan ubah judul kolom.",
        "en": "Pick scores from the drop-down lists; write '-' when not scored (not 0). Do not change column headers.",
    },
    # -- validation messages --------------------------------------------------------------
    "err.asm_instrument": {
        "id": "berkas instrumen tidak valid: {detail}",
        "en": "invalid instrument file: {detail}",
    },
    "err.asm_no_table": {
        "id": "tidak ditemukan tabel penilaian; diharapkan tabel rekap (kolom 'Kabupaten/Kota' dan 'Aksi 1'…'Aksi 8' "
        "atau komponen), matriks (kolom 'Indikator' dan pasangan 'Nilai | Keterangan' per kabupaten/kota) atau "
        "lembar per penilai (kolom 'Indikator' dan 'Skor')",
        "en": "no assessment table found; expected a summary table ('Kabupaten/Kota' column and 'Aksi 1'…'Aksi 8' "
        "or component columns), a matrix ('Indikator' column and 'Nilai | Keterangan' pairs per district) or a "
        "per-assessor sheet ('Indikator' and 'Skor' columns)",
    },
    "err.asm_year_missing": {
        "id": "tahun tidak diketahui; tulis 'Tahun penilaian : 2025' dan/atau 'Periode yang dinilai : 2024' di atas tabel",
        "en": "year unknown; write 'Tahun penilaian : 2025' and/or 'Periode yang dinilai : 2024' above the table",
    },
    "err.asm_year_conflict": {
        "id": "berkas menulis tahun {written}, tetapi dipilih {given}; dipakai {given}",
        "en": "the file states {written} but {given} was chosen; {given} is used",
    },
    "err.asm_hidden_sheet": {
        "id": "lembar tersembunyi; isinya tetap dibaca",
        "en": "hidden sheet; its content is read",
    },
    "err.asm_hidden_row": {
        "id": "baris {row} tersembunyi; isinya tetap dibaca",
        "en": "row {row} is hidden; its content is read",
    },
    "err.asm_hidden_column": {
        "id": "kolom {column} tersembunyi; isinya tetap dibaca",
        "en": "column {column} is hidden; its content is read",
    },
    "err.asm_district_unknown": {
        "id": "kabupaten/kota '{value}' tidak dikenal; yang paling mirip: {suggestions}",
        "en": "unknown district '{value}'; closest names: {suggestions}",
    },
    "err.asm_duplicate_district": {
        "id": "kabupaten/kota '{value}' muncul dua kali (juga di {other}); baris ini tidak dipakai",
        "en": "district '{value}' appears twice (also at {other}); this row is not used",
    },
    "err.asm_duplicate_indicator": {
        "id": "indikator {code} ('{value}') muncul dua kali (juga di {other}); baris ini tidak dipakai",
        "en": "indicator {code} ('{value}') appears twice (also at {other}); this row is not used",
    },
    "err.asm_indicator_float": {
        "id": "kode indikator '{value}' tersimpan sebagai angka dan sama dengan {other}: Excel menjadikan 1,10 dan 1,1 "
        "angka yang sama. Tulis kode sebagai teks (misalnya '1,10)",
        "en": "indicator code '{value}' is stored as a number and equals {other}: Excel turns 1,10 and 1,1 into "
        "the same number. Write codes as text (e.g. '1,10)",
    },
    "err.asm_indicator_number": {
        "id": "kode indikator '{value}' tersimpan sebagai angka, bukan teks; 1,10 tidak dapat dibedakan dari 1,1. "
        "Tulis kode sebagai teks",
        "en": "indicator code '{value}' is stored as a number, not text; 1,10 cannot be told from 1,1. "
        "Write codes as text",
    },
    "err.asm_indicator_action": {
        "id": "kode indikator '{value}' menunjuk aksi yang tidak ada; diharapkan aksi {actions}",
        "en": "indicator code '{value}' points to an action that does not exist; expected action {actions}",
    },
    "err.asm_duplicate": {
        "id": "nilai ganda untuk {district}: sudah dibaca di {other}; sel ini tidak dipakai",
        "en": "duplicate score for {district}: already read at {other}; this cell is not used",
    },
    "err.asm_out_of_scale": {
        "id": "nilai '{value}' di luar skala; diharapkan {expected} atau '-' bila tidak dinilai",
        "en": "value '{value}' is outside the scale; expected {expected} or '-' when not scored",
    },
    "err.asm_not_a_score": {
        "id": "'{value}' bukan nilai; diharapkan {expected} atau '-' bila tidak dinilai",
        "en": "'{value}' is not a score; expected {expected} or '-' when not scored",
    },
    "err.asm_excel_error": {
        "id": "sel berisi galat Excel {value}; diharapkan nilai",
        "en": "the cell holds the Excel error {value}; expected a score",
    },
    "err.asm_formula_uncached": {
        "id": "rumus {formula} tanpa nilai tersimpan (berkas dibuat program yang tidak menghitung rumus); "
        "buka dan simpan berkas di Excel atau LibreOffice, atau tulis nilainya",
        "en": "formula {formula} has no stored value (the file was written by a program that does not compute "
        "formulas); open and save it in Excel or LibreOffice, or type the value",
    },
    "err.asm_formula_uncached_total": {
        "id": "rumus total {formula} tanpa nilai tersimpan; total dari berkas tidak dapat diperiksa",
        "en": "total formula {formula} has no stored value; the workbook's total cannot be checked",
    },
    "err.asm_total_not_number": {
        "id": "total '{value}' bukan angka",
        "en": "total '{value}' is not a number",
    },
    "err.asm_total_mismatch": {
        "id": "total di berkas {value} tidak sama dengan hasil dari bagian-bagiannya ({parts}): {expected}",
        "en": "the file's total {value} differs from what its parts ({parts}) give: {expected}",
    },
    "err.asm_weighted_mismatch": {
        "id": "nilai {value} tidak sama dengan skor × bobot ({score} × {weight} = {expected})",
        "en": "value {value} differs from score × weight ({score} × {weight} = {expected})",
    },
    "err.asm_rank_mismatch": {
        "id": "peringkat {value} tidak sesuai dengan nilai di berkas ({basis}); diharapkan {expected}",
        "en": "rank {value} does not follow from the file's scores ({basis}); expected {expected}",
    },
    "err.asm_row_no_key": {
        "id": "baris berisi nilai tetapi tanpa {expected}; nilainya tidak dipakai",
        "en": "row has scores but no {expected}; its scores are not used",
    },
    "err.asm_no_district": {
        "id": "kabupaten/kota lembar ini tidak diketahui; tulis 'Kabupaten/Kota : …' di atas tabel atau pakai nama "
        "kabupaten/kota sebagai nama lembar",
        "en": "the district of this sheet is unknown; write 'Kabupaten/Kota : …' above the table or name the sheet "
        "after the district",
    },
    "err.asm_column_unknown": {
        "id": "kolom '{header}' tidak dikenali dan tidak dipakai",
        "en": "column '{header}' is not recognised and not used",
    },
    "err.asm_districts_missing": {
        "id": "{n} kabupaten/kota tidak ada di berkas: {districts}",
        "en": "{n} districts are missing from the file: {districts}",
    },
    "err.asm_actions_missing": {
        "id": "tidak ada indikator untuk aksi {actions} ({context})",
        "en": "no indicators for action {actions} ({context})",
    },
    "err.asm_actions_missing_columns": {
        "id": "tidak ada kolom untuk aksi {actions} ({group})",
        "en": "no column for action {actions} ({group})",
    },
    "err.asm_indicators_missing": {
        "id": "indikator instrumen tidak ditemukan: {codes} ({context})",
        "en": "instrument indicators not found: {codes} ({context})",
    },
    "err.asm_action_mismatch": {
        "id": "indikator {code} berada di bawah Aksi {action} (sel {cell}); kode indikatorlah yang dipakai",
        "en": "indicator {code} sits under Aksi {action} (cell {cell}); the indicator code is used",
    },
    "err.asm_scale_unknown": {
        "id": "skala '{value}' tidak dikenal; diharapkan misalnya '1-4', '0-100' atau 'A-D'; dipakai skala instrumen",
        "en": "unknown scale '{value}'; expected e.g. '1-4', '0-100' or 'A-D'; the instrument's scale is used",
    },
    "err.asm_published": {
        "id": "baris hasil publikasi tidak valid: {detail}",
        "en": "invalid published-result row: {detail}",
    },
}
