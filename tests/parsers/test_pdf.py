"""Tests of the PDF text extractor on the bundled kisi.kz report (ref 14) and broken inputs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sources.pdf import parser

ROOT = Path(__file__).resolve().parents[2]
PDF = ROOT / "sources" / "bundled" / "pages" / "ref14-kisi-kz-ISMI--3.pdf"
URL = "https://kisi.kz/images/files/ISMI--3.pdf"
FETCHED = dt.datetime(2026, 11, 28, tzinfo=dt.UTC)


def test_kisi_report():
    result = parser.parse(PDF.read_bytes(), URL, FETCHED)
    assert result.errors == []
    [doc] = result.rows["documents"]
    assert doc["site"] == "kisi.kz"
    assert doc["page_kind"] == "report"
    assert doc["layout"] == "pdf:metadata_title"
    assert doc["title"] == "Казахстан и Узбекистан: экспертное измерение стратегического партнерства"
    assert doc["published_at"] == dt.datetime(2021, 12, 15, 10, 0, tzinfo=dt.UTC)
    assert doc["language"] == "ru"
    assert doc["author"] == "КИСИ при Президенте РК"
    text = doc["body_text"]
    assert "«Узбекистан – Казахстан: 25 лет дипломатических отношений»" in text
    assert "2017 году" in text and "2018 году" in text
    assert "геополитических и геоэкономических условиях" in text
    assert "Выводы" in text  # the last page is read too
    assert "  " not in text


def test_pdf_is_deterministic_and_marked():
    from pypdf import PdfReader

    reader = PdfReader(PDF)
    assert 2 <= len(reader.pages) <= 3
    assert reader.metadata.subject == "kzuz reconstruction"


def test_implausible_creation_date_is_dropped():
    # fetched before the stamped creation date: the stamp cannot be a publication date
    result = parser.parse(PDF.read_bytes(), URL, dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    assert result.rows["documents"][0]["published_at"] is None


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        (b"", "empty_body"),
        (b"<!DOCTYPE html><html><body>Not found</body></html>", "broken_pdf"),
        (b"%PDF-1.7\n garbage that is not a pdf object table\n%%EOF\n", "broken_pdf"),
    ],
)
def test_bad_bodies_are_parse_errors(body, kind):
    result = parser.parse(body, URL, FETCHED)
    assert result.rows == {}
    [error] = result.errors
    assert error.error_kind == kind
    assert "kisi.kz" in error.message


def test_truncated_pdf():
    body = PDF.read_bytes()
    result = parser.parse(body[: len(body) // 2], URL, FETCHED)
    assert result.rows == {}
    assert [e.error_kind for e in result.errors] == ["truncated"]
