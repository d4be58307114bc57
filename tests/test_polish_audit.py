"""Kelola data: the audit log's details column is a readable sentence, never raw JSON."""
from datetime import datetime, timezone

from kp2s_dashboard.store import publishing
from kp2s_dashboard.store.records import AuditEntry


def _entry(event, detail, kind="assessment", version=7):
    import inspect
    names = inspect.signature(AuditEntry).parameters
    values = dict(at=datetime(2026, 12, 5, 1, 0, tzinfo=timezone.utc), event=event, who="admin", kind=kind,
                  version_id=version, detail=detail)
    return AuditEntry(**{k: v for k, v in values.items() if k in names}, **{k: None for k in names if k not in values})


def test_publish_detail_names_file_and_tables():
    entry = _entry("publish", {"files": [{"name": "nilai_2025.xlsx", "sha256": "ab", "size": 2048}],
                               "comment": "revisi <b>dua</b>", "tables": ["scores", "answers"]})
    for lang in ("id", "en"):
        text = publishing.audit_detail(entry.detail, lang)
        assert "{" not in text and '"' not in text
        assert "nilai_2025.xlsx" in text and "revisi <b>dua</b>" in text and "2" in text
    assert publishing.audit_detail(entry.detail, "en").startswith("File nilai_2025.xlsx")
    assert publishing.audit_detail(entry.detail, "id").startswith("Berkas nilai_2025.xlsx")
    col = publishing.audit_frame([entry], "en").iloc[0, -1]
    assert col == publishing.audit_detail(entry.detail, "en")


def test_restore_and_unknown_keys_readable():
    assert "12" in publishing.audit_detail({"restored_from": 12, "comment": ""}, "en")
    text = publishing.audit_detail({"source": "backup.zip", "rows": {"versions": 3, "audit_log": 10},
                                    "replaced": True, "odd": [1, 2]}, "id")
    assert "backup.zip" in text and "13" in text and "odd: 1, 2" in text and "{" not in text
    assert publishing.audit_detail({}, "id") == ""
    assert publishing.audit_detail({"reason": "bad password"}, "en") == "Reason: bad password"
