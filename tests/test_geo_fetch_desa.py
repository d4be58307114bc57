"""The desa level of the boundary fetch: several upstream SQL files (one per
kabupaten/kota) into one ``kalsel_desa.geojson``, files not pinned by
checksum (refused by default, content-checked with ``--accept-unpinned``),
and the default fetch never touching the desa files.

The upstream files are built here in the upstream row format
(``kode, nama, lat, lng, path`` with [lat, lng] points) from real codes and
names of ``data/wilayah_kode.csv``, and served by a local HTTP server; no
test needs the internet.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import http.server
import json
import shutil
import socket
import threading
from pathlib import Path

import pytest

from kp2s_dashboard import geo, i18n
from kp2s_dashboard.errors import BoundaryError, FetchError
from kp2s_dashboard.geo import __main__ as cli
from kp2s_dashboard.geo.fetch import parse_sql_rows, rows_to_geojson
from kp2s_dashboard.geo.fetch_check import check_rows
from kp2s_dashboard.i18n import catalogue as strings

# the module (``kp2s_dashboard.geo.fetch`` is also the name of the function the package exports)
fetch_mod = importlib.import_module("kp2s_dashboard.geo.fetch")
PROJECT = Path(__file__).resolve().parent.parent
COMMIT = "3c5a7960f4d227a38489094d84252bdbb3f978a5"
KEL_01 = "db/kel/63/wilayah_boundaries_kel_63.01.sql"
KEL_72 = "db/kel/63/wilayah_boundaries_kel_63.72.sql"

#: Real desa/kelurahan of data/wilayah_kode.csv: three of Tanah Laut, two of Kota Banjarbaru.
DESA_01 = [("63.01.01.2001", "Benua Lawas"), ("63.01.01.2002", "Tabanio"), ("63.01.01.2003", "Kuala Tambangan")]
DESA_72 = [("63.72.02.1003", "Landasan Ulin Timur"), ("63.72.02.1004", "Guntung Payung")]


# -- building the upstream files ----------------------------------------------------------------


def _square(lat: float, lng: float, size: float = 0.01) -> list:
    """A closed ring of [lat, lng] points (upstream order)."""
    return [[lat, lng], [lat, lng + size], [lat - size, lng + size], [lat - size, lng], [lat, lng]]


def _row(kode: str, nama: str, i: int, multi: bool = False) -> str:
    lat, lng = -3.5 - 0.02 * i, 114.8 + 0.02 * i
    path = [[_square(lat, lng)], [_square(lat - 0.012, lng)]] if multi else [_square(lat, lng)]
    return f"('{kode}','{nama}',{lat - 0.005},{lng + 0.005},'{json.dumps(path, separators=(',', ':'))}')"


def _sql(desa: list[tuple[str, str]], start: int = 0) -> bytes:
    rows = ",\n\t".join(_row(k, n, start + i) for i, (k, n) in enumerate(desa))
    return (
        "/* wilayah_boundaries desa */\n"
        f"INSERT INTO wilayah_boundaries(kode,nama,lat,lng,path) VALUES\n\t{rows};\n"
    ).encode()


def _write_tree(root: Path, files: dict[str, bytes]) -> None:
    for path, data in files.items():
        target = root / COMMIT / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def _source(folder: Path, desa: list[tuple[str, str | None]]) -> geo.Source:
    """A source.toml in ``folder`` like the project's, with a kabupaten entry
    and the desa entries ``(path, sha256 or None)``, and the licence beside it."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(PROJECT / "geo" / "LICENSE-wilayah_boundaries", folder / "LICENSE-wilayah_boundaries")
    lines = [
        "[source]",
        'repository = "cahyadsn/wilayah_boundaries"',
        'homepage = "https://github.com/cahyadsn/wilayah_boundaries"',
        'base_url = "http://127.0.0.1:9"',
        f'commit = "{COMMIT}"',
        'licence = "MIT"',
        'copyright = "Copyright (c) 2024 Cahya DSN"',
        'licence_file = "LICENSE-wilayah_boundaries"',
        'default_levels = ["kabupaten"]',
        "",
        "[[files]]",
        'level = "kabupaten"',
        'path = "db/kab/wilayah_boundaries_kab_63.sql"',
        'sha256 = "d78816667c30266904b4c0a54e3971785c0631e19270d2a94d641152ff8a50c7"',
        'output = "kalsel_kabupaten.geojson"',
    ]
    for path, sha in desa:
        lines += ["", "[[files]]", 'level = "desa"', f'path = "{path}"']
        lines += [f'sha256 = "{sha}"'] if sha else ["# sha256: not pinned yet"]
        lines += ['output = "kalsel_desa.geojson"']
    (folder / "source.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return geo.load_source(folder / "source.toml")


# -- a local server that records what is requested ----------------------------------------------


@pytest.fixture
def no_proxy(monkeypatch):
    for var in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")


@pytest.fixture
def serve(no_proxy):
    """``serve(root)`` -> (base URL, list of requested paths)."""
    servers = []

    def start(root: Path) -> tuple[str, list[str]]:
        requested: list[str] = []

        class Handler(http.server.SimpleHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - name of the base class
                requested.append(self.path)
                super().do_GET()

            def log_message(self, format, *args):  # noqa: A002 - signature of the base class
                pass

        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(root)))
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        servers.append((server, thread))
        return f"http://127.0.0.1:{server.server_address[1]}", requested

    yield start
    for server, thread in servers:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture
