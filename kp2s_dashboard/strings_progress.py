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
    "prog.err.duplicate_point": {
        "id": "wilayah {code} tahun {year} punya lebih dari satu angka dalam satu seri ({sources}); diharapkan satu",
        "en": "region {code} has more than one figure for {year} in one series ({sources}); expected one",
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
}
