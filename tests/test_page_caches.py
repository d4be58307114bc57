"""What the pages derive from the data is kept per version of the data in
force and the page's small choices (kp2s_dashboard.web.cache.derived/shared),
never served after the data changed."""

from __future__ import annotations

import pytest

from kp2s_dashboard import paths
from kp2s_dashboard.store import Store, datastore
from kp2s_dashboard.web import cache

OLD = "6301,Tanah Laut,2024,ssgi,stunting,22.5,"
NEW = "6301,Tanah Laut,2024,ssgi,stunting,19.5,"


@pytest.fixture
def own_store(tmp_path, monkeypatch):
    """The dashboard's store pointed at a new SQLite file for this test."""
    db = tmp_path / "store" / "kp2s.sqlite"
    monkeypatch.setenv("KP2S_STORE", str(db))
    monkeypatch.delenv("KP2S_CACHE_DIR", raising=False)
    opened = Store(str(db))
    yield opened
    opened.close()


def test_derived_value_is_computed_once_per_key_and_data_version(monkeypatch):
    calls: list[str] = []

    def build(value: str):
        def go():
            calls.append(value)
            return {"value": value}
        return go

    monkeypatch.setattr(cache, "data_key", lambda: (("prevalence.csv", (1, 100)),))
    first = cache.derived("test_value", ("6301", "id"), build("a"))
    again = cache.derived("test_value", ("6301", "id"), build("b"))
    assert first == again == {"value": "a"} and calls == ["a"]
    again["value"] = "changed by the caller"  # derived values are copies: the kept one is untouched
    assert cache.derived("test_value", ("6301", "id"), build("c")) == {"value": "a"}
    assert cache.derived("test_value", ("6301", "en"), build("d")) == {"value": "d"}  # another key
    assert cache.derived("other_value", ("6301", "id"), build("e")) == {"value": "e"}  # another name
    monkeypatch.setattr(cache, "data_key", lambda: (("prevalence.csv", (2, 100)),))  # a new version in force
    assert cache.derived("test_value", ("6301", "id"), build("f")) == {"value": "f"}
    assert calls == ["a", "d", "e", "f"]
    shared = cache.shared("test_shared", ("x",), lambda: ["one object"])
    assert cache.shared("test_shared", ("x",), lambda: ["another"]) is shared


def test_a_failing_build_is_not_kept(monkeypatch):
    monkeypatch.setattr(cache, "data_key", lambda: ("v",))

    def broken():
        raise ValueError("bad file")

    with pytest.raises(ValueError):
        cache.derived("test_failing", (), broken)
    assert cache.derived("test_failing", (), lambda: 42) == 42


def test_data_key_names_every_file_in_force(own_store):
    key = cache.data_key()
    assert key[0] == (str(datastore.current("prevalence").path), datastore.current("prevalence").stamp)
    text = (paths.DATA_DIR / "prevalence.csv").read_text(encoding="utf-8")
    own_store.publish("prevalence", "prevalensi_koreksi.csv", text.replace(OLD, NEW, 1).encode("utf-8"), "budi",
                      "Tanah Laut corrected")
    assert cache.data_key()[0] != key[0] and cache.data_key()[1:] == key[1:]


def test_profile_follows_a_published_version_without_restart(own_store):
    """Profil keeps its derived figures (the district's profile), yet a viewer opening
    them after an editor published sees the new figure, and after a restore
    the old one (same server process)."""
    from streamlit.testing.v1 import AppTest

    def shown(page: str) -> list[str]:  # metric values, then markdown
        at = AppTest.from_file(str(paths.PROJECT_DIR / "app.py"), default_timeout=120)
        at.query_params.update(district="6301")
        at.switch_page(page)
        at.run()
        assert not at.exception, [e.message for e in at.exception]
        return [m.value for m in at.metric] + [m.value for m in at.markdown]

    def profile_figure() -> str:
        return shown("pages/profil.py")[0]

    assert profile_figure() == "22,5%"
    text = (paths.DATA_DIR / "prevalence.csv").read_text(encoding="utf-8")
    v1 = own_store.publish("prevalence", "prevalence.csv", text.encode("utf-8"), "budi", "as shipped")
    own_store.publish("prevalence", "prevalensi_koreksi.csv", text.replace(OLD, NEW, 1).encode("utf-8"), "budi",
                      "Tanah Laut corrected")
    assert profile_figure() == "19,5%"
    own_store.restore(v1.id, "ani", "undo")
    assert profile_figure() == "22,5%"