def upstream(tmp_path, serve):
    """The two desa files served locally: (base URL, requests, {path: bytes})."""
    files = {KEL_01: _sql(DESA_01), KEL_72: _sql(DESA_72, start=3)}
    _write_tree(tmp_path / "upstream", files)
    url, requested = serve(tmp_path / "upstream")
    return url, requested, files


def _use_source(monkeypatch, src: geo.Source) -> None:
    """Make the command line read ``src`` instead of the project's source.toml."""
    monkeypatch.setattr(fetch_mod, "load_source", lambda: src)


# -- several files, one output ------------------------------------------------------------------


def test_pinned_desa_files_make_one_geojson(tmp_path, upstream, monkeypatch, capsys):
    url, requested, files = upstream
    src = _source(tmp_path / "src", [(p, hashlib.sha256(d).hexdigest()) for p, d in files.items()])
    _use_source(monkeypatch, src)
    dest = tmp_path / "out"
    code = cli.main(["--lang", "en", "fetch", "--level", "desa", "--base-url", url, "--dest", str(dest)])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert sorted(requested) == [f"/{COMMIT}/{KEL_01}", f"/{COMMIT}/{KEL_72}"]  # no kabupaten file
    assert sorted(p.name for p in dest.iterdir()) == ["LICENSE-wilayah_boundaries", "kalsel_desa.geojson"]
    assert f"Checksum of {KEL_01} matches" in out.out
    assert "(5 features)" in out.out
    assert "5 desa codes checked against wilayah_kode.csv: all are known." in out.out
    assert "sha256 =" not in out.out  # nothing to pin
    collection = json.loads((dest / "kalsel_desa.geojson").read_text(encoding="utf-8"))
    assert [f["properties"]["kode"] for f in collection["features"]] == [k for k, _ in DESA_01 + DESA_72]
    assert collection["features"][3]["properties"]["nama"] == "Landasan Ulin Timur"
    # written lon/lat: the first point of the first desa, from [lat, lng] = [-3.5, 114.8]
    assert collection["features"][0]["geometry"]["coordinates"][0][0] == [114.8, -3.5]
    loaded = geo.load_boundaries(dest / "kalsel_desa.geojson", level="desa")
    assert loaded["kode"].tolist() == sorted(k for k, _ in DESA_01 + DESA_72)
    assert loaded["parent"].tolist() == ["6301", "6301", "6301", "6372", "6372"]
    assert loaded["name"].tolist()[:2] == ["Benua Lawas", "Tabanio"]


def test_real_format_desa_row_reads_as_desa_boundary(tmp_path):
    """An upstream-format row (MultiPolygon path, [lat, lng] points) converts
    to a GeoJSON that load_boundaries(level="desa") reads."""
    text = (
        "INSERT INTO wilayah_boundaries(kode,nama,lat,lng,path) VALUES\n\t"
        + _row("63.01.01.2001", "Benua Lawas", 0, multi=True) + ",\n\t"
        + _row("63.01.01.2002", "Tabanio", 1) + ";\n"
    )
    rows = parse_sql_rows(text, KEL_01)
    assert rows[0]["kode"] == "63.01.01.2001" and rows[0]["lat"] == pytest.approx(-3.505)
    path = tmp_path / "kalsel_desa.geojson"
    path.write_text(json.dumps(rows_to_geojson(rows, KEL_01, "kalsel_desa")), encoding="utf-8")
    loaded = geo.load_boundaries(path, level="desa")
    assert loaded["kode"].tolist() == ["63.01.01.2001", "63.01.01.2002"]
    assert loaded["code"].tolist() == ["6301012001", "6301012002"]
    assert loaded.geometry.iloc[0].geom_type == "MultiPolygon"
    assert loaded.geometry.iloc[0].bounds == pytest.approx((114.8, -3.522, 114.81, -3.5))


