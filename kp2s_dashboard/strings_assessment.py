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
    "err.asm_year_unreadable": {
        "id": "'{value}' tidak terbaca sebagai tahun; diharapkan empat angka seperti 2025 (bukan huruf O untuk nol)",
        "en": "'{value}' cannot be read as a year; expected four digits such as 2025 (no letter O for zero)",
    },
    "err.asm_year_equals_period": {
        "id": "periode yang dinilai sama dengan tahun penilaian ({year}, lihat juga {cell_year}); biasanya penilaian "
        "tahun Y menilai kinerja tahun Y−1",
        "en": "the period scored equals the assessment year ({year}, see also {cell_year}); an assessment held in Y "
        "usually scores year Y−1",
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
    "asm.note_text_row": {
        "id": "baris hanya berisi teks '{value}' tanpa nilai; dibaca sebagai catatan, bukan kabupaten/kota",
        "en": "the row holds only the text '{value}' and no scores; read as a note, not as a district",
    },
    "asm.note_ranks_unchecked": {
        "id": "peringkat di lembar ini tidak diperiksa: nilai di luar skala ({cells}) ikut dalam total, dan tidak "
        "dapat diketahui apakah peringkat dihitung dengan nilai itu",
        "en": "ranks on this sheet are not checked: out-of-scale values ({cells}) are part of the totals, and it "
        "cannot be told whether the ranks were computed with them",
    },
    "asm.note_summary_row": {
        "id": "baris '{value}' adalah baris ringkasan; angkanya diperiksa terhadap kolomnya dan tidak dibaca sebagai "
        "kabupaten/kota",
        "en": "row '{value}' is a summary row; its numbers are checked against their columns and it is not read as "
        "a district",
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

# -- the Aksi Konvergensi and Validasi pages ------------------------------------------------
PAGE_STRINGS: dict[str, dict[str, str]] = {
    # navigation and titles
    "asm.nav_section": {"id": "Aksi Konvergensi", "en": "Convergence actions"},
    "asm.nav_aksi": {"id": "Penilaian kinerja", "en": "Performance assessment"},
    "asm.nav_validasi": {"id": "Validasi berkas", "en": "File validation"},
    "asm.title": {
        "id": "Penilaian kinerja Aksi Konvergensi kabupaten/kota",
        "en": "District performance on the convergence actions",
    },
    "asm.intro": {
        "id": "Hasil penilaian kinerja 13 kabupaten/kota pada 8 aksi konvergensi percepatan penurunan stunting. "
        "Nilai dinormalkan ke 0–100; tahun penilaian dan periode kinerja yang dinilai disebut terpisah.",
        "en": "Performance assessment of the 13 districts on the 8 convergence actions for accelerated stunting "
        "reduction. Scores are normalised to 0–100; the year of the assessment and the performance period it "
        "scores are named separately.",
    },
    "asm.view": {"id": "Tampilkan", "en": "Show"},
    "asm.view.workbooks": {"id": "Berkas penilaian", "en": "Assessment workbooks"},
    "asm.view.published": {"id": "Hasil resmi yang dipublikasikan", "en": "Published official results"},
    "asm.dataset": {"id": "Data penilaian", "en": "Assessment data"},
    "asm.dataset.all": {"id": "Berkas penilaian yang dimuat ({n})", "en": "Loaded assessment files ({n})"},
    "asm.dataset.uploads": {
        "id": "Berkas unggahan dari halaman Validasi ({n})",
        "en": "Files uploaded on the Validation page ({n})",
    },
    "asm.dataset.none": {
        "id": "Belum ada berkas penilaian yang dimuat. Unggah berkas di halaman Validasi berkas.",
        "en": "No assessment workbook is loaded. Upload one on the File validation page.",
    },
    "asm.report_problems": {
        "id": "Pemeriksaan berkas menemukan {errors} kesalahan dan {warnings} peringatan; nilai di sel yang bermasalah "
        "tidak dipakai. Rinciannya (berkas, lembar, sel) ada di halaman Validasi berkas.",
        "en": "Checking the files found {errors} errors and {warnings} warnings; values in the cells concerned are "
        "not used. The details (file, sheet, cell) are on the File validation page.",
    },
    "asm.computing": {"id": "Menghitung nilai dari berkas penilaian…", "en": "Computing scores from the workbooks…"},
    "asm.files_shown": {"id": "Berkas: {files}", "en": "Files: {files}"},
    "asm.export_source": {"id": "berkas penilaian {files} · {year_period}", "en": "assessment files {files} · {year_period}"},
    "asm.year_period": {
        "id": "Tahun penilaian {year_assessed} · periode kinerja yang dinilai {period}",
        "en": "Assessment held in {year_assessed} · performance period scored {period}",
    },
    "asm.unknown": {"id": "tidak diketahui", "en": "unknown"},
    "asm.action_n": {"id": "Aksi {n}", "en": "Action {n}"},
    "asm.component.none": {"id": "Per aksi/indikator (tanpa komponen)", "en": "By action/indicator (no component)"},
    "asm.component_pick": {"id": "Nilai aksi dari komponen", "en": "Action scores from component"},
    "asm.yes": {"id": "ya", "en": "yes"},
    "asm.no": {"id": "tidak", "en": "no"},
    "asm.fig.synthetic_mark": {"id": "DATA CONTOH — BUKAN HASIL RESMI", "en": "SAMPLE DATA — NOT OFFICIAL RESULTS"},
    "asm.fig.source": {"id": "Sumber: {files}", "en": "Source: {files}"},
    # tabs
    "asm.tab.heatmap": {"id": "Peta panas", "en": "Heatmap"},
    "asm.tab.ranking": {"id": "Peringkat", "en": "Ranking"},
    "asm.tab.lagging": {"id": "Aksi tertinggal", "en": "Lagging actions"},
    "asm.tab.district": {"id": "Kab/kota vs provinsi", "en": "District vs province"},
    "asm.tab.components": {"id": "Komponen", "en": "Components"},
    "asm.tab.spread": {"id": "Antarpenilai", "en": "Between assessors"},
    "asm.tab.map": {"id": "Peta", "en": "Map"},
    # heatmap
    "asm.heatmap.caption": {
        "id": "Baris: kabupaten/kota; kolom: aksi. Sel abu-abu: tidak dinilai ('-' atau kosong), bukan nol. "
        "Arahkan kursor ke sel untuk melihat nilai asli.",
        "en": "Rows: districts; columns: actions. Grey cells: not scored ('-' or blank), not zero. "
        "Hover over a cell for the raw values.",
    },
    "asm.hover.raw": {"id": "Nilai asli", "en": "Raw value"},
    "asm.hover.items": {"id": "{n_scored} dari {n_items} butir dinilai", "en": "{n_scored} of {n_items} items scored"},
    "asm.hover.weighting.file": {"id": "rata-rata berbobot (bobot dari berkas)", "en": "weighted mean (weights from the file)"},
    "asm.hover.weighting.equal": {"id": "rata-rata tanpa bobot", "en": "unweighted mean"},
    "asm.not_scored": {"id": "tidak dinilai", "en": "not scored"},
    "asm.axis.score_pct": {"id": "Nilai (0–100)", "en": "Score (0–100)"},
    # ranking
    "asm.rank.title": {"id": "Peringkat {year_assessed}", "en": "Ranking {year_assessed}"},
    "asm.rank.up": {"id": "▲ naik {n}", "en": "▲ up {n}"},
    "asm.rank.down": {"id": "▼ turun {n}", "en": "▼ down {n}"},
    "asm.rank.same": {"id": "= tetap", "en": "= same"},
    "asm.rank.previous_note": {
        "id": "Perubahan dihitung terhadap penilaian sebelumnya: dari berkas tahun sebelumnya bila dimuat, atau "
        "dari hasil yang dipublikasikan (dengan tautan sumber). ▲ = naik peringkat; – = tidak diketahui.",
        "en": "The change is against the previous assessment: from an earlier year's workbook when loaded, or "
        "from the published results (with the source link). ▲ = moved up; – = not known.",
    },
    "asm.rank.synthetic_previous": {
        "id": "Peringkat sebelumnya yang dipublikasikan adalah hasil resmi, sedangkan peringkat sekarang berasal dari "
        "data contoh: perubahannya hanya untuk mencoba tampilan.",
        "en": "The published previous ranks are official results while the current ranks come from sample data: "
        "the change only demonstrates the view.",
    },
    "asm.rank.by_mean": {
        "id": "Urutkan menurut rata-rata aksi tanpa bobot (alat bantu tampilan, bukan peringkat resmi)",
        "en": "Order by the unweighted mean of the actions (a display aid, not an official ranking)",
    },
    "asm.rank.axis_total": {"id": "Nilai total (satuan berkas)", "en": "Total score (the file's units)"},
    "asm.rank.axis_mean": {"id": "Rata-rata aksi (0–100, tanpa bobot)", "en": "Mean of actions (0–100, unweighted)"},
    "asm.rank.hover_previous": {
        "id": "Peringkat sebelumnya: {rank} (penilaian {year})",
        "en": "Previous rank: {rank} (assessment {year})",
    },
    "asm.totals.title": {"id": "Total dari berkas", "en": "The workbook's totals"},
    "asm.col.total_source": {"id": "Asal nilai total", "en": "Total from"},
    "asm.col.total_workbook": {"id": "Total di berkas", "en": "Total in the file"},
    "asm.col.total_computed": {"id": "Total dari bobot yang diketahui", "en": "Total from known weights"},
    "asm.col.mean_pct": {"id": "Rata-rata (0–100)", "en": "Mean (0–100)"},
    "asm.col.mean_pct_province": {"id": "Rata-rata provinsi (0–100)", "en": "Province mean (0–100)"},
    "asm.col.rank_workbook": {"id": "Peringkat di berkas", "en": "Rank in the file"},
    "asm.col.previous_year": {"id": "Tahun penilaian sebelumnya", "en": "Previous assessment (year held)"},
    "asm.col.rank_previous": {"id": "Peringkat sebelumnya", "en": "Previous rank"},
    "asm.col.previous_source": {"id": "Asal peringkat sebelumnya", "en": "Previous rank from"},
    "asm.previous_source.published": {"id": "hasil dipublikasikan", "en": "published result"},
    "asm.previous_source.workbook": {"id": "berkas penilaian", "en": "assessment workbook"},
    # lagging actions
    "asm.lag.caption": {
        "id": "Rata-rata 13 kabupaten/kota per aksi (0–100); garis tipis = rentang terendah–tertinggi. "
        "Aksi paling tertinggal di atas.",
        "en": "Mean of the 13 districts per action (0–100); thin line = lowest–highest range. "
        "Most lagging action on top.",
    },
    "asm.lag.hover": {
        "id": "Rata-rata {mean} · median {median}<br>Terendah {min} ({lowest}) · tertinggi {max}<br>{n} kab/kota dinilai",
        "en": "Mean {mean} · median {median}<br>Lowest {min} ({lowest}) · highest {max}<br>{n} districts scored",
    },
    "asm.col.lag_rank": {"id": "Urutan ketertinggalan", "en": "Lag order"},
    "asm.col.median": {"id": "Median", "en": "Median"},
    "asm.col.min": {"id": "Terendah", "en": "Lowest"},
    "asm.col.max": {"id": "Tertinggi", "en": "Highest"},
    "asm.col.lowest": {"id": "Kab/kota terendah", "en": "Lowest district"},
    "asm.col.gap_to_best_action": {"id": "Selisih dengan aksi terbaik (poin)", "en": "Gap to the best action (points)"},
    "asm.col.n_districts": {"id": "Kab/kota dinilai", "en": "Districts scored"},
    # district vs province
    "asm.dvp.pick": {
        "id": "Pilih satu kabupaten/kota di atas untuk membandingkannya dengan rata-rata provinsi dan kabupaten/kota terbaik.",
        "en": "Choose a district above to compare it with the province mean and the best district.",
    },
    "asm.dvp.no_scores": {
        "id": "{district} tidak memiliki nilai aksi pada data ini.",
        "en": "{district} has no action scores in these data.",
    },
    "asm.dvp.title": {"id": "{district} dibandingkan provinsi", "en": "{district} against the province"},
    "asm.dvp.hover_best": {"id": "Terbaik: {value} ({districts})", "en": "Best: {value} ({districts})"},
    "asm.col.district_score": {"id": "Nilai kab/kota (0–100)", "en": "District score (0–100)"},
    "asm.col.best_districts": {"id": "Kab/kota terbaik", "en": "Best district(s)"},
    "asm.col.gap_to_mean": {"id": "Selisih dengan rata-rata (poin)", "en": "Gap to the mean (points)"},
    "asm.col.gap_to_best": {"id": "Selisih dengan terbaik (poin)", "en": "Gap to the best (points)"},
    # components
    "asm.comp.none": {
        "id": "Data ini tidak memuat komponen penilaian (misalnya dokumen, paparan, verifikasi lapangan).",
        "en": "These data have no assessment components (such as documents, presentation, field verification).",
    },
    "asm.comp.caption": {
        "id": "Nilai per komponen (0–100). Komponen yang dinilai per aksi ditampilkan sebagai rata-rata aksinya tanpa bobot.",
        "en": "Score per component (0–100). A component scored per action is shown as the unweighted mean of its actions.",
    },
    "asm.col.basis": {"id": "Dasar", "en": "Basis"},
    "asm.basis.component": {"id": "nilai komponen", "en": "component score"},
    "asm.basis.action": {"id": "rata-rata aksi", "en": "mean of actions"},
    "asm.col.weight": {"id": "Bobot", "en": "Weight"},
    "asm.col.contribution": {"id": "Kontribusi (bobot × nilai)", "en": "Contribution (weight × score)"},
    # assessors
    "asm.spread.none": {
        "id": "Data ini tidak memuat nilai per penilai; selisih antarpenilai tidak dapat ditampilkan.",
        "en": "These data have no per-assessor scores; the spread between assessors cannot be shown.",
    },
    "asm.spread.caption": {
        "id": "Selisih = nilai tertinggi − terendah di antara penilai untuk butir yang sama (poin pada skala 0–100).",
        "en": "Spread = highest − lowest score among the assessors of the same item (points on the 0–100 scale).",
    },
    "asm.spread.mean": {"id": "Rata-rata selisih", "en": "Mean spread"},
    "asm.spread.max": {"id": "Selisih terbesar", "en": "Largest spread"},
    "asm.spread.axis": {"id": "Selisih antarpenilai (poin)", "en": "Spread between assessors (points)"},
    "asm.spread.items_title": {"id": "Rentang nilai antarpenilai: {district}", "en": "Range of assessors' scores: {district}"},
    "asm.spread.hover_item": {
        "id": "{n} penilai: terendah {min}, tertinggi {max}, rata-rata {mean}",
        "en": "{n} assessors: lowest {min}, highest {max}, mean {mean}",
    },
    "asm.col.item": {"id": "Butir", "en": "Item"},
    "asm.col.n_assessors": {"id": "Penilai", "en": "Assessors"},
    "asm.col.n_items": {"id": "Butir", "en": "Items"},
    "asm.col.n_scored": {"id": "Butir dinilai", "en": "Items scored"},
    # map
    "asm.map.metric": {"id": "Warnai menurut", "en": "Colour by"},
    "asm.map.metric.score_pct": {"id": "Rata-rata aksi (0–100)", "en": "Mean of actions (0–100)"},
    "asm.map.metric.total": {"id": "Nilai total", "en": "Total score"},
    "asm.map.metric.rank": {"id": "Peringkat", "en": "Rank"},
    "asm.map.no_totals": {
        "id": "Tanpa nilai total, peta hanya dapat diwarnai menurut rata-rata aksi.",
        "en": "Without totals the map can only be coloured by the mean of the actions.",
    },
    "asm.map.hover_rank": {"id": "Peringkat {rank}", "en": "Rank {rank}"},
    # published results
    "asm.pub.provincial_title": {"id": "Peringkat provinsi yang dipublikasikan", "en": "Published provincial ranks"},
    "asm.pub.national_title": {
        "id": "Penghargaan nasional (terpisah; bukan peringkat provinsi)",
        "en": "National awards (kept apart; not provincial ranks)",
    },
    "asm.pub.caption": {
        "id": "Sebagian besar sumber hanya menyebut tiga besar; nilai jarang dipublikasikan. Periode ditulis seperti "
        "di sumber (tahun kinerja atau rentang).",
        "en": "Most sources name only the top three; scores were rarely published. The period is written as in the "
        "source (performance year or a range).",
    },
    "asm.pub.problems": {
        "id": "{n} baris berkas hasil publikasi tidak dipakai; lihat halaman Validasi berkas.",
        "en": "{n} rows of the published-results file are not used; see the File validation page.",
    },
    "asm.col.score_published": {"id": "Nilai yang dipublikasikan", "en": "Published score"},
    "asm.col.category": {"id": "Keterangan sumber", "en": "What the source says"},
    # validation page
    "asm.val.title": {"id": "Validasi berkas penilaian", "en": "Assessment file validation"},
    "asm.val.intro": {
        "id": "Periksa berkas penilaian sebelum dipakai. Setiap masalah disebut dengan berkas, lembar, sel dan apa yang "
        "diharapkan; tidak ada nilai yang dibuang diam-diam.",
        "en": "Check assessment workbooks before they are used. Every problem names the file, sheet, cell and what "
        "was expected; no value is dropped silently.",
    },
    "asm.val.loaded": {"id": "Berkas yang dimuat aplikasi", "en": "Files loaded by the app"},
    "asm.val.upload": {
        "id": "Unggah berkas penilaian Anda (.xlsx, .xlsm, .xls, .ods; boleh beberapa)",
        "en": "Upload your assessment workbooks (.xlsx, .xlsm, .xls, .ods; several allowed)",
    },
    "asm.val.upload_help": {
        "id": "Berkas unggahan hanya disimpan selama sesi ini di peramban Anda dan tidak mengganti data aplikasi.",
        "en": "Uploads are kept only for this browser session and do not replace the app's data.",
    },
    "asm.val.uploaded": {"id": "Berkas unggahan", "en": "Uploaded files"},
    "asm.val.clear_uploads": {"id": "Hapus semua unggahan", "en": "Remove all uploads"},
    "asm.val.year_override": {
        "id": "Tahun penilaian untuk unggahan (bila tidak tertulis di berkas)",
        "en": "Assessment year for uploads (when the file does not state it)",
    },
    "asm.val.year_from_file": {"id": "dari berkas", "en": "from the file"},
    "asm.val.nothing": {
        "id": "Pilih atau unggah sedikitnya satu berkas untuk diperiksa.",
        "en": "Choose or upload at least one file to check.",
    },
    "asm.val.unreadable_title": {"id": "Berkas tidak dapat dibuka", "en": "The file cannot be opened"},
    "asm.val.export_source": {
        "id": "Laporan validasi KP2S Dashboard atas berkas penilaian {files}; diperiksa {date}",
        "en": "KP2S Dashboard validation report of the assessment files {files}; checked {date}",
    },
    "asm.val.file_stem": {"id": "laporan_validasi", "en": "validation_report"},
    "asm.val.findings_sheet": {"id": "Temuan", "en": "Findings"},
    "asm.val.rejected_sheet": {"id": "Sel ditolak", "en": "Rejected cells"},
    "asm.val.files_title": {"id": "Ringkasan per berkas", "en": "Summary per file"},
    "asm.val.clean": {
        "id": "Bersih: tidak ada kesalahan maupun peringatan di {n} berkas yang diperiksa.",
        "en": "Clean: no errors and no warnings in the {n} files checked.",
    },
    "asm.val.has_warnings": {
        "id": "Tidak ada kesalahan, tetapi {n} peringatan perlu diperiksa.",
        "en": "No errors, but {n} warnings need a look.",
    },
    "asm.val.has_errors": {
        "id": "{n} kesalahan: nilai di sel yang disebut tidak dipakai sampai berkas diperbaiki.",
        "en": "{n} errors: the values in the cells named are not used until the file is fixed.",
    },
    "asm.val.section": {"id": "{label} ({n})", "en": "{label} ({n})"},
    "asm.val.none_of_kind": {"id": "Tidak ada.", "en": "None."},
    "asm.val.rejected_title": {"id": "Sel yang ditolak ({n})", "en": "Rejected cells ({n})"},
    "asm.val.download": {"id": "Unduh laporan validasi", "en": "Download the validation report"},
    "asm.val.status.clean": {"id": "bersih", "en": "clean"},
    "asm.val.status.warnings": {"id": "ada peringatan", "en": "warnings"},
    "asm.val.status.errors": {"id": "ada kesalahan", "en": "errors"},
    "asm.val.status.unreadable": {"id": "tidak dapat dibuka", "en": "cannot be opened"},
    "asm.val.published_title": {
        "id": "Berkas hasil yang dipublikasikan ({file})",
        "en": "Published-results file ({file})",
    },
    "asm.severity_plural.error": {"id": "Kesalahan", "en": "Errors"},
    "asm.severity_plural.warning": {"id": "Peringatan", "en": "Warnings"},
    "asm.severity_plural.info": {"id": "Catatan", "en": "Notes"},
    "asm.col.file": {"id": "Berkas", "en": "File"},
    "asm.col.status": {"id": "Hasil pemeriksaan", "en": "Check result"},
    "asm.col.layout": {"id": "Bentuk tabel", "en": "Table layout"},
    "asm.col.synthetic": {"id": "Data contoh", "en": "Sample data"},
    "asm.col.rows_read": {"id": "Baris dibaca", "en": "Rows read"},
    "asm.col.cells_read": {"id": "Sel nilai dibaca", "en": "Score cells read"},
    "asm.col.cells_scored": {"id": "Dipakai", "en": "Used"},
    "asm.col.cells_not_scored": {"id": "Tidak dinilai", "en": "Not scored"},
    "asm.col.cells_rejected": {"id": "Ditolak", "en": "Rejected"},
    "asm.col.severity": {"id": "Tingkat", "en": "Severity"},
    "asm.col.message": {"id": "Temuan dan yang diharapkan", "en": "Finding and what was expected"},
    "asm.col.sheet": {"id": "Lembar", "en": "Sheet"},
    "asm.col.cell": {"id": "Sel", "en": "Cell"},
    "asm.col.row": {"id": "Baris", "en": "Row"},
    "asm.col.column": {"id": "Kolom", "en": "Column"},
    "asm.col.key": {"id": "Kode pesan", "en": "Message key"},
    # templates
    "asm.tpl.section": {"id": "Templat kosong", "en": "Empty templates"},
    "asm.tpl.help": {
        "id": "Unduh templat kosong dengan judul kolom yang benar dan daftar pilihan nilai, supaya tim dapat mengisi "
        "berkas yang terbaca tanpa masalah.",
        "en": "Download an empty template with the right column headers and drop-down score lists, so teams can fill "
        "a file that reads without problems.",
    },
    "asm.tpl.year": {"id": "Tahun penilaian", "en": "Assessment year"},
    "asm.tpl.layout": {"id": "Bentuk", "en": "Layout"},
    "asm.tpl.download": {"id": "Unduh templat", "en": "Download template"},
}

#: The district result (assessment/result.py): files in force, basis of the ranking, notes.
CATALOGUE.update({
    "err.asm_district_sheet_unknown": {
        "id": "kabupaten/kota lembar '{value}' tidak dikenal: selain nama wilayah, nama lembar hanya boleh berisi "
        "label penilai (P1, Penilai 2); tulis 'Kabupaten/Kota: …' di atas tabel. Yang paling mirip: {suggestions}",
        "en": "district of sheet '{value}' unknown: besides the district, a sheet name may only hold an assessor "
        "label (P1, Penilai 2); write 'Kabupaten/Kota: …' above the table. Closest names: {suggestions}",
    },
    "asm.conflict_sources": {
        "id": "dua sumber untuk penilaian {year}: {n} kabupaten/kota ({districts}) juga dinilai di {other} "
        "({other_kind}); yang berlaku: {files} ({kind}). Berkas tidak digabung.",
        "en": "two sources for the {year} assessment: {n} districts ({districts}) are also scored in {other} "
        "({other_kind}); in force: {files} ({kind}). The files are not combined.",
    },
    "asm.in_force.default": {
        "id": "Berkas yang berlaku untuk penilaian {year}: {files} ({kind}). Aturan: bila ada beberapa jenis berkas "
        "untuk satu tahun, yang berlaku adalah berkas yang totalnya sendiri mencakup paling banyak kabupaten/kota "
        "(rekap nilai resmi); berkas jenis lain tidak digabung dan dilaporkan sebagai konflik.",
        "en": "File in force for the {year} assessment: {files} ({kind}). Rule: when a year has files of several "
        "kinds, the one whose own totals cover the most districts (the official summary) is in force; files of "
        "other kinds are not combined and are reported as a conflict.",
    },
    "asm.in_force.choice": {
        "id": "Berkas yang berlaku untuk penilaian {year}: {files} ({kind}), sesuai pilihan (tersimpan di tautan "
        "halaman). Berkas jenis lain tidak digabung.",
        "en": "File in force for the {year} assessment: {files} ({kind}), as chosen (kept in the page link). "
        "Files of other kinds are not combined.",
    },
    "asm.in_force.only": {
        "id": "Berkas yang berlaku untuk penilaian {year}: {files} ({kind}).",
        "en": "File in force for the {year} assessment: {files} ({kind}).",
    },
    "asm.in_force.pick": {"id": "Berkas yang berlaku", "en": "File in force"},
    "asm.basis_rank.final": {"id": "Nilai Akhir di berkas", "en": "the file's final score (Nilai Akhir)"},
    "asm.basis_rank.total": {"id": "Jumlah (total) di berkas", "en": "the file's total (Jumlah)"},
    "asm.basis_rank.mean": {"id": "Rata-rata di berkas", "en": "the file's mean (Rata-rata)"},
    "asm.basis_rank.computed": {
        "id": "total dihitung dari bobot yang diketahui (Σ skor × bobot)",
        "en": "total computed from known weights (Σ score × weight)",
    },
    "asm.basis_rank.action_mean": {
        "id": "rata-rata nilai aksi 0–100 yang ditampilkan (tanpa bobot antaraksi; alat bantu, bukan nilai resmi)",
        "en": "mean of the action scores shown, 0–100 (no weights between actions; a display aid, not an official "
        "score)",
    },
    "asm.basis_rank.none": {"id": "tidak ada dasar peringkat", "en": "no basis for a ranking"},
    "asm.rank.basis": {"id": "Peringkat menurut {basis}.", "en": "Ranked by {basis}."},
    "asm.result.no_value": {
        "id": "kabupaten/kota ini tidak punya nilai dasar peringkat ({basis}); tidak diperingkat",
        "en": "this district has no value of the ranking's basis ({basis}); not ranked",
    },
    "asm.result.incomplete": {
        "id": "{k} dari {n} nilai terisi; tidak diperingkat terhadap total yang lengkap",
        "en": "{k} of {n} scored; not ranked against complete totals",
    },
    "asm.result.no_weights": {
        "id": "bobot tidak diketahui; tidak diperingkat",
        "en": "weights not known; not ranked",
    },
    "asm.result.no_total": {
        "id": "tidak ada nilai total; tidak diperingkat",
        "en": "no total; not ranked",
    },
    "asm.col.score": {"id": "Nilai", "en": "Score"},
    "asm.col.basis_rank": {"id": "Dasar peringkat", "en": "Ranked by"},
    "asm.col.scored_of": {"id": "Nilai terisi", "en": "Scored"},
    "asm.col.note": {"id": "Catatan", "en": "Note"},
    "asm.scored_of": {"id": "{k} dari {n}", "en": "{k} of {n}"},
})

_clash = set(PAGE_STRINGS) & set(CATALOGUE)
if _clash:  # pragma: no cover - caught by the tests
    raise RuntimeError(f"duplicate string keys: {sorted(_clash)}")
CATALOGUE.update(PAGE_STRINGS)
