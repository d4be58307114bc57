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
    # -- navigation and shared UI --------------------------------------------------------
    "nav.section_prevalence": {"id": "Prevalensi stunting", "en": "Stunting prevalence"},
    "nav.overview": {"id": "Ringkasan", "en": "Overview"},
    "nav.map": {"id": "Peta", "en": "Map"},
    "nav.trend": {"id": "Tren", "en": "Trend"},
    "nav.data": {"id": "Data", "en": "Data"},
    "ui.language": {"id": "Bahasa", "en": "Language"},
    "ui.about": {
        "id": "Dasbor pemantauan Aksi Konvergensi Percepatan Penurunan Stunting (KP2S) Provinsi Kalimantan Selatan "
        "— DPPPAKB Kalsel.",
        "en": "Monitoring dashboard of the convergence actions for accelerated stunting reduction (KP2S) in "
        "Kalimantan Selatan — DPPPAKB Kalsel.",
    },
    "ui.data_note": {
        "id": "Angka prevalensi dikutip dari publikasi resmi dan media dengan tautan sumber masing-masing; "
        "lihat halaman Data.",
        "en": "Prevalence figures are quoted from official publications and the press, each with its source link; "
        "see the Data page.",
    },
    "ui.error_title": {"id": "Data tidak dapat dimuat", "en": "The data cannot be loaded"},
    "ui.round": {"id": "Sumber dan tahun", "en": "Source and year"},
    "ui.district": {"id": "Kabupaten/kota", "en": "District (kabupaten/kota)"},
    "ui.district_unknown": {
        "id": "Kabupaten/kota '{value}' di alamat tautan tidak dikenal; pilih dari daftar.",
        "en": "District '{value}' in the link is not known; choose one from the list.",
    },
    "ui.whole_province": {"id": "Seluruh provinsi", "en": "Whole province"},
    "ui.source_link": {"id": "sumber", "en": "source"},
    "ui.download_csv": {"id": "Unduh CSV", "en": "Download CSV"},
    "ui.download_xlsx": {"id": "Unduh XLSX", "en": "Download XLSX"},
    "ui.alternative_figure": {
        "id": "Angka ini berbeda antarsumber: {note}. Rinciannya di halaman Data.",
        "en": "Sources differ on this figure: {note}. Details on the Data page.",
    },
    "ui.footnote_sources": {
        "id": "Riskesdas, SSGBI, SSGI dan SKI adalah survei sampel; e-PPGBM adalah pencatatan rutin posyandu. "
        "Keduanya pengukuran berbeda dan tidak digabung dalam satu deret.",
        "en": "Riskesdas, SSGBI, SSGI and SKI are sample surveys; e-PPGBM is the routine posyandu register. "
        "They are different measurements and are never joined into one series.",
    },
    # -- columns ------------------------------------------------------------------------------
    "col.region": {"id": "Wilayah", "en": "Region"},
    "col.code": {"id": "Kode BPS", "en": "BPS code"},
    "col.year": {"id": "Tahun", "en": "Year"},
    "col.source": {"id": "Sumber data", "en": "Data source"},
    "col.indicator": {"id": "Indikator", "en": "Indicator"},
    "col.value_pct": {"id": "Prevalensi (%)", "en": "Prevalence (%)"},
    "col.source_url": {"id": "Tautan sumber", "en": "Source link"},
    "col.note": {"id": "Catatan", "en": "Note"},
    "col.target_pct": {"id": "Target (%)", "en": "Target (%)"},
    "col.label": {"id": "Dasar target", "en": "Target basis"},
    "col.basis": {"id": "Keterangan", "en": "Details"},
    "col.scope": {"id": "Cakupan", "en": "Scope"},
    "col.origin": {"id": "Asal baris", "en": "Read from"},
    "col.kode": {"id": "Kode Kemendagri", "en": "Kemendagri code"},
    "col.level": {"id": "Tingkat", "en": "Level"},
    "col.name": {"id": "Nama resmi", "en": "Official name"},
    "col.short_name": {"id": "Nama singkat", "en": "Short name"},
    "col.aliases": {"id": "Ejaan lain yang dikenali", "en": "Other spellings recognised"},
    "level.negara": {"id": "Negara", "en": "Country"},
    "level.provinsi": {"id": "Provinsi", "en": "Province"},
    "level.kabupaten": {"id": "Kabupaten", "en": "Kabupaten (regency)"},
    "level.kota": {"id": "Kota", "en": "Kota (city)"},
    "data.layout_long": {"id": "panjang", "en": "long"},
    "data.layout_wide": {"id": "lebar", "en": "wide"},
    "data.boundary_licence": {"id": "Lisensi data batas wilayah", "en": "Boundary data licence"},
    "trend.beyond_horizon": {
        "id": "Target di luar rentang grafik: {targets}. Aktifkan 'Sampai 2045' untuk menampilkannya.",
        "en": "Targets beyond the chart's range: {targets}. Switch on 'Up to 2045' to show them.",
    },
    "indicator.stunting": {"id": "Stunting (TB/U < −2 SD)", "en": "Stunting (HAZ < −2 SD)"},
    "indicator.severely_stunted": {"id": "Sangat pendek (TB/U < −3 SD)", "en": "Severely stunted (HAZ < −3 SD)"},
    "indicator.moderately_stunted": {"id": "Pendek (−3 ≤ TB/U < −2 SD)", "en": "Moderately stunted (−3 ≤ HAZ < −2 SD)"},
    # -- classes -----------------------------------------------------------------------------------
    "class.very_low": {"id": "Sangat rendah (< 2,5%)", "en": "Very low (< 2.5%)"},
    "class.low": {"id": "Rendah (2,5–< 10%)", "en": "Low (2.5–< 10%)"},
    "class.medium": {"id": "Sedang (10–< 20%)", "en": "Medium (10–< 20%)"},
    "class.high": {"id": "Tinggi (20–< 30%)", "en": "High (20–< 30%)"},
    "class.very_high": {"id": "Sangat tinggi (≥ 30%)", "en": "Very high (≥ 30%)"},
    "class.no_data": {"id": "Tidak ada data", "en": "No data"},
    "fig.source_note": {
        "id": "Sumber: {source}.<br>Kelas: ambang prevalensi WHO/UNICEF (de Onis dkk., 2019).",
        "en": "Source: {source}.<br>Classes: WHO/UNICEF prevalence thresholds (de Onis et al., 2019).",
    },
    # -- overview ------------------------------------------------------------------------------------
    "overview.title": {"id": "Ringkasan prevalensi stunting Kalimantan Selatan",
                       "en": "Stunting prevalence in Kalimantan Selatan: overview"},
    "overview.kpi_province": {"id": "Kalimantan Selatan ({round})", "en": "Kalimantan Selatan ({round})"},
    "overview.kpi_national": {"id": "Indonesia ({round})", "en": "Indonesia ({round})"},
    "overview.kpi_target": {"id": "Target nasional {year} ({label})", "en": "National target {year} ({label})"},
    "overview.vs_national": {"id": "poin dari nasional", "en": "points vs national"},
    "overview.target_caption": {
        "id": "Target nasional: 14% pada 2024 (Perpres 72/2021), 14,2% pada 2029 (RPJMN 2025–2029), 5% pada 2045 "
        "(RPJPN 2025–2045). Target provinsi dan kabupaten/kota ada di halaman Tren dan Data.",
        "en": "National targets: 14% by 2024 (Perpres 72/2021), 14.2% by 2029 (RPJMN 2025–2029), 5% by 2045 "
        "(RPJPN 2025–2045). Provincial and district targets are on the Trend and Data pages.",
    },
    "overview.classes_title": {"id": "Kabupaten/kota per kelas prevalensi", "en": "Districts per prevalence class"},
    "overview.n_districts": {"id": "Jumlah kabupaten/kota", "en": "Number of districts"},
    "overview.change_title": {"id": "Penurunan dan kenaikan terbesar", "en": "Biggest falls and rises"},
    "overview.from": {"id": "Dari", "en": "From"},
    "overview.to": {"id": "Ke", "en": "To"},
    "overview.change_axis": {"id": "Perubahan {first} → {second} (poin persen)",
                             "en": "Change {first} → {second} (percentage points)"},
    "overview.no_change": {"id": "Pilih dua putaran survei yang berbeda.", "en": "Choose two different survey rounds."},
    "overview.change_missing": {"id": "Tanpa angka pada salah satu putaran: {names}.",
                                "en": "No figure in one of the rounds: {names}."},
    "overview.change_flagged": {
        "id": "⚠ Perubahan tidak wajar — periksa sumber: {names}. Perubahan sebesar ini antarputaran survei "
        "lebih mungkin berasal dari sumber atau metode yang berbeda daripada perubahan nyata.",
        "en": "⚠ Implausible change — check the source: {names}. A change this large between survey rounds more "
        "likely comes from a different source or method than from real change.",
    },
    "overview.change_caveat": {
        "id": "Angka kabupaten/kota dari survei sampel berfluktuasi; perubahan besar antarputaran perlu dicek ke sumber.",
        "en": "District survey estimates are noisy; large changes between rounds should be checked against the source.",
    },
    # -- map -------------------------------------------------------------------------------------------
    "map.title": {"id": "Peta prevalensi stunting kabupaten/kota", "en": "Stunting prevalence map by district"},
    "map.renderer": {"id": "Tampilan peta", "en": "Map rendering"},
    "map.renderer_plotly": {"id": "Luring (tanpa internet)", "en": "Offline (no internet)"},
    "map.renderer_folium": {"id": "Peta dasar OSM (perlu internet)", "en": "OSM base map (needs internet)"},
    "map.folium_online": {
        "id": "Peta ini memuat Leaflet dan ubin OpenStreetMap dari internet; tanpa internet gunakan tampilan luring.",
        "en": "This map loads Leaflet and OpenStreetMap tiles from the internet; without internet use the offline view.",
    },
    "map.legend_title": {"id": "Kelas prevalensi", "en": "Prevalence class"},
    "map.value": {"id": "Prevalensi", "en": "Prevalence"},
    "map.round": {"id": "Sumber", "en": "Source"},
    "map.selected": {"id": "Wilayah terpilih", "en": "Selected region"},
    "map.click_hint": {"id": "Klik kabupaten/kota pada peta atau pilih di atas.",
                       "en": "Click a district on the map or choose it above."},
    "map.to_trend": {"id": "Lihat tren", "en": "See the trend"},
    "map.footnote": {
        "id": "Warna: biru < 10%, hijau 10–20%, kuning 20–30%, merah ≥ 30% (ambang WHO/UNICEF). Abu-abu: tidak ada data. "
        "Label: HSS/HST/HSU = Hulu Sungai Selatan/Tengah/Utara, BJM = Kota Banjarmasin, BJB = Kota Banjarbaru.",
        "en": "Colours: blue < 10%, green 10–20%, yellow 20–30%, red ≥ 30% (WHO/UNICEF thresholds). Grey: no data. "
        "Labels: HSS/HST/HSU = Hulu Sungai Selatan/Tengah/Utara, BJM = Kota Banjarmasin, BJB = Kota Banjarbaru.",
    },
    "map.register_warning": {
        "id": "e-PPGBM adalah data pencatatan rutin, bukan survei: angkanya biasanya jauh di bawah SSGI/SKI dan "
        "cakupannya berbeda antar kabupaten/kota.",
        "en": "e-PPGBM is a routine register, not a survey: its figures usually run far below SSGI/SKI and its "
        "coverage differs between districts.",
    },
    "map.table_instead": {"id": "Sementara itu, angka {round} per kabupaten/kota:",
                          "en": "Meanwhile, the {round} figures by district:"},
    "map.no_boundaries_title": {"id": "Batas wilayah belum tersedia", "en": "Boundaries are not available"},
    "map.no_boundaries_help": {
        "id": "Jalankan `.venv/bin/python -m kp2s_dashboard.geo fetch` untuk mengunduh batas wilayah, atau arahkan variabel "
        "lingkungan `KP2S_GEO_DIR` ke folder berisi berkas GeoJSON, GeoPackage atau Shapefile (zip) Anda sendiri. "
        "Lihat geo/README.md.",
        "en": "Run `.venv/bin/python -m kp2s_dashboard.geo fetch` to download the boundaries, or point the environment variable "
        "`KP2S_GEO_DIR` at a folder holding your own GeoJSON, GeoPackage or zipped Shapefile. See geo/README.md.",
    },
    # -- trend -------------------------------------------------------------------------------------------
    "trend.title": {"id": "Tren prevalensi stunting", "en": "Stunting prevalence trend"},
    "trend.compare": {"id": "Bandingkan dengan", "en": "Compare with"},
    "trend.ref_63": {"id": "Kalimantan Selatan", "en": "Kalimantan Selatan"},
    "trend.ref_00": {"id": "Indonesia", "en": "Indonesia"},
    "trend.until_2045": {"id": "Sampai 2045", "en": "Up to 2045"},
    "trend.panel_survey": {"id": "Survei: Riskesdas, SSGBI, SSGI, SKI", "en": "Surveys: Riskesdas, SSGBI, SSGI, SKI"},
    "trend.panel_register": {"id": "e-PPGBM (pencatatan rutin, tidak sebanding dengan survei)",
                             "en": "e-PPGBM (routine register, not comparable with the surveys)"},
    "trend.legend_sources": {"id": "Survei", "en": "Survey"},
    "trend.legend_targets": {"id": "Target", "en": "Targets"},
    "trend.target_label": {"id": "{label}", "en": "{label}"},
    "trend.axis_pct": {"id": "Prevalensi (%)", "en": "Prevalence (%)"},
    "trend.caveat": {
        "id": "Bentuk penanda menunjukkan survei. SKI 2023 adalah survei berbeda dari SSGI tetapi disajikan Kemenkes "
        "sebagai lanjutan deret SSGI. Angka kabupaten/kota tidak memiliki selang kepercayaan yang dipublikasikan.",
        "en": "Marker shapes name the survey. SKI 2023 is a different survey from SSGI but Kemenkes presents it as the "
        "continuation of the SSGI series. District figures have no published confidence intervals.",
    },
    "trend.conflict_note": {
        "id": "⚠ Target bertanda ini bertentangan dengan angka lain dari sumber berbeda; keduanya ditampilkan.",
        "en": "⚠ Targets marked so conflict with another figure from a different source; both are shown.",
    },
    "trend.choose_targets": {"id": "Target yang ditampilkan", "en": "Targets shown"},
    "trend.points_title": {"id": "Angka yang ditampilkan dan sumbernya", "en": "Figures shown and their sources"},
    "trend.targets_title": {"id": "Target yang berlaku dan sumbernya", "en": "Targets that apply and their sources"},
    # -- data -------------------------------------------------------------------------------------------
    "data.title": {"id": "Data dan sumber", "en": "Data and sources"},
    "data.provenance": {
        "id": "{rows} angka prevalensi, masing-masing dengan tautan sumber. Sebagian besar angka kabupaten/kota dikutip "
        "dari pernyataan pejabat di media dan situs pemerintah daerah, bukan dari tabel laporan Kemenkes.",
        "en": "{rows} prevalence figures, each with its source link. Most district figures are quoted from officials "
        "in the press and on local government sites, not from Kemenkes report tables.",
    },
    "data.filter_regions": {"id": "Wilayah", "en": "Regions"},
    "data.filter_sources": {"id": "Sumber data", "en": "Data sources"},
    "data.filter_all": {"id": "Semua", "en": "All"},
    "data.filter_count": {"id": "{shown} dari {total} angka; unduhan berisi baris yang ditampilkan.",
                          "en": "{shown} of {total} figures; downloads hold the rows shown."},
    "data.tab_prevalence": {"id": "Prevalensi", "en": "Prevalence"},
    "data.tab_targets": {"id": "Target", "en": "Targets"},
    "data.tab_regions": {"id": "Wilayah", "en": "Regions"},
    "data.tab_check": {"id": "Periksa berkas Anda", "en": "Check your file"},
    "data.check_help": {
        "id": "Unggah berkas prevalensi (CSV, XLSX, XLS, ODS) dalam format panjang (kolom kode, tahun, sumber, "
        "nilai) atau format lebar (satu baris per kabupaten/kota, satu kolom per survei dan tahun, misalnya "
        "'SSGI 2022'). Berkas hanya diperiksa dan ditampilkan; data dasbor tidak berubah.",
        "en": "Upload a prevalence file (CSV, XLSX, XLS, ODS) in the long format (columns code, year, source, value) "
        "or the wide format (one row per district, one column per survey and year, e.g. 'SSGI 2022'). The file is "
        "only checked and shown; the dashboard's data do not change.",
    },
    "data.check_upload": {"id": "Berkas prevalensi", "en": "Prevalence file"},
    "data.check_failed": {"id": "Berkas belum dapat digunakan", "en": "The file cannot be used yet"},
    "data.check_ok": {
        "id": "Berkas terbaca (format {layout}): {rows} baris, {used} angka dipakai, {missing} sel kosong atau '-' "
        "(dianggap tidak ada data, bukan nol).",
        "en": "File read ({layout} format): {rows} rows, {used} figures used, {missing} cells blank or '-' "
        "(taken as no data, not zero).",
    },
    # -- region registry -----------------------------------------------------------
    "err.region_empty": {
        "id": "nama atau kode wilayah kosong; diharapkan nama kabupaten/kota atau kode BPS/Kemendagri",
        "en": "region name or code is empty; expected a kabupaten/kota name or a BPS/Kemendagri code",
    },
    "err.region_unknown": {
        "id": "wilayah '{value}' tidak dikenal; yang paling mirip: {suggestions}",
        "en": "unknown region '{value}'; closest known names: {suggestions}",
    },
    "err.region_unknown_no_match": {
        "id": "wilayah '{value}' tidak dikenal dan tidak ada nama yang mirip; diharapkan nama kabupaten/kota "
        "Kalimantan Selatan atau kode BPS/Kemendagri (6301, 63.01)",
        "en": "unknown region '{value}' and no similar name; expected a kabupaten/kota name of Kalimantan Selatan "
        "or a BPS/Kemendagri code (6301, 63.01)",
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
        "id": "tahun '{value}' tidak valid; diharapkan tahun empat angka antara 1990 dan 2100",
        "en": "year '{value}' is not valid; expected a four-digit year between 1990 and 2100",
    },
    "err.unknown_source": {
        "id": "sumber '{value}' tidak dikenal; diharapkan salah satu dari: {expected}",
        "en": "unknown source '{value}'; expected one of: {expected}",
    },
    "err.duplicate": {
        "id": "data ganda untuk {region}, {source} {year} ({indicator}); juga di {other}",
        "en": "duplicate figure for {region}, {source} {year} ({indicator}); also at {other}",
    },
    "warn.footnote_ignored": {
        "id": "baris catatan diabaikan: '{text}'",
        "en": "note row ignored: '{text}'",
    },
    "warn.sheet_truncated": {
        "id": "pembacaan berhenti di baris {row} setelah 1.000 baris kosong berturut-turut; data di bawahnya tidak dibaca",
        "en": "reading stopped at row {row} after 1,000 empty rows in a row; anything below was not read",
    },
    "warn.row_ignored": {
        "id": "baris tanpa wilayah dan tanpa angka diabaikan: '{text}'",
        "en": "row without region and without figures ignored: '{text}'",
    },
    "err.row_too_long": {
        "id": "baris ini berisi {cells} sel terisi, lebih banyak dari {columns} kolom judul (pemisah '{delimiter}'); "
        "kemungkinan koma desimal tanpa tanda kutip (24,6). Beri tanda kutip pada nilai (\"24,6\") atau simpan "
        "CSV dengan pemisah ';'",
        "en": "this row has {cells} filled cells, more than the {columns} header columns (delimiter '{delimiter}'); "
        "probably decimal commas without quotes (24,6). Quote the values (\"24,6\") or save the CSV with ';' "
        "as the delimiter",
    },
    "err.all_values_missing": {
        "id": "tidak ada satu pun angka: {missing} sel nilai kosong atau '-'",
        "en": "not a single figure: {missing} value cells are blank or '-'",
    },
    "err.formula_uncached": {
        "id": "rumus {formula} tanpa hasil tersimpan; buka dan simpan berkas ini di Excel",
        "en": "formula {formula} without a saved result; open and save the file in Excel",
    },
    "err.only_hidden_sheets": {
        "id": "data hanya ada di lembar tersembunyi ({sheets}); tampilkan lembar itu bila datanya berlaku",
        "en": "data only in hidden sheets ({sheets}); unhide the sheet if its data are current",
    },
    "err.duplicate_column": {
        "id": "kolom '{second}' dan kolom '{first}' ({first_cell}) sama-sama berarti '{role}'; "
        "sisakan satu kolom atau ganti judulnya",
        "en": "columns '{second}' and '{first}' ({first_cell}) both mean '{role}'; keep one or rename it",
    },
    "err.code_name_conflict": {
        "id": "kode '{code}' ({code_name}) tidak cocok dengan nama '{name}' di {name_cell} (kode {name_code}); "
        "perbaiki salah satunya",
        "en": "code '{code}' ({code_name}) does not match the name '{name}' in {name_cell} (code {name_code}); "
        "correct one of them",
    },
    "err.unknown_indicator": {
        "id": "indikator '{value}' tidak dikenal; yang diterima: {expected}",
        "en": "unknown indicator '{value}'; accepted: {expected}",
    },
    "warn.sheet_hidden": {
        "id": "lembar tersembunyi '{sheet}' dilewati",
        "en": "hidden sheet '{sheet}' skipped",
    },
    "warn.sheet_skipped": {
        "id": "lembar '{sheet}' dilewati: tidak berisi tabel prevalensi (kolom wilayah dan kolom tahun)",
        "en": "sheet '{sheet}' skipped: it holds no prevalence table (region column and year columns)",
    },
    "warn.column_ignored": {
        "id": "kolom '{header}' diabaikan: judulnya bukan tahun atau sumber dan tahun (misalnya 'SSGI 2022')",
        "en": "column '{header}' ignored: its header is not a year, or a source and a year (e.g. 'SSGI 2022')",
    },
    "warn.value_missing": {
        "id": "tidak ada nilai untuk {region}, {source} {year}; dihitung sebagai tidak ada data",
        "en": "no value for {region}, {source} {year}; counted as missing",
    },
    "warn.fractions": {
        "id": "semua nilai di kolom {column} di bawah 1 dan tidak berformat persen: tampak seperti pecahan "
        "({example} = {pct}%?); bila demikian tulis dalam persen ({pct}) atau format sel sebagai persen",
        "en": "all values in column {column} are below 1 and none is percent-formatted: they look like fractions "
        "({example} = {pct}%?); if so, write them in percent ({pct}) or format the cells as percent",
    },
    "warn.fractions_format_unknown": {
        "id": "semua nilai di kolom {column} di bawah 1: tampak seperti pecahan ({example} = {pct}%?); format angka "
        "berkas .xls/.ods tidak terbaca, jadi sel berformat persen masuk sebagai pecahan. Tulis nilai dalam "
        "persen ({pct}) atau simpan sebagai .xlsx",
        "en": "all values in column {column} are below 1: they look like fractions ({example} = {pct}%?); number "
        "formats of .xls/.ods files are not read, so percent-formatted cells arrive as fractions. Write the "
        "values in percent ({pct}) or save the file as .xlsx",
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
        "id": "{n} fitur tidak cocok dengan kabupaten/kota mana pun: {values} (dalam kurung: nama terdekat yang dikenal)",
        "en": "{n} features match no kabupaten/kota: {values} (in brackets: closest known names)",
    },
    "err.geo_no_crs": {
        "id": "berkas tidak menyatakan sistem koordinat (CRS) dan koordinatnya bukan derajat bujur/lintang",
        "en": "the file declares no coordinate reference system (CRS) and its coordinates are not longitude/latitude degrees",
    },
    "err.geo_out_of_area": {
        "id": "batas wilayah terletak di {bounds_id}, bukan di Kalimantan Selatan (sekitar {expected_id}); "
        "kemungkinan sistem koordinat (CRS) salah atau tidak dinyatakan, atau bujur dan lintang tertukar",
        "en": "the boundaries lie at {bounds_en}, not in Kalimantan Selatan (about {expected_en}); "
        "probably a wrong or undeclared coordinate reference system (CRS), or longitude and latitude swapped",
    },
    "err.geo_out_of_area_vertex": {
        "id": "batas wilayah mencapai {bounds_id}, jauh di luar Kalimantan Selatan (sekitar {expected_id}): "
        "{n} titik rusak, misalnya {vertex_id} pada fitur '{feature}'; perbaiki koordinat titik tersebut",
        "en": "the boundaries reach {bounds_en}, far outside Kalimantan Selatan (about {expected_en}): "
        "{n} broken vertices, e.g. {vertex_en} in feature '{feature}'; fix those coordinates",
    },
    "err.geo_out_of_area_swapped": {
        "id": "batas wilayah terletak di {bounds_id}, bukan di Kalimantan Selatan (sekitar {expected_id}); "
        "bujur dan lintang tampaknya tertukar: koordinat harus ditulis (bujur, lintang)",
        "en": "the boundaries lie at {bounds_en}, not in Kalimantan Selatan (about {expected_en}); "
        "longitude and latitude seem swapped: coordinates must be written (longitude, latitude)",
    },
    "err.geo_out_of_area_crs": {
        "id": "setelah diproyeksikan dari {crs} yang dinyatakan berkas, batas wilayah terletak di {bounds_id}, "
        "bukan di Kalimantan Selatan (sekitar {expected_id}); koordinatnya sudah berupa derajat bujur/lintang, "
        "jadi CRS yang dinyatakan salah (seharusnya EPSG:4326)",
        "en": "reprojected from the file's declared {crs}, the boundaries lie at {bounds_en}, not in "
        "Kalimantan Selatan (about {expected_en}); the coordinates already are longitude/latitude degrees, "
        "so the declared CRS is wrong (it should be EPSG:4326)",
    },
    "err.geo_out_of_area_metres": {
        "id": "koordinat batas wilayah ({bounds_id}) bukan derajat bujur/lintang, padahal berkas tidak menyatakan "
        "CRS lain; kemungkinan koordinat proyeksi (meter, misalnya UTM 50S = EPSG:32750) tanpa CRS. "
        "Nyatakan CRS yang benar (berkas .prj, atau simpan ulang sebagai GeoPackage)",
        "en": "the boundary coordinates ({bounds_en}) are not longitude/latitude degrees, yet the file declares "
        "no other CRS; probably projected coordinates (metres, e.g. UTM 50S = EPSG:32750) without their CRS. "
        "Declare the right CRS (a .prj file, or save again as GeoPackage)",
    },
    "err.geo_code_name_conflict": {
        "id": "{n} fitur dengan kode dan nama yang menunjuk kabupaten/kota berbeda: {values}; perbaiki kode "
        "atau nama",
        "en": "{n} features whose code and name point to different kabupaten/kota: {values}; correct the code "
        "or the name",
    },
    "err.geo_province_typo": {
        "id": "provinsi {values} tidak dikenal; mungkin maksudnya '{suggestion}'? Fitur provinsi lain "
        "diabaikan, jadi perbaiki ejaannya",
        "en": "province {values} is not known; did you mean '{suggestion}'? Features of other provinces are "
        "left out, so correct the spelling",
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
    # -- boundaries: loader, fetch command, attribution (kp2s_dashboard.geo) ----------------
    "geo.err_level": {
        "id": "tingkat wilayah '{level}' tidak didukung; diharapkan salah satu dari: {expected}",
        "en": "region level '{level}' is not supported; expected one of: {expected}",
    },
    "geo.err_not_found": {
        "id": "berkas batas wilayah tidak ada; diharapkan berkas GeoJSON, GeoPackage atau Shapefile (boleh di-zip)",
        "en": "the boundary file does not exist; expected a GeoJSON, GeoPackage or Shapefile (zipped or not)",
    },
    "geo.err_empty": {
        "id": "berkas tidak berisi fitur poligon; diharapkan batas wilayah berupa (multi)poligon",
        "en": "the file contains no polygon features; expected boundaries as (multi)polygons",
    },
    "geo.err_nothing_matched": {
        "id": "berkas tidak berisi fitur tingkat {level} Kalimantan Selatan (diabaikan: {dropped})",
        "en": "the file contains no {level} features of Kalimantan Selatan (left out: {dropped})",
    },
    "geo.err_unmatched_sub": {
        "id": "{n} fitur tanpa kode Kemendagri Kalimantan Selatan yang valid (misalnya 63.01.01): {values}",
        "en": "{n} features without a valid Kalimantan Selatan Kemendagri code (e.g. 63.01.01): {values}",
    },
    "geo.err_source": {
        "id": "deskripsi sumber batas wilayah tidak dapat dibaca ({detail})",
        "en": "the boundary source description cannot be read ({detail})",
    },
    "geo.err_write": {
        "id": "tidak dapat menulis ke {path} ({detail})",
        "en": "cannot write to {path} ({detail})",
    },
    "geo.err_unexpected": {
        "id": "kesalahan tak terduga: {detail}",
        "en": "unexpected error: {detail}",
    },
    "geo.fetch_present": {
        "id": "Berkas batas wilayah sudah ada di {folder}; tidak ada yang diunduh.",
        "en": "Boundary files already present in {folder}; nothing downloaded.",
    },
    "geo.fetch_downloading": {"id": "Mengunduh {url} …", "en": "Downloading {url} …"},
    "geo.fetch_verified": {
        "id": "Checksum {name} cocok (SHA-256 {sha256}…).",
        "en": "Checksum of {name} matches (SHA-256 {sha256}…).",
    },
    "geo.fetch_written": {"id": "Ditulis {path} ({n} fitur).", "en": "Wrote {path} ({n} features)."},
    "geo.fetch_licence": {
        "id": "Lisensi ({licence}) disalin ke {path}.",
        "en": "Licence ({licence}) copied to {path}.",
    },
    "geo.fetch_done": {
        "id": "Selesai: {n} berkas di {folder}.",
        "en": "Done: {n} files in {folder}.",
    },
    "geo.status_none": {
        "id": "{level}: tidak ada berkas batas wilayah",
        "en": "{level}: no boundary file",
    },
    "geo.status_file": {"id": "{level}: {path}", "en": "{level}: {path}"},
    "geo.status_attribution": {"id": "  {text}", "en": "  {text}"},
    "geo.check_result": {
        "id": "{n} wilayah tingkat {level} dari {path}:",
        "en": "{n} {level} regions from {path}:",
    },
    "geo.check_missing": {
        "id": "Kabupaten/kota tanpa batas di berkas ini: {codes}",
        "en": "Districts without a boundary in this file: {codes}",
    },
    "geo.check_dropped": {
        "id": "Fitur yang diabaikan: {items}",
        "en": "Features left out: {items}",
    },
    "geo.attribution": {
        "id": "Batas wilayah: {repository} (commit {commit}), lisensi {licence}, {copyright}",
        "en": "Boundaries: {repository} (commit {commit}), {licence} licence, {copyright}",
    },
    "geo.attribution_user": {
        "id": "Batas wilayah: berkas {file} yang disediakan pengguna",
        "en": "Boundaries: user-supplied file {file}",
    },
    "geo.licence_heading": {
        "id": "Data batas wilayah dari {repository}, dipakai di bawah lisensi {licence}. Teks lisensi:",
        "en": "Boundary data from {repository}, used under the {licence} licence. Licence text:",
    },
}

# Areas keep their own dicts so parallel work does not collide; merged here.
from kp2s_dashboard import strings_assessment as _assessment  # noqa: E402
from kp2s_dashboard import strings_export as _export  # noqa: E402
from kp2s_dashboard import strings_profile as _profile  # noqa: E402
from kp2s_dashboard import strings_progress as _progress  # noqa: E402
from kp2s_dashboard import strings_uploads as _uploads  # noqa: E402

for _part in (_assessment.CATALOGUE, _progress.CATALOGUE, _profile.CATALOGUE, _export.CATALOGUE,
              _uploads.CATALOGUE):
    _clash = set(_part) & set(CATALOGUE)
    if _clash:
        raise RuntimeError(f"string keys defined twice: {sorted(_clash)}")
    CATALOGUE.update(_part)
