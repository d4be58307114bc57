"""Give freed memory back to the operating system.

Pure (no Streamlit). CPython frees an upload's bytes and the objects parsed
from it as soon as the session holding them is gone, but glibc's ``malloc``
keeps the freed pages in its heaps and arenas (one per thread that
allocated: every script run has its own), so the server's RSS stays where
the busiest moment left it. Measured (four visitors uploading a 19 MB
workbook on Validasi at once, then leaving): 247 MB before, 428 MB after
they had all gone, 264 MB after ``gc.collect()`` and ``malloc_trim(0)``.
The collection matters: a closed session sits in reference cycles
(session, script runner, widget state and its uploads) that only the
cyclic collector frees, and an idle server seldom runs a full collection.

:func:`start_trimmer` runs :func:`trim` every :data:`TRIM_SECONDS` in a
daemon thread, once per process; it first freezes the objects alive at
start (``gc.freeze``: modules, caches of the data in force) so each
collection only walks what was allocated since. Without glibc's
``malloc_trim`` only the collection is done. It also fixes glibc's mmap
threshold (:func:`fix_mmap_threshold`) so that large blocks freed after an
upload go back to the system at once.

Closed browser tabs. When a tab closes, Streamlit keeps its session (widget
state and *uploaded files*) for ``server.disconnectedSessionTTL`` seconds
(default 120) so that a tab reconnecting after a network blip finds it.
After that the session only becomes unreachable: Streamlit's session storage
(a TTL cache, streamlit 1.67) drops expired entries lazily, when it is next
written or counted, and dropping one never calls ``AppSession.shutdown()``,
so the uploaded files stay in the ``MemoryUploadedFileManager`` for the
life of the process (measured: 3 × 19 MB uploads held after the tabs had
been closed for 5 minutes). :func:`release_closed_sessions`, run by the
trimmer before each trim, shuts the expired sessions down on Streamlit's
event loop, which frees their files, media and state.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import os
import threading

def _seconds(raw: str | None, default: float) -> float:
    try:
        value = float(raw) if raw else default
    except ValueError:
        return default
    return value if value > 0 else default


#: Allocations from this size up get their own pages from the system and give
#: them back when freed (glibc ``M_MMAP_THRESHOLD``), see :func:`fix_mmap_threshold`.
MMAP_THRESHOLD = 1024 * 1024

#: Seconds between two trims (each first releases the sessions of tabs closed
#: more than ``server.disconnectedSessionTTL`` ago); ``KP2S_TRIM_SECONDS``
#: overrides (the tests shorten it).
TRIM_SECONDS = _seconds(os.environ.get("KP2S_TRIM_SECONDS"), 30.0)

_lock = threading.Lock()
_started = False
_libc = None


def _malloc_trim():
    global _libc
    if _libc is None:
        try:
            _libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
            _libc.malloc_trim.argtypes = [ctypes.c_size_t]
        except (OSError, AttributeError):
            _libc = False
    return _libc.malloc_trim if _libc else None


def trim(collect: bool = True) -> bool:
    """Free unreachable cycles (``gc.collect()``, unless ``collect`` is
    false), then return the free memory at the top and inside glibc's heaps
    to the system (``malloc_trim(0)``); ``True`` when something was
    released, ``False`` when nothing was or the C library has no
    ``malloc_trim``."""
    if collect:
        gc.collect()
    fn = _malloc_trim()
    return bool(fn(0)) if fn is not None else False


def fix_mmap_threshold(size: int = MMAP_THRESHOLD) -> bool:
    """Make glibc serve every allocation of ``size`` bytes or more with its
    own ``mmap`` and unmap it when freed (``mallopt(M_MMAP_THRESHOLD)``);
    ``True`` when set, ``False`` without glibc.

    glibc's default threshold is dynamic: after a large block (an uploaded
    file's bytes, its decoded text) is freed, the threshold rises to that
    block's size (up to 32 MB) and the trim threshold to twice that, so the
    next uploads are served from the script thread's arena, whose top
    ``malloc_trim`` never returns. Measured (a 19 MB CSV checked four
    times, each in a new thread like Streamlit's script runs): +38 MB held
    after trimming; with the threshold fixed at 1 MB, +0 MB, same time.
    Setting it also stops the dynamic adjustment.
    """
    fn = _mallopt()
    return bool(fn(-3, size)) if fn is not None else False  # -3: M_MMAP_THRESHOLD


def _mallopt():
    _malloc_trim()  # loads the C library
    if not _libc:
        return None
    try:
        fn = _libc.mallopt
    except AttributeError:
        return None
    fn.argtypes = [ctypes.c_int, ctypes.c_int]
    return fn


def rss_mb() -> float | None:
    """This process's resident memory in MB (``VmRSS`` of
    ``/proc/self/status``), or ``None`` where there is no ``/proc``."""
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def release_closed_sessions(timeout: float = 10.0) -> int:
    """Shut down the sessions Streamlit keeps for closed tabs whose
    ``server.disconnectedSessionTTL`` has run out, and drop uploaded files
    held for sessions that no longer exist; returns how many sessions were
    released (0 outside a running Streamlit server).

    Runs on Streamlit's event loop (where Streamlit itself closes sessions)
    and waits up to ``timeout`` s for it. Uses Streamlit internals
    (``Runtime._session_mgr``, its ``_session_storage._cache`` and
    ``_storage_lock``; streamlit==1.67.0 is pinned): when they are not there,
    nothing is done and 0 returned.
    """
    try:
        from streamlit import runtime
    except ImportError:
        return 0
    if not runtime.exists():
        return 0
    rt = runtime.get_instance()
    mgr = getattr(rt, "_session_mgr", None)
    cache = getattr(getattr(mgr, "_session_storage", None), "_cache", None)
    lock = getattr(mgr, "_storage_lock", None)
    objs = getattr(rt, "_async_objs", None)
    if cache is None or lock is None or objs is None or not hasattr(cache, "expire"):
        return 0
    done = threading.Event()
    released = [0]

    def on_loop() -> None:
        try:
            with lock:
                expired = cache.expire()
            for _session_id, info in expired:
                info.session.shutdown()
            released[0] = len(expired)
            live = {info.session.id for info in mgr.list_sessions()}
            files = rt.uploaded_file_mgr
            for session_id in [s for s in list(getattr(files, "file_storage", {})) if s not in live]:
                files.remove_session_files(session_id)
                released[0] += 1
        finally:
            done.set()

    try:
        objs.eventloop.call_soon_threadsafe(on_loop)
    except RuntimeError:  # the loop has closed: the server is stopping
        return 0
    done.wait(timeout)
    return released[0]


def start_trimmer(interval: float = TRIM_SECONDS) -> bool:
    """Start the background trimmer once per process (later calls do
    nothing). Returns ``True`` when this call started it."""
    global _started
    with _lock:
        if _started:
            return False
        _started = True
    fix_mmap_threshold()
    gc.freeze()

    def loop() -> None:
        stop = threading.Event()
        while not stop.wait(interval):
            release_closed_sessions()
            trim()

    threading.Thread(target=loop, name="kp2s-malloc-trim", daemon=True).start()
    return True
