"""UI strings of the exports (PowerPoint, images, table notes) and the
presentation page, keys ``exp.*``. Merged into
:data:`kp2s_dashboard.strings.CATALOGUE`."""

CATALOGUE: dict[str, dict[str, str]] = {
    # -- navigation and page -------------------------------------------------------------------------
    "exp.nav_section": {"id": "Presentasi", "en": "Presentation"},
    "exp.nav_presentation": {"id": "Mode presentasi", "en": "Presentation mode"},
    "exp.page_title": {"id": "Mode presentasi", "en": "Presentation mode"},
    "exp.prev": {"id": "Sebelumnya", "en": "Previous"},
    "exp.next": {"id": "Berikutnya", "en": "Next"},
    "exp.slide_of": {"id": "Slide {n} dari {total}", "en": "Slide {n} of {total}"},
    "exp.dark": {"id": "Ruang redup", "en": "Dim room"},
    "exp.dark_help": {
        "id": "Latar gelap: teks terang di atas latar hampir hitam; warna kelas peta tetap sama.",
        "en": "Dark background: light text on near-black; the map's class colours stay the same.",
    },
    "exp.download_pptx": {"id": "Unduh PowerPoint", "en": "Download PowerPoint"},
    "exp.download_png": {"id": "PNG slide", "en": "Slide PNG"},
    "exp.download_svg": {"id": "SVG slide", "en": "Slide SVG"},
    "exp.pptx_help": {
        "id": "Seluruh dek untuk wilayah terpilih: grafik asli PowerPoint yang bisa disunting; sumber dan tanggal "
              "ekspor di setiap slide.",
        "en": "The whole deck for the chosen region: native, editable PowerPoint charts; sources and export date "
              "on every slide.",
    },
    "exp.no_engine_ui": {
        "id": "Ekspor gambar (PNG/SVG) dan peta di PowerPoint memerlukan peramban Chromium di server "
              "(Debian: `apt-get install chromium`). Tanpa itu, PowerPoint memakai grafik asli saja dan peta "
              "diganti batang berwarna kelas.",
        "en": "Image export (PNG/SVG) and the map in PowerPoint need a Chromium browser on the server "
              "(Debian: `apt-get install chromium`). Without it the PowerPoint uses native charts only and the map "
              "becomes bars in class colours.",
    },
    "exp.demo_assessment": {
        "id": "Slide aksi dan peringkat memakai berkas penilaian contoh: {file}.",
        "en": "The action and ranking slides use the sample assessment files: {file}.",
    },
    "exp.deck_file": {"id": "Berkas penilaian (slide 4–5)", "en": "Assessment file (slides 4–5)"},
    "exp.deck_file_help": {
        "id": "Slide aksi dan peringkat memakai satu berkas yang sama, agar skor per aksi dan peringkat sejalan. "
              "Bawaan: berkas yang memuat nilai total untuk kabupaten/kota terbanyak.",
        "en": "The action and ranking slides use one and the same file, so the per-action scores and the rank "
              "agree. Default: the file with totals for the most districts.",
    },
    "exp.prepare_pptx": {"id": "Siapkan PowerPoint", "en": "Prepare PowerPoint"},
    "exp.prepare_images": {"id": "Siapkan gambar slide", "en": "Prepare slide images"},
    "exp.preparing": {"id": "Menyiapkan berkas…", "en": "Preparing the file…"},
    # -- deck text -----------------------------------------------------------------------------------
    "exp.province_name": {"id": "Provinsi Kalimantan Selatan", "en": "Kalimantan Selatan Province"},
    "exp.province_short": {"id": "Kalimantan Selatan", "en": "Kalimantan Selatan"},
    "exp.deck_title": {"id": "Percepatan penurunan stunting — {region}", "en": "Accelerating stunting reduction — {region}"},
    "exp.title_subtitle": {
        "id": "Prevalensi stunting balita menurut survei terbaru, dibandingkan dengan provinsi, nasional dan target",
        "en": "Stunting prevalence among children under five in the latest survey, against the province, the "
              "nation and the target",
    },
    "exp.title_source": {
        "id": "Sumber: {rounds} (Kemenkes); target: RPJMN 2025–2029 (Bappenas). Tautan di catatan pembicara.",
        "en": "Source: {rounds} (Ministry of Health); target: RPJMN 2025–2029 (Bappenas). Links in the speaker notes.",
    },
    "exp.title_subtitle_province": {
        "id": "Prevalensi stunting balita menurut survei terbaru, dibandingkan dengan nasional dan target",
        "en": "Stunting prevalence among children under five in the latest survey, against the nation and the target",
    },
    "exp.target_label": {"id": "Target {year}", "en": "Target {year}"},
    "exp.exported_on": {"id": "Diekspor {date} dari KP2S Dashboard", "en": "Exported {date} from KP2S Dashboard"},
    "exp.source_none": {"id": "Sumber: –", "en": "Source: –"},
    "exp.map_title": {
        "id": "Prevalensi stunting per kabupaten/kota, {round}",
        "en": "Stunting prevalence by district, {round}",
    },
    "exp.map_title_none": {"id": "Prevalensi stunting per kabupaten/kota", "en": "Stunting prevalence by district"},
    "exp.no_map_data": {"id": "Belum ada survei dengan angka kabupaten/kota.", "en": "No survey with district figures yet."},
    "exp.map_missing": {"id": "Tanpa angka pada putaran ini: {names}", "en": "No figure in this round: {names}"},
    "exp.map_bars_note": {
        "id": "Peta tidak dapat digambar di sini ({reason}); nilai ditampilkan sebagai batang berwarna kelas "
              "prevalensi.",
        "en": "The map could not be drawn here ({reason}); values are shown as bars in the prevalence class colours.",
    },
    "exp.reason_no_engine": {"id": "tanpa mesin gambar Chromium", "en": "no Chromium image engine"},
    "exp.reason_no_boundaries": {"id": "tanpa berkas batas wilayah", "en": "no boundary file"},
    "exp.trend_title": {"id": "Tren prevalensi stunting dan target — {region}", "en": "Stunting prevalence trend and targets — {region}"},
    "exp.no_trend_data": {"id": "Belum ada angka prevalensi untuk wilayah ini.", "en": "No prevalence figures for this region yet."},
    "exp.series_survey": {"id": "{region} — survei", "en": "{region} — survey"},
    "exp.series_register": {"id": "{region} — e-PPGBM", "en": "{region} — e-PPGBM"},
    "exp.series_target": {"id": "Target {label}", "en": "Target {label}"},
    "exp.trend_source": {
        "id": "Sumber: {data}; target: {targets}. Tautan di catatan pembicara.",
        "en": "Source: {data}; targets: {targets}. Links in the speaker notes.",
    },
    "exp.trend_note": {
        "id": "Survei (Riskesdas, SSGBI, SSGI, SKI) dan e-PPGBM (pencatatan rutin) adalah pengukuran berbeda: "
              "deret terpisah, tidak untuk disambung.",
        "en": "Surveys (Riskesdas, SSGBI, SSGI, SKI) and e-PPGBM (routine register) are different measurements: "
              "separate series, not to be joined.",
    },
    "exp.survey_markers": {
        "id": "Penanda: ● SSGI  ■ SKI  ◆ SSGBI  ▲ Riskesdas  ✕ e-PPGBM  ★ target",
        "en": "Markers: ● SSGI  ■ SKI  ◆ SSGBI  ▲ Riskesdas  ✕ e-PPGBM  ★ target",
    },
    "exp.action_n": {"id": "Aksi {n}", "en": "Action {n}"},
    "exp.actions_title_district": {
        "id": "Skor per aksi konvergensi — {region} (penilaian {year}, kinerja {period})",
        "en": "Score per convergence action — {region} (assessed {year}, performance {period})",
    },
    "exp.actions_title_province": {
        "id": "Rata-rata skor per aksi konvergensi (penilaian {year}, kinerja {period})",
        "en": "Mean score per convergence action (assessed {year}, performance {period})",
    },
    "exp.actions_title_none": {"id": "Skor per aksi konvergensi", "en": "Score per convergence action"},
    "exp.actions_note": {
        "id": "Skor dinormalkan 0–100 (skor ÷ skor maksimum × 100); rata-rata provinsi tanpa bobot.",
        "en": "Scores normalised to 0–100 (score ÷ maximum × 100); the province mean is unweighted.",
    },
    "exp.actions_component": {"id": "Komponen: {component}", "en": "Component: {component}"},
    "exp.province_mean": {"id": "Rata-rata provinsi", "en": "Province mean"},
    "exp.score_axis": {"id": "Skor (0–100)", "en": "Score (0–100)"},
    "exp.assessment_source": {
        "id": "Sumber: berkas penilaian {file} (penilaian {year}, kinerja {period}).",
        "en": "Source: assessment file {file} (assessed {year}, performance {period}).",
    },
    "exp.no_assessment": {
        "id": "Belum ada data penilaian kinerja aksi konvergensi.",
        "en": "No convergence-action assessment data yet.",
    },
    "exp.no_assessment_region": {
        "id": "Berkas penilaian tidak memuat skor untuk {region}.",
        "en": "The assessment file has no scores for {region}.",
    },
    "exp.ranking_title": {
        "id": "Peringkat penilaian kinerja {year} (kinerja {period})",
        "en": "Performance assessment ranking {year} (performance {period})",
    },
    "exp.ranking_title_none": {"id": "Peringkat penilaian kinerja", "en": "Performance assessment ranking"},
    "exp.ranking_value_total": {"id": "Nilai total (dari berkas)", "en": "Total score (from the file)"},
    "exp.ranking_value_mean": {"id": "Rata-rata skor aksi (tanpa bobot)", "en": "Mean action score (unweighted)"},
    "exp.no_ranking": {"id": "Berkas penilaian tidak memuat nilai total.", "en": "The assessment file has no totals."},
    "exp.ranking_basis": {
        "id": "Peringkat menurut {basis}; berkas: {file}.",
        "en": "Ranked by {basis}; file: {file}.",
    },
    "exp.ranking_basis_total": {
        "id": "Peringkat menurut nilai total di berkas {file}.",
        "en": "Ranked by the total score in the file {file}.",
    },
    "exp.ranking_basis_mean": {
        "id": "Berkas {file} tidak memuat nilai total: peringkat menurut rata-rata skor aksi pada slide sebelumnya.",
        "en": "The file {file} has no totals: ranked by the mean of the action scores of the previous slide.",
    },
    "exp.ranking_basis_merged": {
        "id": "Berkas {file} digabung: peringkat menurut rata-rata skor aksi pada slide sebelumnya, bukan nilai "
              "total berkas.",
        "en": "Files {file} merged: ranked by the mean of the action scores of the previous slide, not by the "
              "files' totals.",
    },
    "exp.published_intro": {"id": "Peringkat resmi yang dipublikasikan:", "en": "Official ranks as published:"},
    "exp.published_line": {
        "id": "penilaian {year} (kinerja {period}) {name} peringkat {rank}",
        "en": "assessed {year} (performance {period}) {name} rank {rank}",
    },
    "exp.published_source": {
        "id": "Peringkat resmi: berita dan laman instansi (data/kp2s_results.csv).",
        "en": "Official ranks: news and agency pages (data/kp2s_results.csv).",
    },
    "exp.speaker_sources": {"id": "Sumber data slide ini:", "en": "Data sources of this slide:"},
    # -- table downloads -----------------------------------------------------------------------------
    "exp.about_sheet": {"id": "Keterangan", "en": "Notes"},
    "exp.about_col_item": {"id": "Keterangan", "en": "Item"},
    "exp.about_col_value": {"id": "Isi", "en": "Value"},
    "exp.about_app": {"id": "Dibuat dengan", "en": "Made with"},
    "exp.about_app_value": {
        "id": "KP2S Dashboard — DPPPAKB Provinsi Kalimantan Selatan",
        "en": "KP2S Dashboard — DPPPAKB, Kalimantan Selatan Province",
    },
    "exp.about_exported": {"id": "Tanggal ekspor", "en": "Export date"},
    "exp.about_table": {"id": "Tabel", "en": "Table"},
    "exp.about_table_value": {"id": "{name} ({n} baris, sesuai tampilan/filter)", "en": "{name} ({n} rows, as shown/filtered)"},
    "exp.about_note": {"id": "Catatan", "en": "Note"},
    "exp.about_source": {"id": "Sumber", "en": "Source"},
    "exp.about_link": {"id": "Tautan sumber", "en": "Source link"},
    "exp.about_source_default": {
        "id": "lihat halaman Data dan sumber di KP2S Dashboard (setiap angka dengan tautannya)",
        "en": "see the Data and sources page of KP2S Dashboard (every figure with its link)",
    },
    "exp.csv_source": {"id": "Sumber: {sources}", "en": "Source: {sources}"},
    "exp.csv_note": {"id": "Keterangan: {exported}", "en": "Note: {exported}"},
    "exp.csv_extra_note": {"id": "Catatan: {note}", "en": "Note: {note}"},
    # -- errors --------------------------------------------------------------------------------------
    "exp.err.no_engine": {
        "id": "Tidak ada peramban Chromium/Chrome untuk membuat gambar (pasang paket Debian `chromium`, atau "
              "atur KP2S_BROWSER ke berkas peramban).",
        "en": "No Chromium/Chrome browser to draw images (install Debian's `chromium` package, or set "
              "KP2S_BROWSER to the browser's file).",
    },
    "exp.err.render_failed": {
        "id": "Gambar tidak dapat dibuat oleh peramban: {detail}",
        "en": "The browser could not draw the image: {detail}",
    },
}