# -- Target, Aksi, Rekomendasi (issue 11: warm reruns) -------------------------------------------------------
def test_kept_figure_writes_the_same_json_as_the_figure():
    """cache.figure keeps a figure's dict as plotly writes it to JSON: what
    st.plotly_chart writes from it is the text of the figure itself (the
    Aksi heatmap and ranking of the assessment files in force, and a figure
    of numpy values, dates, NaN and markup-like text)."""
    import datetime as dt

    import numpy as np
    import plotly.graph_objects as go
    import plotly.io as pio
    import plotly.tools

    from kp2s_dashboard.assessment import summary as sa
    from kp2s_dashboard.figures import assessment as fa

    sources = cache.assessment_sources()
    assert sources
    result = cache.assessment_set(sources)
    views = sa.build_views(result, None, "")
    names = sa.action_names(result.instrument, "id")
    short = sa.action_names(result.instrument, "id", short=True)
    odd = dict(x=np.array([dt.date(2024, 1, 1), dt.date(2025, 1, 1)], dtype=object), y=np.array([22.5, np.nan]),
               customdata=np.array([["a</b>", 1], ["b", 2]], dtype=object))
    builds = [lambda: fa.heatmap(views.action_scores, "id", action_names=names, short_names=short, selected="6301"),
              lambda: fa.ranking_bars(views.ranking, "en", by_mean=False, selected=None),
              lambda: go.Figure(go.Scatter(**odd))]
    for build in builds:
        as_built = pio.to_json(build(), validate=False)
        kept = cache._frozen(build())
        for _ in range(2):  # Streamlit's path: the figure's dict, then JSON without validation
            assert pio.to_json(plotly.tools.return_figure_from_figure_or_data(kept, True), validate=False) == as_built
    assert '"a\\u003c\\u002fb\\u003e"' in as_built and '"2024-01-01"' in as_built  # the odd values were there


def test_kept_styler_gives_streamlit_the_same_table():
    """cache.styled keeps a Styler computed once: Streamlit's marshalling of
    it (styles, display texts, data) equals that of a Styler built afresh by
    the same function, on every call (the Target page's table)."""
    from streamlit.elements.lib.pandas_styler_utils import marshall_styler
    from streamlit.proto.ArrowData_pb2 import ArrowData

    from kp2s_dashboard.figures import progress as fp
    from kp2s_dashboard.prevalence import progress
    from kp2s_dashboard.prevalence.loader import load_prevalence
    from kp2s_dashboard.prevalence.targets import load_targets
    from kp2s_dashboard.regions import PROVINCE_CODE, registry

    prevalence = load_prevalence(paths.DATA_DIR / "prevalence.csv").table
    targets = load_targets(paths.DATA_DIR / "targets.csv")
    choices = progress.target_choices(targets, PROVINCE_CODE)
    near, far = (progress.target_from_choice(choices, t.choice_id) for t in progress.default_targets(targets))
    table = progress.target_table(prevalence, near, far, codes=[PROVINCE_CODE, *registry().district_codes()])
    for lang in ("id", "en"):
        spec = fp.target_display(table, near, far, lang, 2021, keys=("near",))
        assert spec.colours and spec.formats  # coloured status words, formatted numbers

        def marshalled(styler) -> bytes:
            styler.set_uuid("kept")
            proto = ArrowData()
            marshall_styler(proto, styler, "unused")
            return proto.SerializeToString()

        fresh = marshalled(spec.styled(lang))
        kept = cache._frozen_styler(spec.styled(lang))
        assert marshalled(kept) == fresh
        assert marshalled(kept) == fresh  # and again: nothing computed twice changes it
        assert b"22,5" in fresh or b"22.5" in fresh