def _lat_lng(coords: list) -> list:
    """GeoJSON [lng, lat] points (any nesting) -> upstream [lat, lng]."""
    return [coords[1], coords[0]] if isinstance(coords[0], (int, float)) else [_lat_lng(c) for c in coords]


def test_all_desa_of_the_province_through_the_fetch(tmp_path, serve, geo_dir, synthetic_boundaries, capsys):
    """The boundary folder's desa file, written back as the 13 upstream SQL
    files, goes through ``fetch --level desa --accept-unpinned`` of the
    project's source.toml: 2,008 desa, every code known to wilayah_kode.csv,
    none of it missing, the same codes and names as the file."""
    desa_file = geo_dir / "kalsel_desa.geojson"
    if synthetic_boundaries or not desa_file.is_file():
        pytest.skip(f"needs the real kalsel_desa.geojson (the synthetic shapes have made-up codes); {geo_dir}")
    features = json.loads(desa_file.read_text(encoding="utf-8"))["features"]
    rows: dict[str, list[str]] = {}
    for f in features:
        p = f["properties"]
        path = json.dumps(_lat_lng(f["geometry"]["coordinates"]), separators=(",", ":"))
        nama = p["nama"].replace("'", "''")
        rows.setdefault(p["kode"][:5], []).append(f"('{p['kode']}','{nama}',{p['lat']},{p['lng']},'{path}')")
    files = {
        f"db/kel/63/wilayah_boundaries_kel_{kk}.sql":
            ("INSERT INTO wilayah_boundaries(kode,nama,lat,lng,path) VALUES\n\t" + ",\n\t".join(r) + ";\n").encode()
        for kk, r in rows.items()
    }
    _write_tree(tmp_path / "up", files)
    url, requested = serve(tmp_path / "up")
    dest = tmp_path / "out"
    code = cli.main(["--lang", "en", "fetch", "--level", "desa", "--accept-unpinned",
                     "--base-url", url, "--dest", str(dest)])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert len(requested) == 13
    assert "2008 desa codes checked against wilayah_kode.csv: all are known." in out.out
    assert "Warning" not in out.out
    assert "(2008 features)" in out.out
    assert sum(ln.startswith("sha256 = ") for ln in out.out.splitlines()) == 13
    loaded = geo.load_boundaries(dest / "kalsel_desa.geojson", level="desa")
    theirs = geo.load_boundaries(desa_file, level="desa")
    assert loaded["kode"].tolist() == theirs["kode"].tolist()
    assert loaded["name"].tolist() == theirs["name"].tolist()


# -- not pinned ---------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "id"])
def test_unpinned_refused_by_default(tmp_path, upstream, monkeypatch, capsys, lang):
    url, requested, _ = upstream
    _use_source(monkeypatch, _source(tmp_path / "src", [(KEL_01, None), (KEL_72, None)]))
    dest = tmp_path / "out"
    code = cli.main(["--lang", lang, "fetch", "--level", "desa", "--base-url", url, "--dest", str(dest)])
    err = capsys.readouterr().err
    assert code == cli.EXIT_UNPINNED == 6
    assert requested == []  # refused before any download
    assert not dest.exists()
    assert KEL_01 in err and KEL_72 in err
    assert "fetch --level desa --accept-unpinned" in err
    expected = {"en": "2 files are not pinned by a SHA-256 checksum", "id": "2 berkas belum dipatok"}[lang]
    assert expected in err
    assert "Traceback" not in err


