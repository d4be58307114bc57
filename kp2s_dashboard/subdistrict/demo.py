"""Synthetic e-PPGBM counts per desa, kecamatan and puskesmas, and a synthetic
desa lokus list, for the province's real kecamatan and desa codes
(``data/wilayah_kode.csv``), from a fixed seed.

The numbers are invented: they show how the views and maps look and are no
measurement of any desa. Every sheet says so in its first row (*Data contoh
— bukan hasil resmi*), which the loaders read as the synthetic mark
(:attr:`kp2s_dashboard.subdistrict.loader.AreaLoad.synthetic`), and the
workbook's keywords carry ``kp2s:synthetic``.

Model (per round): a district rate drawn from 8–22%, a kecamatan factor
(lognormal, sd 0.25), a desa rate from a Beta around it (concentration 40);
children registered lognormal around 110 per desa (300 per kelurahan) with
about 7% of desa below 30 (small denominators); coverage drawn from 55–99%;
stunted ~ Binomial(measured, rate). The second round's rates are the first
round's times a factor from 0.70–1.08. Kecamatan and puskesmas rows are the
sums of their desa (one puskesmas per kecamatan, named after it).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from kp2s_dashboard import paths
from kp2s_dashboard.subdistrict.areas import area_registry, district_name

DEMO_SEED = 2024
ROUNDS = ("2023-08", "2024-08")
LOKUS_YEARS = (2023, 2024)
DEMO_DIR = Path(paths.DATA_DIR) / "demo" / "eppgbm_wilayah"
DEMO_FILE = DEMO_DIR / "contoh_eppgbm_wilayah.xlsx"
LOKUS_FILE = DEMO_DIR / "contoh_lokus_desa.xlsx"
BANNER = "Data contoh — bukan hasil resmi (sintetis, dibuat dengan seed {seed})"


def build(seed: int = DEMO_SEED) -> dict[str, pd.DataFrame]:
    """The demo tables: ``desa``, ``kecamatan``, ``puskesmas`` (as written
    to the sheets, header words in Bahasa Indonesia) and ``lokus``."""
    rng = np.random.default_rng(seed)
    areas = area_registry().frame()
    kec = areas[areas["level"] == "kecamatan"].set_index("kode")
    desa = areas[areas["level"] == "desa"].reset_index(drop=True)
    districts = sorted(desa["kode_kabupaten"].unique())
    d_rate = dict(zip(districts, rng.uniform(0.08, 0.22, len(districts))))
    k_factor = dict(zip(kec.index, rng.lognormal(0.0, 0.25, len(kec))))
    n = len(desa)
    base = np.array([d_rate[d] * k_factor[k] for d, k in zip(desa["kode_kabupaten"], desa["kode_kecamatan"])])
    base = np.clip(base, 0.02, 0.45)
    rate1 = rng.beta(base * 40, (1 - base) * 40)
    rate2 = np.clip(rate1 * rng.uniform(0.70, 1.08, n), 0.0, 0.9)
    size = np.where(desa["jenis"] == "kelurahan", 300, 110)
    registered = np.maximum(5, np.round(rng.lognormal(np.log(size), 0.45))).astype(int)
    small = rng.random(n) < 0.07
    registered = np.where(small, rng.integers(8, 30, n), registered)
    rows = []
    for period, rate in zip(ROUNDS, (rate1, rate2)):
        year = int(period[:4])
        growth = 1.0 if period == ROUNDS[0] else 1.02
        reg = np.maximum(5, np.round(registered * growth * rng.uniform(0.97, 1.03, n))).astype(int)
        coverage = np.where(rng.random(n) < 0.05, rng.uniform(0.55, 0.75, n), rng.uniform(0.80, 0.99, n))
        measured = np.maximum(1, np.round(reg * coverage)).astype(int)
        stunted = rng.binomial(measured, rate)
        sangat = rng.binomial(stunted, 0.3)
        for i in range(n):
            rows.append({
                "Kabupaten/Kota": district_name(desa.at[i, "kode_kabupaten"]),
                "Kecamatan": kec.at[desa.at[i, "kode_kecamatan"], "nama"],
                "Kode wilayah": desa.at[i, "kode"],
                "Desa/Kelurahan": desa.at[i, "nama"],
                "Tahun": year,
                "Periode": period,
                "Balita sasaran": int(reg[i]),
                "Balita diukur": int(measured[i]),
                "Pendek": int(stunted[i] - sangat[i]),
                "Sangat pendek": int(sangat[i]),
            })
    desa_df = pd.DataFrame(rows)
    desa_df["_kec"] = [c.rsplit(".", 1)[0] for c in desa_df["Kode wilayah"]]
    sums = (desa_df.groupby(["_kec", "Tahun", "Periode"], sort=True)
            [["Balita sasaran", "Balita diukur", "Pendek", "Sangat pendek"]].sum().reset_index())
    kec_df = pd.DataFrame({
        "Kabupaten/Kota": [district_name(k[:5]) for k in sums["_kec"]],
        "Kode wilayah": sums["_kec"],
        "Kecamatan": [kec.at[k, "nama"] for k in sums["_kec"]],
        "Tahun": sums["Tahun"], "Periode": sums["Periode"],
        "Balita sasaran": sums["Balita sasaran"], "Balita diukur": sums["Balita diukur"],
        "Stunting": sums["Pendek"] + sums["Sangat pendek"],
    })
    pkm_df = pd.DataFrame({
        "Kabupaten/Kota": kec_df["Kabupaten/Kota"], "Kecamatan": kec_df["Kecamatan"],
        "Puskesmas": ["Puskesmas " + name for name in kec_df["Kecamatan"]],
        "Tahun": kec_df["Tahun"], "Periode": kec_df["Periode"],
        "Balita sasaran": kec_df["Balita sasaran"], "Balita diukur": kec_df["Balita diukur"],
        "Stunting": kec_df["Stunting"],
    })
    desa_df = desa_df.drop(columns="_kec")
    return {"desa": desa_df, "kecamatan": kec_df, "puskesmas": pkm_df, "lokus": _lokus(rng, desa, kec)}


def _lokus(rng: np.random.Generator, desa: pd.DataFrame, kec: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for district in sorted(desa["kode_kabupaten"].unique()):
        pool = desa[(desa["kode_kabupaten"] == district) & (desa["jenis"] == "desa")]
        if pool.empty:
            pool = desa[desa["kode_kabupaten"] == district]
        first = pool.sample(n=min(10, len(pool)), random_state=int(rng.integers(1 << 30)))
        rest = pool.drop(first.index)
        second = pd.concat([first.iloc[:6], rest.sample(n=min(6, len(rest)), random_state=int(rng.integers(1 << 30)))])
        for year, chosen in zip(LOKUS_YEARS, (first, second)):
            for j, (_, row) in enumerate(chosen.iterrows()):
                # spellings as offices write them: a prefix, capitals, or the code only
                name = row["nama"]
                style = j % 4
                shown = {0: name, 1: f"Desa {name}", 2: name.upper(), 3: name}[style]
                rows.append({"Kabupaten/Kota": district_name(district), "Tahun": year,
                             "Kecamatan": kec.at[row["kode_kecamatan"], "nama"], "Desa": shown,
                             "Kode desa": row["kode"] if style == 3 else ""})
    out = pd.DataFrame(rows)
    out.insert(0, "No", range(1, len(out) + 1))
    return out


def write(folder: Path = DEMO_DIR, seed: int = DEMO_SEED) -> tuple[Path, Path]:
    """Write the two demo workbooks into ``folder``; returns their paths."""
    from openpyxl import Workbook

    tables = build(seed)
    folder.mkdir(parents=True, exist_ok=True)
    banner = BANNER.format(seed=seed)
    out = []
    for file, sheets in ((DEMO_FILE.name, (("Desa", "desa"), ("Kecamatan", "kecamatan"), ("Puskesmas", "puskesmas"))),
                         (LOKUS_FILE.name, (("Lokus desa", "lokus"),))):
        wb = Workbook()
        wb.remove(wb.active)
        wb.properties.keywords = "kp2s:synthetic"
        wb.properties.subject = banner
        for sheet, key in sheets:
            ws = wb.create_sheet(sheet)
            df = tables[key]
            ws.append([banner])
            ws.append([])
            ws.append(list(df.columns))
            for values in df.itertuples(index=False):
                ws.append([v.item() if hasattr(v, "item") else v for v in values])
        path = folder / file
        # fixed timestamps keep the bytes reproducible for one seed
        import datetime as dt
        wb.properties.created = wb.properties.modified = dt.datetime(2024, 1, 1)
        wb.save(path)
        out.append(path)
    return out[0], out[1]
