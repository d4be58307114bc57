"""Switching the language keeps the choices made on a page (issue 15), in
Streamlit's AppTest on small scripts that call the sidebar's language switch
(:func:`kp2s_dashboard.web.ui.language_picker`) as ``app.py`` does.

Without :func:`kp2s_dashboard.web.ui.keep_choices` the server keeps each
value after a switch but does not send the browser its new label
(``set_value``), so the browser kept the old language's label, matching none
of the new options: a radio with no option selected. The pages themselves are checked in the browser
(``tests/browser/test_language_switch_in_browser.py``): under AppTest, a run
after the first runs the page without ``app.py``, so without the switch."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from kp2s_dashboard.web import ui


def switch(at: AppTest, lang: str) -> AppTest:
    """Choose ``lang`` on the sidebar's language switch and rerun, as a click does."""
    at.button_group(key="ui_lang").set_value(lang).run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.query_params["lang"] == lang
    return at


def sent(widget) -> list[str] | None:
    """The labels the server told the browser to show for ``widget`` in the
    last run (``set_value`` with its raw value or values), or None when it
    told nothing: the browser then keeps the label it had."""
    proto = widget.proto
    if not proto.set_value:
        return None
    values = list(getattr(proto, "raw_values", []))
    return values or [proto.raw_value]


def widgets_script() -> None:
    """Every kind of option widget, labelled in the language of the switch,
    beside widgets whose value Streamlit does not let a script set."""
    import pandas as pd
    import streamlit as st

    from kp2s_dashboard.web import ui

    lang = ui.language_picker()

    def fmt(v):
        return f"{v}-{lang}"

    st.radio("radio", ["a", "b", "c"], format_func=fmt, key="r")
    st.selectbox("select", ["a", "b", "c"], format_func=fmt, key="s")
    st.selectbox("none", [ui.NONE, "x"], format_func=lambda v: ("all" if v == ui.NONE else v) + f"-{lang}", key="n")
    st.multiselect("multi", ["a", "b", "c"], format_func=fmt, key="m")
    st.segmented_control("segment", ["a", "b", "c"], format_func=fmt, key="g")
    st.pills("pills", ["a", "b", "c"], format_func=fmt, key="p", selection_mode="multi")
    st.selectbox("nothing chosen", ["a", "b"], index=None, format_func=fmt, key="empty")
    st.text_input("text", key="x")
    st.button("button", key="b")
    st.data_editor(pd.DataFrame({"v": [1, 2]}), key="d")
    st.file_uploader("file", key="f")
    with st.form("form"):
        st.selectbox("in a form", ["a", "b"], format_func=fmt, key="fs")
        st.form_submit_button("send")


def test_every_option_widget_keeps_its_value_across_a_language_switch():
    at = AppTest.from_function(widgets_script, default_timeout=60)
    at.query_params["lang"] = "id"
    at.run()
    at.radio(key="r").set_value("b")
    at.selectbox(key="s").set_value("c")
    at.selectbox(key="n").set_value("x")
    at.multiselect(key="m").set_value(["a", "c"])
    at.segmented_control(key="g").set_value("c")
    at.pills(key="p").set_value(["b"])
    at.text_input(key="x").set_value("ketik")
    at.run()
    assert at.radio(key="r").options == ["a-id", "b-id", "c-id"]

    for lang in ("en", "id"):
        switch(at, lang)
        # the browser is told each choice in the new language (without it, a radio showed no option selected)
        assert sent(at.radio(key="r")) == [f"b-{lang}"]
        assert sent(at.selectbox(key="s")) == [f"c-{lang}"]
        assert sent(at.selectbox(key="n")) == [f"x-{lang}"]
        assert sent(at.multiselect(key="m")) == [f"a-{lang}", f"c-{lang}"]
        assert sent(at.segmented_control(key="g")) == [f"c-{lang}"]
        assert sent(at.pills(key="p")) == [f"b-{lang}"]
        assert sent(at.selectbox(key="fs")) == [f"a-{lang}"]
        assert at.radio(key="r").value == "b" and at.radio(key="r").options == [f"{o}-{lang}" for o in "abc"]
        assert at.radio(key="r").index == 1
        assert at.selectbox(key="s").value == "c" and at.selectbox(key="s").index == 2
        assert at.selectbox(key="n").value == "x"
        assert at.multiselect(key="m").value == ["a", "c"]
        assert at.segmented_control(key="g").value == "c"
        assert at.pills(key="p").value == ["b"]
        assert at.selectbox(key="empty").value is None  # nothing chosen stays nothing chosen
        assert at.selectbox(key="fs").value == "a"
        assert at.text_input(key="x").value == "ketik"


def test_the_none_stand_in_keeps_its_label_in_the_new_language():
    at = AppTest.from_function(widgets_script, default_timeout=60)
    at.query_params["lang"] = "id"
    at.run()
    assert at.selectbox(key="n").value == ui.NONE
    switch(at, "en")
    assert sent(at.selectbox(key="n")) == ["all-en"]
    assert at.selectbox(key="n").value == ui.NONE and at.selectbox(key="n").index == 0
    assert at.selectbox(key="n").options == ["all-en", "x-en"]


def test_as_option_and_from_option_are_inverse():
    assert ui.as_option(None) == ui.NONE and ui.from_option(ui.NONE) is None
    assert ui.from_option(ui.as_option("6301")) == "6301" and ui.from_option(2021) == 2021


def tabs_script() -> None:
    import streamlit as st

    from kp2s_dashboard.web import ui

    lang = ui.language_picker()
    labels = {"id": ["Satu", "Dua", "Tiga"], "en": ["One", "Two", "Three"]}[lang]
    for label, tab in zip(labels, ui.tabs(labels, key="t")):
        if tab.open:
            st.markdown(f"open: {label}")


def test_tabs_keep_the_open_tab_by_its_position_across_a_language_switch():
    at = AppTest.from_function(tabs_script, default_timeout=60)
    at.query_params["lang"] = "id"
    at.run()
    assert [m.value for m in at.markdown] == ["open: Satu"]
    at.session_state["t"] = "Tiga"  # a click on the third tab
    at.run()
    assert [m.value for m in at.markdown] == ["open: Tiga"]
    switch(at, "en")
    assert at.session_state["t"] == "Three" and [m.value for m in at.markdown] == ["open: Three"]
    switch(at, "id")
    assert at.session_state["t"] == "Tiga"