def test_model_version_changes_with_every_saved_change(own_store, tmp_path):
    """The key of the recommendations' kept views changes when a
    recommendation is added, edited or followed up, and when a backup with
    the same numbers of rows is restored."""
    from datetime import date

    from kp2s_dashboard.recommendations import model as M
    from kp2s_dashboard.store import backup

    empty = M.version(own_store)
    assert empty[1:] == (0, None, 0, None, None, None)
    rid = M.add(own_store, year_assessed=2025, district_code="6305", action=2, text="Susun regulasi desa",
                responsible="DPMD", who="budi")
    added = M.version(own_store)
    saved = backup.backup(own_store, tmp_path / "before.sqlite")[0]
    M.add_followup(own_store, rid, "siti", entry_date=date(2026, 2, 1), status="dalam_proses")
    followed = M.version(own_store)
    M.edit(own_store, rid, "siti", entry_date=date(2026, 2, 2), text="Susun perbup")
    edited = M.version(own_store)
    assert len({empty, added, followed, edited}) == 4
    other = Store(str(tmp_path / "other.sqlite"))
    M.add(other, year_assessed=2025, district_code="6305", action=1, text="Lain", responsible="DPMD", who="ani")
    other_saved = backup.backup(other, tmp_path / "other_backup.sqlite")[0]
    other.close()
    backup.restore(own_store, other_saved, "ani", replace=True)  # one recommendation, as `added` had
    restored = M.version(own_store)
    assert restored[1:3] == added[1:3] and restored != added
    backup.restore(own_store, saved, "ani", replace=True)
    assert M.version(own_store) not in {added, restored}


def test_rekomendasi_shows_a_saved_change_on_the_next_rerun(own_store):
    """The board, open list and next-year table are kept per version of the
    stored recommendations: what the page shows equals the uncached
    computation, and a follow-up, an edit or a new recommendation saved
    while the page is open shows on its next rerun (the same session)."""
    from datetime import date

    from kp2s_dashboard.recommendations import board, views
    from kp2s_dashboard.recommendations import model as M
    from tests.apptest import run_page

    as_of = date(2026, 4, 1)
    rid = M.add(own_store, year_assessed=2025, district_code="6305", action=2, text="Susun regulasi desa",
                responsible="DPMD", who="budi", due_date=date(2026, 3, 1))
    at = run_page("pages/rekomendasi.py", lang="en")
    at.date_input(key="rek_as_of").set_value(as_of).run()

    def check() -> list[int]:
        assert not at.exception, [e.message for e in at.exception]
        recs, entries = M.frames(own_store)
        counts = board.board(recs, entries, as_of)
        shown = [int(m.value) for m in at.metric]
        assert shown == [int(v) for v in counts[board.COUNT_COLUMNS].sum()]
        expected_board = views.board_table(counts, "en")
        expected_open = views.open_table(board.oldest_open(recs, entries, as_of), "en")
        assert at.dataframe[0].value.astype(str).values.tolist() == expected_board.astype(str).values.tolist()
        assert at.dataframe[1].value.astype(str).values.tolist() == expected_open.astype(str).values.tolist()
        return shown

    assert check() == [1, 0, 0, 0, 1, 1]  # open and overdue (due 1 March)
    at.run()
    assert check() == [1, 0, 0, 0, 1, 1]  # a warm rerun: the kept board
    M.add_followup(own_store, rid, "siti", entry_date=date(2026, 2, 1), status="dalam_proses")
    at.run()
    assert check() == [0, 1, 0, 0, 1, 1]
    M.edit(own_store, rid, "siti", entry_date=date(2026, 2, 2), text="Susun perbup stunting")
    at.run()
    check()
    assert "Susun perbup stunting" in at.dataframe[1].value.astype(str).values.ravel().tolist()
    M.add(own_store, year_assessed=2025, district_code="6301", action=None, text="Rapat TPPS", responsible="Bappeda",
          who="budi")
    at.run()
    assert check() == [1, 1, 0, 0, 1, 2]


def test_aksi_open_recommendations_follow_a_saved_change(own_store):
    """Aksi keeps a district's open recommendations beside its scores per
    version of the recommendations: an edit and a closing follow-up saved
    while the page is open show on its next rerun."""
    from datetime import date

    from kp2s_dashboard.recommendations import model as M
    from tests.apptest import run_page

    rid = M.add(own_store, year_assessed=2024, district_code="6305", action=2, text="Susun regulasi desa",
                responsible="DPMD", who="budi")
    at = run_page("pages/aksi.py", lang="en", district="6305")

    def open_texts() -> list[str]:
        assert not at.exception, [e.message for e in at.exception]
        frames = [d.value for d in at.dataframe if "Recommendation" in d.value.columns]
        return list(frames[0]["Recommendation"]) if frames else []

    assert open_texts() == ["Susun regulasi desa"]
    at.run()
    assert open_texts() == ["Susun regulasi desa"]
    M.edit(own_store, rid, "siti", entry_date=date.today(), text="Susun perbup stunting")
    at.run()
    assert open_texts() == ["Susun perbup stunting"]
    M.add_followup(own_store, rid, "siti", entry_date=date.today(), status="selesai")
    at.run()
    assert open_texts() == []
