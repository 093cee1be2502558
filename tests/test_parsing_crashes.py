"""A bug in a parser or in the fact extractors becomes a parse error of that page, never a crashed refresh."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from sources import parsing

BUNDLED = Path(__file__).resolve().parents[1] / "sources" / "bundled"
FETCHED = datetime(2026, 11, 28, tzinfo=UTC)


def _gazeta_page() -> tuple[bytes, str]:
    for line in (BUNDLED / "manifest.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        url, file, *_ = line.split("\t")
        if "gazeta.uz" in url:
            return (BUNDLED / file).read_bytes(), url
    raise AssertionError("the bundled archive holds a gazeta.uz page")


def _boom(*_args, **_kwargs):
    raise TypeError("'int' object is not callable")


def test_a_crashing_fact_extractor_keeps_the_page_and_records_the_error(monkeypatch):
    body, url = _gazeta_page()
    healthy = parsing.parse_capture(body, url, FETCHED)
    assert healthy.rows["documents"] and not healthy.errors
    monkeypatch.setattr(parsing, "extract_facts", _boom)
    result = parsing.parse_capture(body, url, FETCHED)
    assert result.rows["documents"] == healthy.rows["documents"], "the page itself is still loaded"
    assert [e.error_kind for e in result.errors] == ["facts_crash"]
    assert "TypeError" in result.errors[0].message and "test_parsing_crashes.py" in result.errors[0].message


def test_a_crashing_parser_becomes_a_parser_crash_error(monkeypatch):
    body, url = _gazeta_page()
    monkeypatch.setattr(parsing, "_parser", lambda key: _boom)
    result = parsing.parse_capture(body, url, FETCHED)
    assert not result.rows.get("documents")
    assert [e.error_kind for e in result.errors] == ["parser_crash"]
    assert result.errors[0].message.startswith("gazeta.uz: TypeError")


@pytest.mark.parametrize("status", [404, 500])
def test_an_error_status_is_not_parsed(status):
    body, url = _gazeta_page()
    result = parsing.parse_capture(body, url, FETCHED, http_status=status)
    assert [e.error_kind for e in result.errors] == ["http_status"] and not result.rows.get("documents")
