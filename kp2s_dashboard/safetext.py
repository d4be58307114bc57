"""Text from files shown as text: escaping for the places that render markup.

Pure. Streamlit renders markdown (with its own ``:red[…]``,
``:material/…:`` and ``$…$`` extensions) in ``st.markdown``, ``st.caption``,
``st.error``/``warning``/``info``/``success`` and widget labels; plotly
renders a subset of HTML (``<b>``, ``<br>``, ``<a href>``, ``<span style>``)
in hover templates, labels and text; folium tooltips are HTML. A district
name, sheet name, note or cell value read from an uploaded file must reach
none of them as markup: a name written ``![x](http://host/p.png)`` would
make every viewer's browser fetch that address.

Dataframes (``st.dataframe``), ``st.text`` and ``st.code`` show text as
text, but a direction control in it still reorders what follows
(``"\u202e21"`` is shown as ``12``): :func:`plain_frame` writes those as
their code points before a frame is shown.
"""

from __future__ import annotations

import html
import re

# Every ASCII punctuation character that starts or ends a markdown construct
# (CommonMark lets a backslash escape any ASCII punctuation), plus ":" and
# "$" for Streamlit's directives, icons, emoji short codes and LaTeX.
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$&=\"'^])")


# Unicode direction controls (embeddings, overrides, isolates, marks): a sheet named "R\u202e…" would show the
# rest of a message (its cell, what was expected) reversed. Shown as their code point instead.
_BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def markdown(text: object) -> str:
    """``text`` escaped so that markdown shows it literally: every markdown
    punctuation gets a backslash (``![x](u)`` → ``\\!\\[x\\]\\(u\\)``, ``<img>`` →
    ``\\<img\\>``); line breaks stay line breaks (hard breaks, so a text
    cannot start a list, heading or table on its own line); a direction
    control (right-to-left override …) is written as its code point
    (``U+202E``), so it cannot reverse the message around it."""
    escaped = _MARKDOWN.sub(r"\\\1", _BIDI.sub(lambda m: f"U+{ord(m.group()):04X}", str(text)))
    return "  \n".join(line.strip() for line in escaped.splitlines()) if "\n" in escaped else escaped


def visible_controls(text: str) -> str:
    """``text`` with each direction control written as its code point
    (``"abc \u202e123"`` → ``"abc U+202E123"``); anything else unchanged."""
    return _BIDI.sub(lambda m: f"U+{ord(m.group()):04X}", text)


def plain_frame(frame):
    """A ``pandas.DataFrame`` to show as a table: in its text columns (and
    column names), each direction control written as its code point
    (:func:`visible_controls`), so a cell cannot reverse itself or the
    cells after it (``"\u202e21"`` would be shown as ``21``'s mirror,
    ``12``). Returns ``frame`` itself (no copy) when it holds none; else a
    copy with the same index and columns' order. Cells that are not text
    are left alone."""
    import pandas as pd

    changed: dict = {}
    for position, (name, column) in enumerate(frame.items()):
        if column.dtype != object and not isinstance(column.dtype, pd.StringDtype):
            continue
        texts = [v for v in column.tolist() if isinstance(v, str)]
        if texts and _BIDI.search("\x00".join(texts)):
            changed[position] = [visible_controls(v) if isinstance(v, str) else v for v in column.tolist()]
    names = [visible_controls(c) if isinstance(c, str) else c for c in frame.columns]
    renamed = names != list(frame.columns)
    if not changed and not renamed:
        return frame
    out = frame.copy()
    for position, values in changed.items():
        out.isetitem(position, pd.Series(values, index=frame.index, dtype=frame.dtypes.iloc[position]))
    if renamed:
        out.columns = names
    return out


def plotly(text: object) -> str:
    """``text`` for plotly labels and hovers: ``&``, ``<`` and ``>`` as
    entities, so no tag from a file is drawn (plotly shows entities as the
    characters)."""
    return html.escape(str(text), quote=False)


def html_text(text: object) -> str:
    """``text`` for HTML (folium tooltips, ``unsafe_allow_html`` blocks):
    ``&``, ``<``, ``>`` and quotes escaped."""
    return html.escape(str(text), quote=True)


# Characters that end or break a markdown link destination ``[label](url)``
# (parentheses, angle brackets, blanks, backslash, brackets, quotes,
# backtick): percent-encoded, so ``https://a/)![x](http://host/p.png`` stays
# one link and never becomes a second link or an image.
_LINK_UNSAFE = re.compile(r"[()<>\s\\\[\]\"'`]")


def link_url(url: object) -> str:
    """``url`` (a source address read from a file) for a markdown link
    ``[label](…)``: ``""`` unless it is an ``http://`` or ``https://``
    address (``javascript:``, ``data:`` or a bare word are no link), with
    every character that could end the link or open markup percent-encoded
    (``)`` → ``%29``, a blank → ``%20``). The address a browser follows is the
    same: percent-encoding these characters does not change a URL's meaning."""
    text = "" if url is None else str(url).strip()
    if not re.match(r"(?i)^https?://[^\s/?#]", text):
        return ""
    return _LINK_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode("utf-8")), text)



# Characters XML 1.0 cannot hold (C0 controls but tab, LF and CR; U+FFFE, U+FFFF; lone surrogates): openpyxl and
# python-docx refuse a whole workbook or document for one of them. A vertical tab or form feed is a line break as
# Word writes it; any other is shown as U+FFFD.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_text(value: object) -> object:
    """``value`` fit for an .xlsx or .docx: a ``str`` with the characters XML
    cannot hold replaced (vertical tab and form feed by a line break, the
    others by ``\ufffd``, so it shows that something was there); any other
    value unchanged."""
    if not isinstance(value, str) or _XML_ILLEGAL.search(value) is None:
        return value
    return _XML_ILLEGAL.sub(lambda m: "\n" if m.group() in "\x0b\x0c" else "\ufffd", value)
