"""kp2s_dashboard.web.memory outside a running server (the release of closed
tabs' sessions inside one is tests/browser/test_closed_sessions_in_browser.py)."""

from __future__ import annotations

from kp2s_dashboard.web import memory


def test_nothing_to_release_without_a_running_streamlit_server():
    assert memory.release_closed_sessions(timeout=1) == 0


def test_the_trim_interval_comes_from_the_environment_when_it_is_a_positive_number():
    assert memory._seconds("2.5", 30.0) == 2.5
    assert memory._seconds(None, 30.0) == 30.0
    assert memory._seconds("", 30.0) == 30.0
    assert memory._seconds("soon", 30.0) == 30.0
    assert memory._seconds("-1", 30.0) == 30.0


CHILD = """
import sys, threading
from kp2s_dashboard.web import memory
if sys.argv[1] == "fixed":
    assert memory.fix_mmap_threshold()
base = memory.rss_mb()
def upload():  # an upload's bytes and a decoded copy, freed when the script run ends
    data = bytes(19 * 1024 * 1024)
    text = data.decode("latin-1")
    del data, text
for _ in range(4):  # each script run of Streamlit is a new thread
    t = threading.Thread(target=upload)
    t.start()
    t.join()
memory.trim()
print(round(memory.rss_mb() - base))
"""


def _held_after_uploads(mode: str) -> int:
    import subprocess
    import sys
    from pathlib import Path

    done = subprocess.run([sys.executable, "-c", CHILD, mode], capture_output=True, text=True, check=True,
                          cwd=Path(__file__).resolve().parent.parent)
    return int(done.stdout.strip())


def test_large_blocks_freed_by_script_threads_go_back_to_the_system():
    import pytest

    if memory._mallopt() is None or memory.rss_mb() is None:
        pytest.skip("needs glibc's mallopt and /proc (Linux)")
    assert _held_after_uploads("fixed") < 8  # 57 MB with glibc's default (dynamic) threshold, measured
