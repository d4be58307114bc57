"""UI strings of the district profile (Profil) and comparison (Bandingkan)
views; merged into :data:`kp2s_dashboard.strings.CATALOGUE`. Keys start with
``prof.``."""

CATALOGUE: dict[str, dict[str, str]] = {
    # -- navigation -----------------------------------------------------------------------------
    "prof.nav_section": {"id": "Kabupaten/kota", "en": "Districts"},
    "prof.nav_profile": {"id": "Profil kabupaten/kota", "en": "District profile"},
    "prof.nav_compare": {"id": "Bandingkan", "en": "Compare"},
    "prof.to_profile": {"id": "Lihat profil", "en": "See the profile"},
    "prof.to_compare": {"id": "Bandingkan dengan kabupaten/kota lain", "en": "Compare with other districts"},
    "prof.to_trend": {"id": "Tren lengkap", "en": "Full trend"},
    "prof.to_map": {"id": "Kembali ke peta", "en": "Back to the map"},
    # -- errors ---------------------------------------------------------------------------------
    "prof.err.mode": {
        "id": "kelompok pembanding '{mode}' tidak dikenal; yang tersedia: {expected}",
        "en": "unknown peer group '{mode}'; expected one of: {expected}",
    },
    "prof.err.peer_input": {
        "id": "kelompok pembanding '{mode}' memerlukan {needed}",
        "en": "the peer group '{mode}' needs {needed}",
    },
    # -- small pieces ---------------------------------------------------------------------------
    "prof.points": {"id": "{value} poin", "en": "{value} points"},
    "prof.per_year": {"id": "{value} per tahun", "en": "{value} a year"},
    "prof.trend_fall": {"id": "turun rata-rata {value} per tahun", "en": "falling by {value} a year on average"},
    "prof.trend_rise": {"id": "naik rata-rata {value} per tahun", "en": "rising by {value} a year on average"},
    "prof.rank_value": {"id": "peringkat {rank}", "en": "rank {rank}"},
    "prof.action_n": {"id": "Aksi {n}", "en": "Action {n}"},
    "prof.target_tag": {"id": "target {year} ({value})", "en": "the {year} target ({value})"},
    # -- positions among the 13 ---------------------------------------------------------------------
    "prof.measure.change": {"id": "Perubahan {first} → {second}", "en": "Change {first} → {second}"},
    "prof.measure.aarr": {"id": "Laju penurunan saat ini (AARR)", "en": "Current rate of reduction (AARR)"},
    "prof.measure.assessment": {"id": "Penilaian {year} (kinerja {period})",
                                "en": "Assessment held in {year} (performance {period})"},
    "prof.pos.rank_extreme": {"id": "peringkat {rank} dari {n} kabupaten/kota dengan data, {words}",
                              "en": "rank {rank} of {n} districts with data, {words}"},
    "prof.pos.rank_middle": {"id": "peringkat {rank} dari {n} kabupaten/kota dengan data ({words})",
                             "en": "rank {rank} of {n} districts with data ({words})"},
    "prof.pos.assessment": {"id": "peringkat {rank} dari {n} kabupaten/kota", "en": "rank {rank} of {n} districts"},
    "prof.pos.only": {"id": "satu-satunya kabupaten/kota dengan angka", "en": "the only district with a figure"},
    "prof.pos.no_data": {"id": "tidak ada angka ({n} kabupaten/kota lain memiliki angka)",
                         "en": "no figure ({n} other districts have one)"},
    "prof.pos.prev.best": {"id": "terendah", "en": "lowest"},
    "prof.pos.prev.worst": {"id": "tertinggi", "en": "highest"},
    "prof.pos.prev.middle": {"id": "1 = terendah", "en": "1 = lowest"},
    "prof.pos.change.best": {"id": "penurunan terbesar", "en": "biggest fall"},
    "prof.pos.change.worst_rise": {"id": "kenaikan terbesar", "en": "biggest rise"},
    "prof.pos.change.worst_fall": {"id": "penurunan terkecil", "en": "smallest fall"},
    "prof.pos.change.middle": {"id": "1 = penurunan terbesar", "en": "1 = biggest fall"},
    "prof.pos.aarr.best": {"id": "laju penurunan tercepat", "en": "fastest reduction"},
    "prof.pos.aarr.worst_rise": {"id": "kenaikan tercepat", "en": "fastest rise"},
    "prof.pos.aarr.worst_fall": {"id": "laju penurunan paling lambat", "en": "slowest reduction"},
    "prof.pos.aarr.middle": {"id": "1 = laju penurunan tercepat", "en": "1 = fastest reduction"},
    # -- summary sentences ----------------------------------------------------------------------------
    "prof.sum.no_survey": {"id": "Belum ada angka survei untuk {name}.", "en": "There is no survey figure for {name} yet."},
    "prof.sum.ref_province": {"id": "provinsi {value}", "en": "province {value}"},
    "prof.sum.ref_national": {"id": "nasional {value}", "en": "national {value}"},
    "prof.sum.latest_lowest": {
        "id": "{name} mencatat prevalensi stunting terendah di provinsi menurut {round}: {value}{refs}.",
        "en": "{name} has the lowest stunting prevalence in the province in {round}: {value}{refs}.",
    },
    "prof.sum.latest_highest": {
        "id": "{name} mencatat prevalensi stunting tertinggi di provinsi menurut {round}: {value}{refs}.",
        "en": "{name} has the highest stunting prevalence in the province in {round}: {value}{refs}.",
    },
    "prof.sum.latest_rank": {
        "id": "Prevalensi stunting {name} menurut {round}: {value}{refs}, peringkat {rank} dari {n} kabupaten/kota "
        "dengan data (1 = terendah).",
        "en": "{name}'s stunting prevalence in {round}: {value}{refs}, rank {rank} of {n} districts with data "
        "(1 = lowest).",
    },
    "prof.sum.alternatives": {"id": "Sumber lain menyebut {others}.", "en": "Another source gives {others}."},
    "prof.sum.change_fall": {"id": "Angka ini turun {change} poin dari {previous} ({value}).",
                             "en": "This is {change} points down from {previous} ({value})."},
    "prof.sum.change_rise": {"id": "Angka ini naik {change} poin dari {previous} ({value}).",
                             "en": "This is {change} points up from {previous} ({value})."},
    "prof.sum.change_same": {"id": "Angka ini sama dengan {previous} ({value}).",
                             "en": "This is the same as {previous} ({value})."},
    "prof.sum.flagged": {"id": "Perubahan ini ditandai: {flag}.", "en": "This change is flagged: {flag}."},
    "prof.sum.status": {
        "id": "Dengan tren saat ini ({trend}, survei {first_year}–{latest_year}), {name} {phrase}.",
        "en": "At the current trend ({trend}, surveys {first_year}–{latest_year}), {name} is {phrase}.",
    },
    "prof.sum.status.on_track": {"id": "sesuai jalur menuju {target}", "en": "on track for {target}"},
    "prof.sum.status.off_track": {"id": "tidak sesuai jalur menuju {target}", "en": "off track for {target}"},
    "prof.sum.status.no_progress": {"id": "tidak menunjukkan kemajuan menuju {target}",
                                    "en": "making no progress toward {target}"},
    "prof.sum.status.not_assessable": {"id": "belum dapat dinilai terhadap {target}",
                                       "en": "not assessable against {target}"},
    "prof.sum.status.target_year_passed": {"id": "sudah melewati tahun {target}",
                                           "en": "past the year of {target}"},
    "prof.sum.status.both": {"id": "{near} maupun {far}", "en": "{near} and {far}"},
    "prof.sum.status.and": {"id": "{first}, dan {second}", "en": "{first}, and {second}"},
    "prof.sum.conflicts": {
        "id": "Status {name} terhadap target tidak dapat dinilai: ada dua angka survei untuk satu tahun ({conflicts}); "
              "pilih satu di berkas prevalensi.",
        "en": "{name}'s status toward the targets cannot be judged: two survey figures for one year ({conflicts}); "
              "keep one in the prevalence file.",
    },
    "prof.sum.not_assessable": {
        "id": "Status {name} terhadap target tidak dapat dinilai: hanya {n} angka survei sejak {start}.",
        "en": "{name}'s status toward the targets cannot be assessed: only {n} survey figure(s) since {start}.",
    },
    "prof.sum.already_below": {"id": "Angka terakhir ({value}) sudah di bawah {target}.",
                               "en": "The latest figure ({value}) is already below {target}."},
    "prof.sum.required": {"id": "Untuk mencapai {target} dibutuhkan penurunan {required} per tahun.",
                          "en": "Reaching {target} needs a reduction of {required} a year."},
    "prof.sum.rate_flagged": {"id": "Laju ini memuat perubahan yang ditandai ({pairs}): {flag}.",
                              "en": "This rate includes a flagged change ({pairs}): {flag}."},
    "prof.sum.assessment_rank": {
        "id": "Pada penilaian kinerja aksi konvergensi yang diselenggarakan tahun {year} (kinerja {period}), {name} "
        "meraih peringkat {rank} dari {n} kabupaten/kota.",
        "en": "In the convergence action assessment held in {year} (performance {period}), {name} ranked {rank} of "
        "{n} districts.",
    },
    "prof.sum.rank_up": {"id": "Naik {steps} peringkat dari penilaian {year} (peringkat {previous}).",
                         "en": "Up {steps} places from the assessment held in {year} (rank {previous})."},
    "prof.sum.rank_down": {"id": "Turun {steps} peringkat dari penilaian {year} (peringkat {previous}).",
                           "en": "Down {steps} places from the assessment held in {year} (rank {previous})."},
    "prof.sum.rank_same": {"id": "Sama dengan penilaian {year} (peringkat {previous}).",
                           "en": "The same as in the assessment held in {year} (rank {previous})."},
    "prof.sum.assessment_none": {
        "id": "Peringkat {name} pada penilaian {year} (kinerja {period}) tidak dipublikasikan; hanya peringkat "
        "teratas yang diumumkan.",
        "en": "{name}'s rank in the assessment held in {year} (performance {period}) was not published; only the "
        "top ranks were announced.",
    },
    "prof.sum.assessment_older": {
        "id": "Peringkat {name} pada penilaian {year} (kinerja {period}) tidak dipublikasikan; peringkat terakhir "
        "yang diketahui: {rank} pada penilaian {old_year} (kinerja {old_period}).",
        "en": "{name}'s rank in the assessment held in {year} (performance {period}) was not published; the latest "
        "known rank is {rank}, in the assessment held in {old_year} (performance {old_period}).",
    },
    "prof.sum.register": {
        "id": "Pencatatan rutin e-PPGBM {year} mencatat {value}; ini pengukuran lain dan tidak dibandingkan "
        "langsung dengan angka survei.",
        "en": "The routine e-PPGBM register ({year}) records {value}; this is a different measurement and is not "
        "compared directly with the survey figures.",
    },
    # -- figures ----------------------------------------------------------------------------------------
    "prof.fig.panel_survey": {"id": "Survei (Riskesdas, SSGBI, SSGI, SKI)", "en": "Surveys (Riskesdas, SSGBI, SSGI, SKI)"},
    "prof.fig.panel_register": {"id": "e-PPGBM (pencatatan rutin)", "en": "e-PPGBM (routine register)"},
    "prof.fig.projection": {"id": "Proyeksi laju saat ini ({rate}/tahun)", "en": "Projection at the current pace ({rate}/yr)"},
    "prof.fig.projection_short": {"id": "proyeksi", "en": "projection"},
    "prof.fig.targets": {"id": "Target nasional", "en": "National targets"},
    "prof.fig.register": {"id": "{name} (e-PPGBM)", "en": "{name} (e-PPGBM)"},
    "prof.fig.ref_63": {"id": "Kalsel", "en": "Kalsel"},
    "prof.fig.ref_00": {"id": "Indonesia", "en": "Indonesia"},
    "prof.fig.rank_hover": {"id": "peringkat {rank} dari {n} (1 = terendah)", "en": "rank {rank} of {n} (1 = lowest)"},
    "prof.fig.axis_round": {"id": "Prevalensi stunting, {round}", "en": "Stunting prevalence, {round}"},
    "prof.fig.axis_change": {"id": "Perubahan {first} → {second} (poin)", "en": "Change {first} → {second} (points)"},
    "prof.fig.rank_of": {"id": "peringkat {rank} dari {n}", "en": "rank {rank} of {n}"},
    "prof.fig.district_score": {"id": "Nilai kabupaten/kota", "en": "District score"},
    "prof.fig.province_mean": {"id": "Rata-rata provinsi", "en": "Province mean"},
    "prof.fig.axis_score": {"id": "Nilai (0–100)", "en": "Score (0–100)"},
    "prof.fig.score_hover": {"id": "Nilai {score}; rata-rata provinsi {mean}<br>{rank} (1 = tertinggi)",
                             "en": "Score {score}; province mean {mean}<br>{rank} (1 = highest)"},
    # -- status lines ----------------------------------------------------------------------------------
    "prof.status.rates": {"id": "laju saat ini {current}, dibutuhkan {required}",
                          "en": "current pace {current}, required {required}"},
    "prof.status.met": {"id": "angka terakhir {value} sudah di bawah target; laju saat ini {current}",
                        "en": "the latest figure {value} is already below the target; current pace {current}"},
    "prof.status.projected": {"id": "proyeksi {year}: {value}", "en": "projected {year}: {value}"},
    "prof.status.reached": {"id": "tercapai sekitar {year} bila laju bertahan",
                            "en": "reached around {year} if the pace holds"},
    # -- Bandingkan page ---------------------------------------------------------------------------------
    "prof.cmp.title": {"id": "Bandingkan kabupaten/kota", "en": "Compare districts"},
    "prof.cmp.intro": {
        "id": "Pilih kabupaten/kota dan kelompok pembandingnya: semua kabupaten/kota, tetangga yang berbatasan "
        "langsung, atau yang berada di kelas prevalensi yang sama. Garis pembanding: Kalimantan Selatan dan Indonesia.",
        "en": "Choose a district and the group to compare it with: all districts, the neighbours it shares a border "
        "with, or those in the same prevalence class. Reference lines: Kalimantan Selatan and Indonesia.",
    },
    "prof.cmp.peers": {"id": "Dibandingkan dengan", "en": "Compared with"},
    "prof.cmp.mode.all": {"id": "Semua", "en": "All"},
    "prof.cmp.mode.neighbours": {"id": "Tetangga", "en": "Neighbours"},
    "prof.cmp.mode.class": {"id": "Kelas yang sama", "en": "Same class"},
    "prof.cmp.group_all": {"id": "Semua {n} kabupaten/kota.", "en": "All {n} districts."},
    "prof.cmp.group_neighbours": {"id": "{name} dan {n} tetangganya: {names}.",
                                  "en": "{name} and its {n} neighbours: {names}."},
    "prof.cmp.group_neighbours_none": {"id": "{name} tidak berbatasan dengan kabupaten/kota lain dalam berkas batas wilayah.",
                                       "en": "{name} shares no border with another district in the boundary file."},
    "prof.cmp.group_class": {"id": "{name} dan {n} kabupaten/kota lain di kelas {klass}: {names}.",
                             "en": "{name} and {n} other districts in the class {klass}: {names}."},
    "prof.cmp.group_class_none": {"id": "Tidak ada kabupaten/kota lain di kelas yang sama dengan {name} pada putaran ini.",
                                  "en": "No other district is in the same class as {name} in this round."},
    "prof.cmp.focus": {"id": "{name}, {round}: {value} — peringkat {rank} dari {n} dalam kelompok ini (1 = terendah)",
                       "en": "{name}, {round}: {value} — rank {rank} of {n} in this group (1 = lowest)"},
    "prof.cmp.focus_none": {"id": "{name} tidak memiliki angka pada {round}.", "en": "{name} has no figure in {round}."},
    "prof.cmp.no_neighbours": {
        "id": "Tetangga dihitung dari batas wilayah, yang belum tersedia; ditampilkan semua kabupaten/kota.",
        "en": "Neighbours are computed from the boundaries, which are not available; all districts are shown.",
    },
    "prof.cmp.level_title": {"id": "Prevalensi pada {round}", "en": "Prevalence in {round}"},
    "prof.cmp.change_title": {"id": "Perubahan sejak {previous}", "en": "Change since {previous}"},
    "prof.cmp.no_previous": {"id": "Tidak ada putaran sebelumnya dari deret yang sama.",
                             "en": "There is no earlier round of the same series."},
    "prof.cmp.no_change": {"id": "Tidak ada kabupaten/kota dalam kelompok ini yang memiliki angka pada kedua putaran.",
                           "en": "No district in this group has a figure in both rounds."},
    "prof.cmp.missing": {"id": "Tanpa angka pada {round}: {names}.", "en": "No figure in {round}: {names}."},
    "prof.cmp.chart_caption": {
        "id": "Warna titik: kelas prevalensi (ambang WHO/UNICEF). Baris berwarna: kabupaten/kota terpilih. Garis: "
        "Kalimantan Selatan (putus-putus) dan Indonesia (titik-titik) pada putaran yang sama.",
        "en": "Dot colour: prevalence class (WHO/UNICEF thresholds). Shaded row: the chosen district. Lines: "
        "Kalimantan Selatan (dashed) and Indonesia (dotted) in the same round.",
    },
    "prof.cmp.table_title": {"id": "Angka kelompok pembanding", "en": "Figures of the group"},
    "prof.cmp.col_class": {"id": "Kelas", "en": "Class"},
    "prof.cmp.col_value": {"id": "{round}", "en": "{round}"},
    "prof.cmp.col_change": {"id": "Perubahan (poin)", "en": "Change (points)"},
    "prof.cmp.col_rank": {"id": "Peringkat", "en": "Rank"},
    # -- Profil page -------------------------------------------------------------------------------------
    "prof.title": {"id": "Profil kabupaten/kota", "en": "District profile"},
    "prof.summary_title": {"id": "**Ringkasan**", "en": "**Summary**"},
    "prof.latest_title": {"id": "Angka terbaru", "en": "Latest figures"},
    "prof.kpi_survey": {"id": "Survei — {round}", "en": "Survey — {round}"},
    "prof.kpi_delta": {"id": "{change} dari {previous}", "en": "{change} from {previous}"},
    "prof.kpi_register": {"id": "e-PPGBM {year} (pencatatan rutin)", "en": "e-PPGBM {year} (routine register)"},
    "prof.class_line": {"id": "Kelas: **{klass}**", "en": "Class: **{klass}**"},
    "prof.ref_line": {"id": "{refs} ({round})", "en": "{refs} ({round})"},
    "prof.no_register": {"id": "Tidak ada angka e-PPGBM untuk {name} dalam data.",
                         "en": "No e-PPGBM figure for {name} in the data."},
    "prof.register_note": {
        "id": "e-PPGBM adalah pencatatan rutin posyandu, bukan survei: angkanya tidak dibandingkan dengan survei dan "
        "tidak dinilai terhadap target.",
        "en": "e-PPGBM is the routine posyandu register, not a survey: its figures are not compared with the survey "
        "and not assessed against targets.",
    },
    "prof.trend_title": {"id": "Tren dan target", "en": "Trend and targets"},
    "prof.trend_caption": {
        "id": "Status: laju penurunan saat ini (AARR, regresi log-linear atas angka survei sejak 2021) dibanding laju "
        "yang dibutuhkan untuk mencapai target (metode UNICEF/WHO). Proyeksi hanya bila prevalensi turun.",
        "en": "Status: the current rate of reduction (AARR, log-linear fit over the survey figures since 2021) against "
        "the rate needed to reach the target (UNICEF/WHO method). Projections only where prevalence is falling.",
    },
    "prof.own_target": {"id": "{label} {value} pada {year}", "en": "{label} {value} by {year}"},
    "prof.own_targets": {"id": "Target daerah: {items}.", "en": "District targets: {items}."},
    "prof.positions_title": {"id": "Posisi di antara 13 kabupaten/kota", "en": "Position among the 13 districts"},
    "prof.assessment_title": {"id": "Hasil penilaian aksi konvergensi", "en": "Convergence action assessment results"},
    "prof.no_published_rank": {
        "id": "Tidak ada peringkat {name} yang dipublikasikan; umumnya hanya peringkat teratas yang diumumkan.",
        "en": "No rank of {name} has been published; usually only the top ranks are announced.",
    },
    "prof.national_award": {"id": "Penghargaan nasional ({year}): {note} — [{link}]({url})",
                            "en": "National award ({year}): {note} — [{link}]({url})"},
    "prof.demo_title": {"id": "Nilai per aksi — data contoh, bukan hasil resmi",
                        "en": "Scores per action — sample data, not official results"},
    "prof.demo_caption": {
        "id": "Berkas contoh sintetis ({files}) untuk menunjukkan tampilan nilai per aksi. Nilai ini tidak "
        "menggambarkan kinerja kabupaten/kota yang sebenarnya.",
        "en": "Synthetic sample workbooks ({files}) that show how scores per action are displayed. These values do "
        "not describe the district's real performance.",
    },
    "prof.demo_none": {"id": "Data penilaian tidak memuat nilai per aksi untuk {name}.",
                       "en": "The assessment data hold no scores per action for {name}."},
    "prof.wb_rank_sample": {"id": "Data contoh: {name} peringkat {rank} dari {n} pada penilaian {year} (kinerja {period}).",
                            "en": "Sample data: {name} ranks {rank} of {n} in the assessment held in {year} "
                            "(performance {period})."},
    "prof.wb_rank": {"id": "{name} peringkat {rank} dari {n} pada penilaian {year} (kinerja {period}).",
                     "en": "{name} ranks {rank} of {n} in the assessment held in {year} (performance {period})."},
    "prof.wb_previous_published": {"id": "(peringkat sebelumnya: hasil yang dipublikasikan)",
                                   "en": "(previous rank: published result)"},
    "prof.actions_title": {"id": "Nilai per aksi", "en": "Scores per action"},
    "prof.actions_caption": {"id": "Data penilaian yang berlaku: {files}.", "en": "Assessment data in use: {files}."},
    "prof.no_assessment_data": {"id": "Belum ada berkas penilaian yang dimuat.",
                                "en": "No assessment workbook is loaded."},
    "prof.action_line": {"id": "**{action}** {name}: {score} (rata-rata provinsi {mean}; {rank})",
                         "en": "**{action}** {name}: {score} (province mean {mean}; {rank})"},
    "prof.not_scored": {"id": "tidak dinilai", "en": "not scored"},
    "prof.history_line": {"id": "**Penilaian {year}** (kinerja {period}): peringkat **{rank}**{change} — {note} · [{link}]({url})",
                          "en": "**Assessment {year}** (performance {period}): rank **{rank}**{change} — {note} · [{link}]({url})"},
    "prof.history_change": {"id": " ({arrow} dari peringkat {previous} pada penilaian {previous_year})",
                            "en": " ({arrow} from rank {previous} in the assessment held in {previous_year})"},
    "prof.history_same": {"id": " (sama dengan penilaian {previous_year})",
                          "en": " (the same as in the assessment held in {previous_year})"},
    "prof.until_far": {"id": "Tampilkan sampai {year}", "en": "Show up to {year}"},
    "prof.demo_normalised": {
        "id": "Nilai per aksi dinormalkan ke 0–100 (skor ÷ skor maksimum skala × 100); rata-rata provinsi tanpa bobot.",
        "en": "Scores per action normalised to 0–100 (score ÷ scale maximum × 100); the province mean is unweighted.",
    },
    "prof.cmp.col_check": {"id": "Catatan", "en": "Remark"},
    "prof.cmp.export_rounds": {
        "id": "Angka prevalensi stunting (indikator utama) putaran {rounds}; perubahan = selisih kedua putaran "
        "(poin persentase).",
        "en": "Stunting prevalence (headline indicator), rounds {rounds}; change = difference between the two "
        "rounds (percentage points).",
    },
    "prof.cmp.flagged": {
        "id": "{names}: {flag} (perubahan lebih dari {bound} poin dalam {gap} tahun).",
        "en": "{names}: {flag} (a change of more than {bound} points in {gap} years).",
    },
    "prof.cmp.legend_flagged": {"id": "arsir = perubahan tidak wajar", "en": "hatched = implausible change"},
}