def test_unpinned_accepted_checks_content_and_prints_pin(tmp_path, upstream, monkeypatch, capsys):
    url, requested, files = upstream
    _use_source(monkeypatch, _source(tmp_path / "src", [(KEL_01, None), (KEL_72, None)]))
    dest = tmp_path / "out"
    code = cli.main(["--lang", "en", "fetch", "--level", "desa", "--accept-unpinned",
                     "--base-url", url, "--dest", str(dest)])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert len(requested) == 2
    assert f"{KEL_01}: 3 desa rows, all inside the area 63.01, no kode twice." in out.out
    assert f"{KEL_72}: 2 desa rows, all inside the area 63.72, no kode twice." in out.out
    assert "5 desa codes checked against wilayah_kode.csv: all are known." in out.out
    # the registry lists more desa in Tanah Laut and Banjarbaru than these five
    assert "Warning: " in out.out and "63.01.01.2004" in out.out
    lines = out.out.splitlines()
    for path, data in files.items():
        assert f'sha256 = "{hashlib.sha256(data).hexdigest()}"  # {path}' in lines
    assert len(json.loads((dest / "kalsel_desa.geojson").read_text())["features"]) == 5

    # a maintainer pastes the printed lines into source.toml: the files are then pinned
    toml = tmp_path / "src" / "source.toml"
    text = toml.read_text()
    for line in (ln for ln in lines if ln.startswith("sha256 = ")):
        path = line.split("# ", 1)[1]
        text = text.replace(f'path = "{path}"\n# sha256: not pinned yet', f'path = "{path}"\n{line}')
    toml.write_text(text, encoding="utf-8")
    pinned = geo.load_source(toml)
    assert all(f.pinned for f in pinned.files)
    _use_source(monkeypatch, pinned)
    code = cli.main(["--lang", "en", "fetch", "--level", "desa", "--base-url", url, "--dest", str(tmp_path / "o2")])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert f"Checksum of {KEL_72} matches" in out.out


# -- refused content ----------------------------------------------------------------------------


def _serve_files(tmp_path, serve, files: dict[str, bytes]) -> str:
    _write_tree(tmp_path / "bad", files)
    return serve(tmp_path / "bad")[0]


def test_kode_outside_the_files_kabupaten_refused(tmp_path, serve, monkeypatch, capsys):
    files = {KEL_01: _sql(DESA_01 + [("63.02.01.2001", "Labuan Barat")]), KEL_72: _sql(DESA_72, 4)}
    url = _serve_files(tmp_path, serve, files)
    _use_source(monkeypatch, _source(tmp_path / "src", [(KEL_01, None), (KEL_72, None)]))
    dest = tmp_path / "out"
    code = cli.main(["--lang", "en", "fetch", "--level", "desa", "--accept-unpinned",
                     "--base-url", url, "--dest", str(dest)])
    out = capsys.readouterr()
    assert code == cli.EXIT_PARSE
    assert out.err.startswith(f"file {KEL_01}: kode 63.02.01.2001 is not a desa code inside the area 63.01")
    assert "sha256 =" not in out.out  # a refused file is not offered for pinning
    assert not (dest / "kalsel_desa.geojson").exists()


def test_kecamatan_code_in_a_desa_file_refused(tmp_path):
    src = _source(tmp_path / "src", [(KEL_01, None)])
    with pytest.raises(FetchError) as info:
        check_rows(src.files[1], [{"kode": "63.01.01"}])
    assert info.value.key == "err.fetch_kode_outside" and info.value.params["kode"] == "63.01.01"


