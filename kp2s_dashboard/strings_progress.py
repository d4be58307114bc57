"""UI strings for the progress views; merged into :data:`kp2s_dashboard.strings.CATALOGUE`.

All keys start with ``prog.``. Used by :mod:`kp2s_dashboard.progress` and by
the pages built on it.
"""

CATALOGUE: dict[str, dict[str, str]] = {
    # -- status against a target ---------------------------------------------------
    "prog.status.on_track": {"id": "sesuai jalur", "en": "on track"},
    "prog.status.off_track": {"id": "tidak sesuai jalur", "en": "off track"},
    "prog.status.no_progress": {"id": "tidak ada kemajuan", "en": "no progress"},
    "prog.status.not_assessable": {"id": "tidak dapat dinilai", "en": "not assessable"},
    "prog.status.target_year_passed": {"id": "tahun target sudah lewat", "en": "target year has passed"},
    "prog.status.help.on_track": {
        "id": "laju penurunan saat ini (AARR) sama dengan atau lebih cepat dari laju yang dibutuhkan",
        "en": "the current rate of reduction (AARR) is at least the rate required",
    },
    "prog.status.help.off_track": {
        "id": "prevalensi turun, tetapi lebih lambat dari laju yang dibutuhkan",
        "en": "prevalence is falling, but more slowly than required",
    },
    "prog.status.help.no_progress": {
        "id": "prevalensi tidak turun (tetap atau naik)",
        "en": "prevalence is not falling (flat or rising)",
    },
    "prog.status.help.not_assessable": {
        "id": "kurang dari dua angka survei yang sebanding",
        "en": "fewer than two comparable survey figures",
    },
    "prog.status.help.target_year_passed": {
        "id": "tahun target tidak lebih baru dari data terakhir; lihat capaian pada tahun itu",
        "en": "the target year is not after the latest data; see the result observed in that year",
    },
    # -- plausibility and alternatives ---------------------------------------------------
    "prog.flag.implausible": {
        "id": "perubahan tidak wajar — periksa sumber",
        "en": "implausible change — check the source",
    },
    "prog.flag.rate_carries": {
        "id": "laju ini memakai perubahan tidak wajar ({pairs}) — periksa sumber",
        "en": "this rate uses an implausible change ({pairs}) — check the source",
    },
    "prog.alt.value_with_alternatives": {
        "id": "{value} (sumber lain: {others})",
        "en": "{value} (other source: {others})",
    },
    # -- columns and labels -------------------------------------------------------------------
    "prog.col.name": {"id": "Kabupaten/kota", "en": "District/city"},
    "prog.col.latest": {"id": "Angka terakhir", "en": "Latest figure"},
    "prog.col.latest_year": {"id": "Tahun", "en": "Year"},
    "prog.col.aarr": {"id": "Laju penurunan saat ini (%/tahun)", "en": "Current rate of reduction (%/year)"},
    "prog.col.required_aarr": {
        "id": "Laju dibutuhkan untuk {target} ({year}) (%/tahun)",
        "en": "Rate required for {target} ({year}) (%/year)",
    },
    "prog.col.status": {"id": "Status {year}", "en": "Status {year}"},
    "prog.col.projected": {"id": "Proyeksi {year}", "en": "Projected {year}"},
    "prog.col.year_reached": {"id": "Tahun mencapai {target}", "en": "Year reaching {target}"},
    "prog.col.survey": {"id": "Survei", "en": "Survey"},
    "prog.col.register": {"id": "e-PPGBM", "en": "e-PPGBM"},
    "prog.col.gap": {"id": "Selisih (poin)", "en": "Gap (points)"},
    "prog.series.observed": {"id": "angka survei", "en": "survey figures"},
    "prog.series.projection": {"id": "proyeksi laju saat ini", "en": "projection at current pace"},
    "prog.series.target_path": {"id": "jalur target", "en": "target path"},
    "prog.method.loglinear": {
        "id": "laju dari regresi log-linear atas semua putaran survei sejak {start}",
        "en": "rate from a log-linear fit over all survey rounds since {start}",
    },
    "prog.method.endpoints": {
        "id": "laju dari putaran survei pertama ke terakhir sejak {start}",
        "en": "rate from the first to the last survey round since {start}",
    },
    "prog.method.source": {
        "id": "Rumus AARR: UNICEF, catatan teknis perhitungan AARR; status sesuai/tidak sesuai jalur mengikuti "
        "WHO/UNICEF dan Global Nutrition Report (AARR saat ini ≥ AARR yang dibutuhkan).",
        "en": "AARR formula: UNICEF technical note on calculating the AARR; on/off track follows WHO/UNICEF and "
        "the Global Nutrition Report (current AARR ≥ required AARR).",
    },
    # -- survey vs register -----------------------------------------------------------------
    "prog.svr.why.sample": {
        "id": "Survei (SSGI/SKI) mengukur sampel acak rumah tangga yang mewakili seluruh balita kabupaten/kota; "
        "e-PPGBM mencatat balita yang ditimbang dan diukur di posyandu.",
        "en": "The survey (SSGI/SKI) measures a random sample of households that represents all under-fives of "
        "the district; e-PPGBM records the children weighed and measured at posyandu.",
    },
    "prog.svr.why.coverage": {
        "id": "Cakupan: balita yang tidak datang ke posyandu tidak masuk e-PPGBM, sehingga angka e-PPGBM "
        "biasanya jauh lebih rendah dari survei.",
        "en": "Coverage: children who do not come to posyandu are missing from e-PPGBM, so its figure is usually "
        "far below the survey's.",
    },
    "prog.svr.why.month": {
        "id": "Waktu: e-PPGBM umumnya dari bulan timbang Agustus (kadang bulan lain), survei dari periode "
        "lapangannya sendiri; alat ukur dan pengukur juga berbeda.",
        "en": "Timing: e-PPGBM is usually from the August weighing month (sometimes another month), the survey "
        "from its own fieldwork period; instruments and measurers also differ.",
    },
    "prog.svr.why.use": {
        "id": "Gunakan e-PPGBM untuk memantau perubahan di dalam satu kabupaten/kota; target diukur dengan survei. "
        "Laju tidak pernah dihitung antara kedua sumber.",
        "en": "Use e-PPGBM to follow change within one district; targets are measured with the survey. No rate is "
        "ever computed across the two sources.",
    },
    "prog.svr.row.base": {
        "id": "Survei sampel vs pencatatan rutin posyandu.",
        "en": "Sample survey vs routine posyandu register.",
    },
    "prog.svr.row.month_unknown": {
        "id": "Bulan pengukuran e-PPGBM tidak disebutkan sumber.",
        "en": "The source does not state the e-PPGBM measurement month.",
    },
    "prog.svr.row.month_not_august": {
        "id": "Angka e-PPGBM dari bulan {month}, bukan bulan timbang Agustus.",
        "en": "The e-PPGBM figure is from {month}, not the August weighing month.",
    },
    "prog.svr.row.not_august": {
        "id": "Menurut sumber, angka e-PPGBM ini bukan dari bulan timbang Agustus.",
        "en": "According to the source, this e-PPGBM figure is not from the August weighing month.",
    },
    "prog.month.1": {"id": "Januari", "en": "January"},
    "prog.month.2": {"id": "Februari", "en": "February"},
    "prog.month.3": {"id": "Maret", "en": "March"},
    "prog.month.4": {"id": "April", "en": "April"},
    "prog.month.5": {"id": "Mei", "en": "May"},
    "prog.month.6": {"id": "Juni", "en": "June"},
    "prog.month.7": {"id": "Juli", "en": "July"},
    "prog.month.8": {"id": "Agustus", "en": "August"},
    "prog.month.9": {"id": "September", "en": "September"},
    "prog.month.10": {"id": "Oktober", "en": "October"},
    "prog.month.11": {"id": "November", "en": "November"},
    "prog.month.12": {"id": "Desember", "en": "December"},
    # -- actions vs outcomes ------------------------------------------------------------------
    "prog.avo.summary": {
        "id": "Spearman ρ = {spearman}; Pearson r = {pearson}; n = {n}",
        "en": "Spearman ρ = {spearman}; Pearson r = {pearson}; n = {n}",
    },
    "prog.avo.caveat.small_n": {
        "id": "Jumlah kabupaten/kota kecil (paling banyak 13 per periode): koefisien sangat tidak pasti.",
        "en": "Few districts (13 at most per period): the coefficients are very uncertain.",
    },
    "prog.avo.caveat.not_cause": {
        "id": "Hubungan bukan sebab-akibat; perubahan prevalensi juga dipengaruhi faktor lain dan galat survei.",
        "en": "Association is not cause; prevalence change also reflects other factors and survey error.",
    },
    "prog.avo.caveat.rank": {
        "id": "Peringkat 1 = terbaik: korelasi positif dengan perubahan (poin) berarti peringkat lebih baik "
        "sejalan dengan penurunan lebih besar.",
        "en": "Rank 1 = best: a positive correlation with the change (points) means a better rank goes with a "
        "larger fall.",
    },
    "prog.avo.caveat.flagged": {
        "id": "{n_flagged} pasangan memakai perubahan tidak wajar — periksa sumber.",
        "en": "{n_flagged} pairs use an implausible change — check the source.",
    },
    "prog.avo.caveat.pooled": {
        "id": "Beberapa periode digabung: satu kabupaten/kota dapat muncul lebih dari sekali.",
        "en": "Several periods pooled: a district can appear more than once.",
    },
    # -- errors -----------------------------------------------------------------------------------
    "prog.err.mixed_series": {
        "id": "sumber '{sources}' tidak dapat menjadi satu seri; diharapkan hanya survei (riskesdas, ssgbi, ssgi, "
        "ski) atau hanya e-PPGBM",
        "en": "sources '{sources}' cannot form one series; expected survey sources only (riskesdas, ssgbi, ssgi, "
        "ski) or e-PPGBM only",
    },
    "prog.err.register_target": {
        "id": "target diukur dengan seri survei; seri '{sources}' tidak dapat dinilai terhadap target",
        "en": "targets are measured with the survey series; the series '{sources}' cannot be assessed against a target",
    },
    "prog.err.method": {
        "id": "metode laju '{method}' tidak dikenal; diharapkan {expected}",
        "en": "unknown rate method '{method}'; expected {expected}",
    },
    "prog.err.option": {
        "id": "pilihan {name} = '{value}' tidak valid; diharapkan {expected}",
        "en": "option {name} = '{value}' is not valid; expected {expected}",
    },
    "prog.err.nonpositive": {
        "id": "nilai {value} tidak dapat dipakai untuk laju; diharapkan persen lebih dari 0",
        "en": "value {value} cannot be used for a rate; expected a percent above 0",
    },
    "prog.err.same_year": {
        "id": "dua angka dari tahun yang sama ({year}); laju membutuhkan dua tahun berbeda",
        "en": "two figures from the same year ({year}); a rate needs two different years",
    },
    "prog.err.too_few_points": {
        "id": "hanya {n} tahun; laju membutuhkan paling sedikit dua tahun",
        "en": "only {n} year(s); a rate needs at least two years",
    },
    "prog.tgt.conflicts": {
        "id": "dua angka survei untuk satu tahun ({conflicts}): laju dan status tidak dapat dinilai sampai satu angka "
              "dipilih di berkas prevalensi",
        "en": "two survey figures for one year ({conflicts}): rate and status cannot be judged until one figure is "
              "kept in the prevalence file",
    },
    "prog.err.missing_columns": {
        "id": "tabel {table}: kolom wajib tidak ada: {missing}",
        "en": "table {table}: required columns missing: {missing}",
    },
    "prog.err.plausibility": {
        "id": "batas kewajaran tidak dapat dibaca ({detail}); diharapkan [survey] dan [register] dengan "
        "max_change_pp berupa angka positif",
        "en": "plausibility bound cannot be read ({detail}); expected [survey] and [register] with a positive "
        "max_change_pp",
    },
    "prog.err.unknown_target": {
        "id": "target '{choice}' tidak ditemukan dalam tabel target",
        "en": "target '{choice}' not found in the targets table",
    },

    # -- pages: navigation ------------------------------------------------------------------------
    "prog.nav_section": {"id": "Kemajuan menuju target", "en": "Progress toward targets"},
    "prog.nav_target": {"id": "Target", "en": "Targets"},
    "prog.nav_svr": {"id": "Survei vs e-PPGBM", "en": "Survey vs e-PPGBM"},
    "prog.nav_avo": {"id": "Aksi vs hasil", "en": "Actions vs outcomes"},
    # -- shared labels -----------------------------------------------------------------------------
    "prog.achieved.yes": {"id": "tercapai pada tahun target", "en": "met in the target year"},
    "prog.achieved.no": {"id": "tidak tercapai pada tahun target", "en": "not met in the target year"},
    "prog.scope.national": {"id": "Nasional", "en": "National"},
    "prog.scope.province": {"id": "Provinsi", "en": "Province"},
    "prog.scope.district": {"id": "Kabupaten/kota", "en": "District"},
    "prog.series.alternative": {"id": "angka dari sumber lain", "en": "figure from another source"},
    # -- Target page -------------------------------------------------------------------------------
    "prog.tgt.title": {"id": "Kemajuan menuju target penurunan stunting",
                       "en": "Progress toward the stunting reduction targets"},
    "prog.tgt.intro": {
        "id": "Untuk tiap kabupaten/kota dan provinsi: angka survei terakhir, laju penurunan saat ini, laju yang "
        "dibutuhkan untuk mencapai target, status, dan proyeksi bila laju saat ini berlanjut. Hanya angka survei "
        "(Riskesdas, SSGBI, SSGI, SKI); e-PPGBM tidak dinilai terhadap target.",
        "en": "For each district and the province: the latest survey figure, the current rate of reduction, the "
        "rate needed to reach the target, the status, and the projection if the current pace holds. Survey "
        "figures only (Riskesdas, SSGBI, SSGI, SKI); e-PPGBM is never assessed against a target.",
    },
    "prog.tgt.tag": {"id": "{label}: {value} ({year})", "en": "{label}: {value} ({year})"},
    "prog.tgt.short_tag": {"id": "{value} ({year})", "en": "{value} ({year})"},
    "prog.tgt.other_source": {"id": "sumber lain: {others}", "en": "other source: {others}"},
    "prog.tgt.province_row": {"id": "{name} (provinsi)", "en": "{name} (province)"},
    "prog.tgt.too_few": {
        "id": "hanya {n} angka survei sejak {start}: laju tidak dapat dihitung",
        "en": "only {n} survey figure(s) since {start}: no rate can be computed",
    },
    "prog.tgt.near": {"id": "Target pertama", "en": "First target"},
    "prog.tgt.far": {"id": "Target kedua", "en": "Second target"},
    "prog.tgt.method": {"id": "Cara menghitung laju saat ini", "en": "How the current rate is computed"},
    "prog.tgt.method_loglinear": {"id": "semua putaran (regresi log-linear)", "en": "all rounds (log-linear fit)"},
    "prog.tgt.method_endpoints": {"id": "putaran pertama dan terakhir", "en": "first and last round"},
    "prog.tgt.window": {"id": "Putaran survei yang dipakai", "en": "Survey rounds used"},
    "prog.tgt.window_from": {"id": "sejak {year}", "en": "since {year}"},
    "prog.tgt.window_all": {"id": "semua putaran", "en": "all rounds"},
    "prog.tgt.first_round": {"id": "putaran pertama", "en": "the first round"},
    "prog.tgt.same_target": {
        "id": "Target pertama dan kedua sama; pilih target lain untuk membandingkan.",
        "en": "The first and second targets are the same; choose another to compare.",
    },
    "prog.tgt.table_caption": {
        "id": "Laju dalam persen per tahun (positif = prevalensi turun); {method}. Klik judul kolom untuk "
        "mengurutkan. Proyeksi kosong bila prevalensi tidak turun (kenaikan tidak diproyeksikan).",
        "en": "Rates in percent per year (positive = prevalence falling); {method}. Click a column header to sort. "
        "No projection where prevalence is not falling (rises are not projected).",
    },
    "prog.tgt.target_conflict": {
        "id": "Target {target} berbeda menurut sumber lain: {others}.",
        "en": "Another source gives a different figure for the target {target}: {others}.",
    },
    "prog.tgt.flag_caption": {
        "id": "{n} wilayah memakai perubahan antarputaran yang melewati batas kewajaran ({flag}); lihat kolom "
        "Catatan dan grafik per wilayah.",
        "en": "{n} regions use a change between rounds beyond the plausibility bound ({flag}); see the Notes "
        "column and the chart per region.",
    },
    "prog.tgt.method_title": {"id": "Cara menghitung (rumus dan sumber)", "en": "Method (formulas and sources)"},
    "prog.tgt.method_body": {
        "id": "**Laju penurunan tahunan rata-rata (AARR)** antara dua angka survei: "
        "$\\text{{AARR}} = 1 - (P_2 / P_1)^{{1/(t_2 - t_1)}}$. Dengan lebih dari dua angka, garis lurus dipasang "
        "pada $\\ln P$ terhadap tahun (kuadrat terkecil) dan $\\text{{AARR}} = 1 - e^{{b}}$, $b$ = kemiringan garis. "
        "AARR positif berarti prevalensi turun.\n\n"
        "**Laju yang dibutuhkan** dari angka terakhir $P$ (tahun $t$) menuju target $T$ pada tahun $Y$: "
        "$1 - (T / P)^{{1/(Y - t)}}$. Negatif bila target sudah tercapai.\n\n"
        "**Status**: *sesuai jalur* bila laju saat ini ≥ laju yang dibutuhkan; *tidak sesuai jalur* bila "
        "prevalensi turun tetapi lebih lambat; *tidak ada kemajuan* bila prevalensi tidak turun; *tidak dapat "
        "dinilai* bila ada kurang dari dua angka survei. Untuk target yang tahunnya tidak lebih baru dari data "
        "terakhir ditampilkan apakah angka tahun itu mencapai target.\n\n"
        "**Proyeksi** dari angka terakhir dengan laju saat ini: $P \\cdot (1 - \\text{{AARR}})^{{\\,y - t}}$. "
        "Kenaikan tidak diproyeksikan.\n\n"
        "**Seri**: Riskesdas, SSGBI, SSGI dan SKI dipakai sebagai satu seri survei (definisi sama: TB/U < −2 SD, "
        "balita 0–59 bulan, sampel probabilitas). Jendela bawaan mulai 2021, putaran pertama dengan angka semua "
        "kabupaten/kota. e-PPGBM adalah pengukuran lain dan tidak pernah dinilai terhadap target.\n\n"
        "**Kewajaran**: perubahan lebih dari {bound} poin antara dua putaran berturut-turut (hingga {gap} tahun; "
        "batas membesar untuk jarak lebih panjang) ditandai \"perubahan tidak wajar — periksa sumber\", dan setiap "
        "laju yang memakai perubahan itu ikut ditandai. Angka dari sumber lain yang berbeda ditampilkan di samping "
        "angka utama, tidak dipilih diam-diam.",
        "en": "**Average annual rate of reduction (AARR)** between two survey figures: "
        "$\\text{{AARR}} = 1 - (P_2 / P_1)^{{1/(t_2 - t_1)}}$. With more than two figures, a straight line is "
        "fitted to $\\ln P$ against the year (least squares) and $\\text{{AARR}} = 1 - e^{{b}}$, $b$ = slope. "
        "A positive AARR means prevalence is falling.\n\n"
        "**Required rate** from the latest figure $P$ (year $t$) to a target $T$ in year $Y$: "
        "$1 - (T / P)^{{1/(Y - t)}}$. Negative when the target is already met.\n\n"
        "**Status**: *on track* when the current rate ≥ the required rate; *off track* when prevalence falls but "
        "too slowly; *no progress* when it does not fall; *not assessable* with fewer than two survey figures. "
        "For a target whose year is not after the latest data, whether the figure of that year met it is shown.\n\n"
        "**Projection** from the latest figure at the current rate: $P \\cdot (1 - \\text{{AARR}})^{{\\,y - t}}$. "
        "Rises are not projected.\n\n"
        "**Series**: Riskesdas, SSGBI, SSGI and SKI form one survey series (same definition: HAZ < −2 SD, "
        "children 0–59 months, probability samples). The default window starts in 2021, the first round with "
        "figures for every district. e-PPGBM is a different measurement and is never assessed against targets.\n\n"
        "**Plausibility**: a change of more than {bound} points between consecutive rounds (up to {gap} years "
        "apart; the bound grows for longer gaps) is flagged \"implausible change — check the source\", and every "
        "rate that uses it carries the flag. Figures that another source gives differently are shown beside the "
        "main figure, never silently chosen.",
    },
    "prog.tgt.paths_title": {"id": "Jalur menuju target", "en": "Path toward the targets"},
    "prog.tgt.view": {"id": "Tampilan", "en": "View"},
    "prog.tgt.view_one": {"id": "Satu wilayah", "en": "One region"},
    "prog.tgt.view_all": {"id": "Semua wilayah", "en": "All regions"},
    "prog.tgt.chart_targets": {"id": "Target pada grafik", "en": "Targets on the chart"},
    "prog.tgt.flag_line": {
        "id": "{a} → {b}: {x} → {y} ({change} poin, batas {bound}) — {flag}",
        "en": "{a} → {b}: {x} → {y} ({change} points, bound {bound}) — {flag}",
    },
    "prog.tgt.alt_line": {"id": "{round}: {value}", "en": "{round}: {value}"},
    "prog.tgt.chart_caption": {
        "id": "Garis putus-putus: proyeksi bila laju saat ini berlanjut. Garis titik-titik: jalur yang dibutuhkan "
        "dari angka terakhir menuju target. Bentuk titik: bulatan SSGI, kotak SKI, belah ketupat SSGBI, segitiga "
        "Riskesdas.",
        "en": "Dashed line: projection if the current pace holds. Dotted line: the path needed from the latest "
        "figure to the target. Marker shapes: circle SSGI, square SKI, diamond SSGBI, triangle Riskesdas.",
    },
    "prog.tgt.older_rounds": {
        "id": "Putaran survei sebelum {year} tidak dipakai untuk laju dan tidak digambar di sini; seri lengkap ada "
        "di halaman Tren.",
        "en": "Survey rounds before {year} are not used for the rate and are not drawn here; the full series is on "
        "the Trend page.",
    },
    "prog.tgt.grid_target": {"id": "Target pada grafik kecil", "en": "Target in the small charts"},
    "prog.tgt.grid_caption": {
        "id": "Judul tiap panel: status terhadap target terpilih. Lingkaran merah: perubahan tidak wajar — periksa "
        "sumber. Sumbu sama untuk semua panel.",
        "en": "Each panel's title: status against the chosen target. Red ring: implausible change — check the "
        "source. All panels share their axes.",
    },
    # -- Target page: columns and help ------------------------------------------------------------
    "prog.col.aarr_short": {"id": "Laju saat ini (%/tahun)", "en": "Current rate (%/year)"},
    "prog.col.latest_round": {"id": "Data terakhir", "en": "Latest data"},
    "prog.col.latest_pct": {"id": "Angka terakhir (%)", "en": "Latest figure (%)"},
    "prog.col.required_for": {"id": "Laju dibutuhkan → {target}", "en": "Rate required → {target}"},
    "prog.col.status_for": {"id": "Status → {target}", "en": "Status → {target}"},
    "prog.col.projected_for": {"id": "Proyeksi {year} (%)", "en": "Projected {year} (%)"},
    "prog.col.notes": {"id": "Catatan", "en": "Notes"},
    "prog.col.target": {"id": "Target", "en": "Target"},
    "prog.col.required_short": {"id": "Laju dibutuhkan (%/tahun)", "en": "Rate required (%/year)"},
    "prog.col.status_short": {"id": "Status", "en": "Status"},
    "prog.col.projected_short": {"id": "Proyeksi pada tahun target (%)", "en": "Projected in the target year (%)"},
    "prog.col.year_reached_short": {"id": "Tahun mencapai target", "en": "Year the target is reached"},
    "prog.help.aarr": {
        "id": "Laju penurunan tahunan rata-rata (AARR) dari angka survei dalam jendela; positif = turun.",
        "en": "Average annual rate of reduction (AARR) of the survey figures in the window; positive = falling.",
    },
    "prog.help.latest": {"id": "Angka survei terakhir (persen balita stunting).",
                         "en": "Latest survey figure (percent of under-fives stunted)."},
    "prog.help.required": {
        "id": "Laju penurunan per tahun (%/tahun) yang dibutuhkan dari angka terakhir untuk mencapai target tepat "
        "pada tahunnya.",
        "en": "Yearly rate of reduction (%/year) needed from the latest figure to reach the target in its year.",
    },
    "prog.help.status": {
        "id": "Sesuai jalur bila laju saat ini ≥ laju yang dibutuhkan (aturan WHO/UNICEF).",
        "en": "On track when the current rate ≥ the required rate (WHO/UNICEF rule).",
    },
    "prog.help.projected": {"id": "Prevalensi pada tahun target bila laju saat ini berlanjut.",
                            "en": "Prevalence in the target year if the current pace holds."},
    "prog.help.year_reached": {"id": "Tahun pertama angka proyeksi mencapai tingkat target.",
                               "en": "First year in which the projection reaches the target level."},
    # -- Target page: figures ----------------------------------------------------------------------
    "prog.fig.in_window": {"id": "dipakai untuk laju", "en": "used for the rate"},
    "prog.fig.out_of_window": {"id": "di luar jendela laju", "en": "outside the rate window"},
    "prog.fig.alt_point": {"id": "lain: {value}", "en": "other: {value}"},
    "prog.fig.projection_named": {"id": "proyeksi laju saat ini ({rate}%/tahun)",
                                  "en": "projection at current pace ({rate}%/year)"},
    "prog.fig.projection_at": {"id": "proyeksi {year}: {value}", "en": "projected {year}: {value}"},
    "prog.fig.target_path_named": {"id": "jalur target {target}", "en": "target path {target}"},
    # -- Survey vs e-PPGBM page --------------------------------------------------------------------
    "prog.svr.title": {"id": "Survei vs e-PPGBM", "en": "Survey vs e-PPGBM"},
    "prog.svr.intro": {
        "id": "Angka survei (SSGI/SKI) dan angka e-PPGBM untuk wilayah dan tahun yang sama, berdampingan. Keduanya "
        "pengukuran yang berbeda: selisihnya diperlihatkan, tetapi tidak digabung menjadi satu tren.",
        "en": "The survey figure (SSGI/SKI) and the e-PPGBM figure for the same region and year, side by side. They "
        "are different measurements: the gap is shown, but they are never joined into one trend.",
    },
    "prog.svr.none": {"id": "Tidak ada wilayah dengan angka survei dan e-PPGBM pada tahun yang sama.",
                      "en": "No region has a survey figure and an e-PPGBM figure for the same year."},
    "prog.svr.years": {"id": "Tahun", "en": "Years"},
    "prog.svr.kpi_pairs": {"id": "Pasangan angka", "en": "Pairs of figures"},
    "prog.svr.kpi_districts": {"id": "Kabupaten/kota", "en": "Districts"},
    "prog.svr.kpi_ratio": {"id": "Survei ÷ e-PPGBM", "en": "Survey ÷ e-PPGBM"},
    "prog.svr.ratio_range": {"id": "{lo}× sampai {hi}×", "en": "{lo}× to {hi}×"},
    "prog.svr.chart_caption": {
        "id": "Tiap baris: satu wilayah pada satu tahun. Kiri: survei (bulatan SSGI, kotak SKI); kanan: e-PPGBM "
        "(silang oranye). Angka ditulis sebagaimana dipublikasikan. Selisih dan rasio ada di tabel.",
        "en": "Each row: one region in one year. Left: survey (circle SSGI, square SKI); right: e-PPGBM (orange "
        "cross). Figures are written as published. The gap and ratio are in the table.",
    },
    "prog.svr.why_title": {"id": "Mengapa angkanya berbeda", "en": "Why the figures differ"},
    "prog.svr.table_title": {"id": "Angka dan catatan per wilayah", "en": "Figures and notes per region"},
    "prog.svr.legend_survey": {"id": "Survei (SSGI/SKI)", "en": "Survey (SSGI/SKI)"},
    "prog.svr.legend_register": {"id": "e-PPGBM (pencatatan rutin)", "en": "e-PPGBM (routine register)"},
    "prog.svr.month_unknown_short": {"id": "bulan tidak disebut", "en": "month not stated"},
    "prog.svr.col.region": {"id": "Wilayah", "en": "Region"},
    "prog.svr.col.year": {"id": "Tahun", "en": "Year"},
    "prog.svr.col.round": {"id": "Survei", "en": "Survey"},
    "prog.svr.col.survey": {"id": "Survei (%)", "en": "Survey (%)"},
    "prog.svr.col.register": {"id": "e-PPGBM (%)", "en": "e-PPGBM (%)"},
    "prog.svr.col.gap": {"id": "Selisih (poin)", "en": "Gap (points)"},
    "prog.svr.col.ratio": {"id": "Survei ÷ e-PPGBM", "en": "Survey ÷ e-PPGBM"},
    "prog.svr.col.month": {"id": "Bulan e-PPGBM", "en": "e-PPGBM month"},
    "prog.svr.col.note": {"id": "Catatan", "en": "Notes"},
    "prog.svr.help.gap": {"id": "Survei dikurangi e-PPGBM, dalam poin persen.",
                          "en": "Survey minus e-PPGBM, in percentage points."},
    "prog.svr.help.ratio": {"id": "Berapa kali angka survei dibanding angka e-PPGBM.",
                            "en": "How many times the e-PPGBM figure the survey figure is."},
    # -- Actions vs outcomes page ------------------------------------------------------------------
    "prog.avo.title": {"id": "Aksi konvergensi vs hasil", "en": "Convergence actions vs outcomes"},
    "prog.avo.intro": {
        "id": "Hasil penilaian kinerja aksi konvergensi tiap kabupaten/kota dibandingkan dengan perubahan "
        "prevalensi stunting (survei) pada tahun yang bersesuaian.",
        "en": "Each district's assessment result for the convergence actions compared with its change in "
        "stunting prevalence (survey) over the matching years.",
    },
    "prog.avo.no_results": {
        "id": "Belum ada hasil penilaian yang tersedia (data/kp2s_results.csv tidak ditemukan).",
        "en": "No assessment results are available (data/kp2s_results.csv not found).",
    },
    "prog.avo.published_only": {
        "id": "Hanya hasil yang dipublikasikan media/instansi: {n} peringkat provinsi untuk periode kinerja "
        "{periods}, umumnya hanya tiga besar, dan hampir tanpa skor. Ini bukan data penilaian lengkap.",
        "en": "Published results only (press and agency pages): {n} provincial ranks for the performance periods "
        "{periods}, mostly the top three, almost without scores. This is not the full assessment data.",
    },
    "prog.avo.periods": {"id": "Periode kinerja", "en": "Performance periods"},
    "prog.avo.timing": {"id": "Perubahan prevalensi", "en": "Change in prevalence"},
    "prog.avo.timing_before": {"id": "putaran sebelum periode → putaran periode (P−1 → P)",
                               "en": "round before the period → round of the period (P−1 → P)"},
    "prog.avo.timing_after": {"id": "putaran periode → putaran sesudahnya (P → P+1)",
                              "en": "round of the period → round after it (P → P+1)"},
    "prog.avo.outcome": {"id": "Ukuran hasil", "en": "Outcome measure"},
    "prog.avo.outcome_change_pp": {"id": "perubahan (poin)", "en": "change (points)"},
    "prog.avo.outcome_aarr_pct": {"id": "laju penurunan (%/tahun)", "en": "rate of reduction (%/year)"},
    "prog.avo.measure": {"id": "Hasil penilaian", "en": "Assessment result"},
    "prog.avo.measure_rank": {"id": "peringkat", "en": "rank"},
    "prog.avo.measure_score": {"id": "skor ({n} dipublikasikan)", "en": "score ({n} published)"},
    "prog.avo.exclude_flagged": {"id": "Abaikan pasangan dengan perubahan tidak wajar",
                                 "en": "Leave out pairs with an implausible change"},
    "prog.avo.choose_period": {"id": "Pilih paling sedikit satu periode.", "en": "Choose at least one period."},
    "prog.avo.kpi_n": {"id": "Pasangan yang dipakai (n)", "en": "Pairs used (n)"},
    "prog.avo.no_correlation": {
        "id": "Korelasi tidak dihitung: hanya n = {n} pasangan (paling sedikit 3).",
        "en": "No correlation computed: only n = {n} pairs (at least 3 needed).",
    },
    "prog.avo.nothing_to_plot": {
        "id": "Tidak ada pasangan dengan angka survei pada kedua tahun yang bersesuaian.",
        "en": "No pair has a survey figure in both matching years.",
    },
    "prog.avo.caption": {
        "id": "Ini hubungan (asosiasi), bukan bukti bahwa aksi konvergensi menyebabkan perubahan prevalensi. Garis "
        "abu-abu: perubahan angka provinsi Kalimantan Selatan pada tahun yang sama.",
        "en": "This is an association, not proof that the convergence actions caused the change in prevalence. "
        "Grey line: the change of the Kalimantan Selatan provincial figure over the same years.",
    },
    "prog.avo.table_title": {"id": "Hasil penilaian dan perubahan prevalensi", "en": "Assessment results and "
                             "change in prevalence"},
    "prog.avo.years_note": {
        "id": "Periode = tahun kinerja yang dinilai (penilaian diadakan tahun berikutnya). Survei kabupaten/kota "
        "tersedia untuk 2021–2024 saja.",
        "en": "Period = the performance year assessed (the assessment is held the following year). District survey "
        "figures exist for 2021–2024 only.",
    },
    "prog.avo.legend_districts": {"id": "kabupaten/kota", "en": "districts"},
    "prog.avo.axis_rank": {"id": "Peringkat provinsi (1 = terbaik)", "en": "Provincial rank (1 = best)"},
    "prog.avo.axis_score": {"id": "Skor penilaian", "en": "Assessment score"},
    "prog.avo.axis_change_pp": {"id": "Perubahan prevalensi (poin; negatif = turun)",
                                "en": "Change in prevalence (points; negative = fall)"},
    "prog.avo.axis_aarr_pct": {"id": "Laju penurunan (%/tahun; positif = turun)",
                               "en": "Rate of reduction (%/year; positive = fall)"},
    "prog.avo.province_line": {"id": "Kalsel {a}→{b}: {value}", "en": "Kalsel {a}→{b}: {value}"},
    "prog.avo.col.region": {"id": "Kabupaten/kota", "en": "District"},
    "prog.avo.col.period": {"id": "Periode kinerja", "en": "Performance period"},
    "prog.avo.col.rank": {"id": "Peringkat", "en": "Rank"},
    "prog.avo.col.score": {"id": "Skor", "en": "Score"},
    "prog.avo.col.years": {"id": "Tahun survei", "en": "Survey years"},
    "prog.avo.col.start": {"id": "Awal (%)", "en": "Start (%)"},
    "prog.avo.col.end": {"id": "Akhir (%)", "en": "End (%)"},
    "prog.avo.col.change": {"id": "Perubahan (poin)", "en": "Change (points)"},
    "prog.avo.col.aarr": {"id": "Laju (%/tahun)", "en": "Rate (%/year)"},
    "prog.avo.col.used": {"id": "Dipakai", "en": "Used"},
    "prog.avo.reason_no_round": {"id": "tidak ada angka survei {years}", "en": "no survey figure for {years}"},
    "prog.avo.reason_flagged": {"id": "diabaikan: perubahan tidak wajar", "en": "left out: implausible change"},
    "prog.avo.reason_no_measure": {"id": "tidak ada peringkat/skor", "en": "no rank/score"},
    "prog.avo.help.period": {"id": "Tahun kinerja yang dinilai.", "en": "Performance year assessed."},
    "prog.avo.help.rank": {"id": "Peringkat provinsi yang dipublikasikan (1 = terbaik).",
                           "en": "Published provincial rank (1 = best)."},
    "prog.avo.direction": {
        "id": "Di sini korelasi {sign} berarti hasil penilaian yang lebih baik sejalan dengan penurunan prevalensi "
        "yang lebih besar.",
        "en": "Here a {sign} correlation means a better assessment result goes with a larger fall in prevalence.",
    },
    "prog.avo.sign_positive": {"id": "positif", "en": "positive"},
    "prog.avo.sign_negative": {"id": "negatif", "en": "negative"},
    "prog.avo.kpi_spearman": {"id": "Spearman ρ", "en": "Spearman ρ"},
    "prog.avo.kpi_pearson": {"id": "Pearson r", "en": "Pearson r"},
    "prog.avo.rows_left_out": {
        "id": "{n} baris hasil yang dipublikasikan tidak dapat dipakai",
        "en": "{n} published result rows could not be used",
    },
    "prog.avo.no_period": {
        "id": "{n} peringkat lain tanpa periode kinerja yang jelas tidak dipakai.",
        "en": "{n} other ranks without a clear performance period are not used.",
    },
    # -- polish: short headers, exports, separate panels, small n ----------------------------
    "prog.col.required_year": {"id": "Laju dibutuhkan {year} (%/tahun)", "en": "Rate required {year} (%/year)"},
    "prog.col.required_one": {"id": "Laju dibutuhkan (%/tahun)", "en": "Rate required (%/year)"},
    "prog.col.status_year": {"id": "Status {year}", "en": "Status {year}"},
    "prog.col.reached_year": {"id": "Tahun mencapai target {year}", "en": "Year target {year} is reached"},
    "prog.col.reached_one": {"id": "Tahun mencapai target", "en": "Year target is reached"},
    "prog.tgt.below_target": {"id": "sudah di bawah target", "en": "already below the target"},
    "prog.tgt.tabs_caption": {
        "id": "Satu tab per target; unduhan memuat kedua target.",
        "en": "One tab per target; the download holds both targets.",
    },
    "prog.exp.rounds": {
        "id": "Angka survei (SSGI/SKI, indikator utama) putaran {rounds}; {method}",
        "en": "Survey figures (SSGI/SKI, headline indicator), rounds {rounds}; {method}",
    },
    "prog.exp.target": {
        "id": "Target {year}: {label} {value} (dasar: {basis}) — {url}",
        "en": "Target {year}: {label} {value} (basis: {basis}) — {url}",
    },
    "prog.exp.svr_sources": {
        "id": "Survei: SSGI/SKI (Kemenkes, survei sampel); e-PPGBM: pencatatan rutin posyandu (Kemenkes).",
        "en": "Survey: SSGI/SKI (Ministry of Health, sample survey); e-PPGBM: routine posyandu register "
        "(Ministry of Health).",
    },
    "prog.svr.panel_survey": {"id": "Survei (SSGI/SKI), %", "en": "Survey (SSGI/SKI), %"},
    "prog.svr.panel_register": {"id": "e-PPGBM (pencatatan rutin), %", "en": "e-PPGBM (routine register), %"},
    "prog.svr.chart_title": {
        "id": "Dua ukuran berbeda, masing-masing dengan sumbunya sendiri — bandingkan per baris, jangan "
        "gabungkan menjadi satu tren",
        "en": "Two different measures, each on its own axis — compare row by row, never join them into one trend",
    },
    "prog.avo.no_conclusion": {
        "id": "Hanya n = {n} pasangan: terlalu sedikit untuk menarik kesimpulan apa pun tentang hubungan aksi "
        "konvergensi dan perubahan prevalensi.",
        "en": "Only n = {n} pairs: too few to draw any conclusion about convergence actions and the change in "
        "prevalence.",
    },
    "prog.avo.corr_small": {
        "id": "Koefisien (sangat tidak pasti dengan n = {n}; asosiasi, bukan sebab-akibat): Spearman ρ = "
        "{spearman}, Pearson r = {pearson}.",
        "en": "Coefficients (very uncertain with n = {n}; an association, not cause and effect): Spearman ρ = "
        "{spearman}, Pearson r = {pearson}.",
    },
    "prog.avo.title_small_n": {
        "id": "n = {n} pasangan — terlalu sedikit untuk kesimpulan",
        "en": "n = {n} pairs — too few for a conclusion",
    },
    "prog.avo.title_n": {"id": "n = {n} pasangan", "en": "n = {n} pairs"},
    "prog.exp.avo_sources": {
        "id": "Hasil penilaian kinerja aksi konvergensi yang dipublikasikan (peringkat/skor provinsi) dan angka "
        "survei (SSGI/SKI, indikator utama) pada tahun yang bersesuaian.",
        "en": "Published convergence-action assessment results (provincial rank/score) and survey figures "
        "(SSGI/SKI, headline indicator) for the matching years.",
    },
}


