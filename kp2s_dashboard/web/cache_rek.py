"""Caches of the recommendations (issue 10) and their version key: the
recommendations the board shows, read once per version of the stored
recommendations (:func:`recommendations_key`), and the demo round. Split
from :mod:`kp2s_dashboard.web.cache`, which re-exports these functions
(``cache.recommendations()``, ``cache.recommendations_key()``,
``cache.recommendations_stamp()``).
"""

from __future__ import annotations

import hashlib

import streamlit as st

from kp2s_dashboard.store import datastore
from kp2s_dashboard.web import cache


@st.cache_data(show_spinner=False)
def _demo_recommendations(path: str, stamp: tuple[int, int]):
    from kp2s_dashboard.recommendations import demo

    return demo.load(path)


def recommendations():
    """The recommendations the board shows
    (:func:`kp2s_dashboard.recommendations.demo.board_source`): the store's,
    or the cached demo round when the store has none; read once per
    :func:`recommendations_key` (a recommendation added, edited or followed
    up in the store gives a new key, so the next run reads it) and returned
    as a copy.

    Raises:
        StoreUnavailable: a configured store cannot be opened.
        DataError: the demo file is damaged.
    """
    key = recommendations_key()
    return _recommendations(hashlib.blake2b(repr(key).encode(), digest_size=20).hexdigest(), key)


@st.cache_data(show_spinner=False, max_entries=16)
def _recommendations(token: str, _key: tuple):
    from kp2s_dashboard.recommendations import demo

    path = demo.DEMO_FILE
    stat = path.stat()
    return demo.board_source(datastore.store(),
                             lambda: _demo_recommendations(str(path), (stat.st_mtime_ns, stat.st_size)))


def recommendations_key() -> tuple:
    """The version of the recommendations shown, as small values for cache
    keys: ``("store", model.version(store))`` when the store holds
    recommendations (:func:`kp2s_dashboard.recommendations.model.version`:
    counts and newest ids, so every addition, edit and follow-up changes
    it), else ``("demo", store_version_or_None, path, (mtime_ns, size))`` of
    the demo file. Asked once per script run (one query), so a page using
    it several times pays once and a saved edit shows on the next run.

    Raises:
        StoreUnavailable: a configured store cannot be opened or answer.
    """
    return cache._once_per_run("_kp2s_recommendations_key", _recommendations_key)


def _recommendations_key() -> tuple:
    from kp2s_dashboard.recommendations import demo, model

    opened = datastore.store()
    stored = model.version(opened) if opened is not None else None
    if stored is not None and stored[1]:
        return ("store", stored)
    stat = demo.DEMO_FILE.stat()
    return ("demo", stored, str(demo.DEMO_FILE), (stat.st_mtime_ns, stat.st_size))


def recommendations_stamp() -> tuple | None:
    """Small values that change when the recommendations shown change
    (:func:`recommendations_key`), or None when they cannot be read."""
    from kp2s_dashboard.errors import KP2SError

    try:
        return recommendations_key()
    except KP2SError:
        return None