def test_duplicate_kode_within_a_file_refused(tmp_path, serve, monkeypatch, capsys):
    url = _serve_files(tmp_path, serve, {KEL_01: _sql(DESA_01 + DESA_01[:1]), KEL_72: _sql(DESA_72)})
    _use_source(monkeypatch, _source(tmp_path / "src", [(KEL_01, None), (KEL_72, None)]))
    code = cli.main(["--lang", "en", "fetch", "--level", "desa", "--accept-unpinned",
                     "--base-url", url, "--dest", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == cli.EXIT_PARSE
    assert f"kode 63.01.01.2001 occurs twice ({KEL_01} and {KEL_01})" in err


def test_duplicate_kode_across_files_refused(tmp_path, serve, capsys):
    """Two entries for the same kabupaten (a copy-paste slip in source.toml)
    hold the same desa: refused, naming both files."""
    other = "db/kel/63/copy/wilayah_boundaries_kel_63.01.sql"
    url = _serve_files(tmp_path, serve, {KEL_01: _sql(DESA_01), other: _sql(DESA_01[2:])})
    src = _source(tmp_path / "src", [(KEL_01, None), (other, None)])
    with pytest.raises(FetchError) as info:
        fetch_mod.fetch(tmp_path / "out", base_url=url, source=src, levels=["desa"], accept_unpinned=True)
    assert info.value.key == "err.fetch_duplicate_kode"
    assert info.value.params == {"kode": "63.01.01.2003", "first": KEL_01, "second": other}
    assert "kode 63.01.01.2003 occurs twice" in info.value.render("en")
    assert not (tmp_path / "out" / "kalsel_desa.geojson").exists()


def test_desa_code_not_in_wilayah_kode_refused(tmp_path, serve, capsys, monkeypatch):
    url = _serve_files(tmp_path, serve, {KEL_01: _sql(DESA_01 + [("63.01.01.2999", "Desa Baru")]),
                                         KEL_72: _sql(DESA_72, 4)})
    _use_source(monkeypatch, _source(tmp_path / "src", [(KEL_01, None), (KEL_72, None)]))
    code = cli.main(["--lang", "id", "fetch", "--level", "desa", "--accept-unpinned",
                     "--base-url", url, "--dest", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == cli.EXIT_PARSE
    assert "1 kode desa hasil unduhan tidak ada dalam daftar kode wilayah wilayah_kode.csv: 63.01.01.2999" in err
    assert not (tmp_path / "out").exists()


# -- the default fetch and the project's source.toml --------------------------------------------


def test_project_source_lists_13_unpinned_desa_files():
    src = geo.load_source()
    desa = [f for f in src.files if f.level == "desa"]
    assert [Path(f.path).name for f in desa] == [
        f"wilayah_boundaries_kel_63.{kk}.sql" for kk in
        ("01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "71", "72")
    ]
    assert {f.output for f in desa} == {"kalsel_desa.geojson"}
    assert not any(f.pinned for f in desa)
    assert all(f.pinned for f in src.files_for())  # the default fetch has a checksum for every file
    assert src.outputs() == ("kalsel_kabupaten.geojson", "kalsel_kecamatan.geojson", "LICENSE-wilayah_boundaries")


def test_default_fetch_never_asks_for_desa_files(tmp_path, serve, upstream_raw, capsys):
    root = tmp_path / "upstream"
    _write_tree(root, {
        "db/kab/wilayah_boundaries_kab_63.sql": (upstream_raw / "wilayah_boundaries_kab_63.sql").read_bytes(),
        "db/kec/wilayah_boundaries_kec_63.sql": (upstream_raw / "wilayah_boundaries_kec_63.sql").read_bytes(),
    })
    url, requested = serve(root)
    dest = tmp_path / "out"
    code = cli.main(["--lang", "en", "fetch", "--base-url", url, "--dest", str(dest)])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert requested == [f"/{COMMIT}/db/kab/wilayah_boundaries_kab_63.sql",
                         f"/{COMMIT}/db/kec/wilayah_boundaries_kec_63.sql"]
    assert not (dest / "kalsel_desa.geojson").exists()
    assert "not pinned" not in out.out + out.err


def test_if_missing_does_not_wait_for_the_desa_file(tmp_path, no_proxy, capsys):
    """What scripts/run.sh runs: with kabupaten, kecamatan and the licence
    present, nothing is downloaded although no desa file exists."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    refused = f"http://127.0.0.1:{sock.getsockname()[1]}"
    try:
        dest = tmp_path / "out"
        dest.mkdir()
        for name in ("kalsel_kabupaten.geojson", "kalsel_kecamatan.geojson", "LICENSE-wilayah_boundaries"):
            (dest / name).write_text("placeholder")
        assert cli.main(["fetch", "--if-missing", "--base-url", refused, "--dest", str(dest)]) == 0
        # asking for desa: its output is missing, and the unpinned files are refused before the network
        code = cli.main(["--lang", "en", "fetch", "--if-missing", "--level", "desa",
                         "--base-url", refused, "--dest", str(dest)])
        assert code == cli.EXIT_UNPINNED
        assert "13 files are not pinned" in capsys.readouterr().err
    finally:
        sock.close()


def test_source_toml_problems_are_refused(tmp_path):
    with pytest.raises(BoundaryError) as info:
        _source(tmp_path / "src", [(KEL_01, "abc")])
    assert f"{KEL_01}: sha256 'abc' is not 64 hex digits" in info.value.render("en")
    with pytest.raises(BoundaryError) as info:
        fetch_mod.fetch(tmp_path / "out", source=_source(tmp_path / "s2", []), levels=["desa"])
    assert "no [[files]] entry of level desa" in info.value.render("en")


def test_new_strings_in_both_languages():
    for key in ("err.fetch_unpinned", "err.fetch_kode_outside", "err.fetch_duplicate_kode",
                "err.fetch_kode_unknown", "geo.fetch_unpinned_downloaded", "geo.fetch_content_ok",
                "geo.fetch_registry_ok", "geo.fetch_registry_missing", "geo.fetch_pin_heading"):
        entry = strings.CATALOGUE[key]
        assert entry["id"] and entry["en"] and entry["id"] != entry["en"], key
    assert i18n.t("geo.fetch_pin_line", "id", sha256="ab", path="p") == 'sha256 = "ab"  # p'
