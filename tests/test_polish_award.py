"""Profil page: the national-award line links its source only for a safe http(s) address."""
import pytest

from kp2s_dashboard.web import ui


@pytest.mark.parametrize("url", ["", None, "javascript:alert(1)", "data:text/html,x", "www.example.go.id", "nan"])
def test_award_line_without_safe_url_has_no_link(url):
    for lang in ("id", "en"):
        line = ui.award_line(2023, "Kabupaten terbaik", url, lang)
        assert "](" not in line and "[" not in line
        assert "2023" in line and "Kabupaten terbaik" in line


def test_award_line_with_https_url_links_it():
    line = ui.award_line(2023, "Kabupaten terbaik", "https://bkkbn.go.id/a (b)", "en")
    assert line.startswith("National award (2023): Kabupaten terbaik")
    assert line.endswith("](https://bkkbn.go.id/a%20%28b%29)")
    assert ui.award_line(2023, "x", "https://bkkbn.go.id", "id").startswith("Penghargaan nasional (2023): x — [")
