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
