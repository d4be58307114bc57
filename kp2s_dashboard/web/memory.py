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
``malloc_trim`` only the collection is done.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import threading

#: Seconds between two trims.
TRIM_SECONDS = 120

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


def start_trimmer(interval: float = TRIM_SECONDS) -> bool:
    """Start the background trimmer once per process (later calls do
    nothing). Returns ``True`` when this call started it."""
    global _started
    with _lock:
        if _started:
            return False
        _started = True
    gc.freeze()

    def loop() -> None:
        stop = threading.Event()
        while not stop.wait(interval):
            trim()

    threading.Thread(target=loop, name="kp2s-malloc-trim", daemon=True).start()
    return True
