"""Real pages (../shared/realpages, saved from the sites by other people): every key of `expected` is checked.

The pages are read in place, never copied. A key this test does not know fails with a message saying so,
so a page added to the manifest with a new kind of expectation cannot pass unchecked.
"""

from __future__ import annotations

import csv
import json
import re
from datetime import date, datetime
from pathlib import Path

import pytest

from sources.adilet_zan_kz.parser import page_path
from sources.catalog import load_catalog
from sources.gazeta_uz.parser import ARTICLE_PATH
from sources.parsing import parse_capture
from sources.records import NO_DOCUMENT_KINDS
from sources.zakon_kz.news import is_article_url

REALPAGES = Path(__file__).resolve().parents[2] / ".." / "shared" / "realpages"
MANIFEST = REALPAGES / "manifest.tsv"

# The URL of an article (or act) page of a site: what a listing's links are counted against.
ARTICLE_URLS = {
    "gazeta.uz": lambda url: bool(ARTICLE_PATH.match(re.sub(r"^https?://[^/]+", "", url))),
    "zakon.kz": is_article_url,
    "adilet.zan.kz": lambda url: page_path(url).act_id is not None,
}
DOCUMENT_KEYS = ("page_kind", "title", "language")
ACT_KEYS = ("jurisdiction_iso3", "act_type", "act_number", "status", "signed_place", "issuing_body")
DATE_KEYS = ("adopted_on", "in_force_from", "lost_force_on")


def _rows() -> list:
    if not MANIFEST.is_file():
        return [pytest.param(None, id="realpages-absent")]
    with MANIFEST.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream, delimiter="\t"))
    return [pytest.param(row, id=row["file"]) for row in rows]


def _first(result, table: str) -> dict:
    rows = result.rows.get(table) or []
    return rows[0] if rows else {}


def _check(key: str, want, result, site: str) -> str | None:
    """None when the parse gives what ``expected`` says for ``key``, else what it gave."""
    doc, act = _first(result, "documents"), _first(result, "legal_acts")
    if key in DOCUMENT_KEYS:
        got = doc.get(key) if key in doc else act.get(key)
        return None if got == want else f"{key}: {got!r}"
    if key in ACT_KEYS:
        return None if act.get(key) == want else f"{key}: {act.get(key)!r}"
    if key in DATE_KEYS:
        got = act.get(key)
        return None if got == date.fromisoformat(want) else f"{key}: {got!r}"
    if key == "body_text":
        assert want == "non-blank", f"unknown body_text expectation {want!r}"
        return None if (doc.get("body_text") or "").strip() else "body_text: blank"
    if key == "min_article_headings":
        headings = [a for a in result.rows.get("legal_act_articles", []) if a["level"] == "article"]
        return None if len(headings) >= want else f"{len(headings)} article headings"
    if key == "min_links_to_articles":
        is_article = ARTICLE_URLS.get(site)
        assert is_article is not None, f"no article-URL rule for {site}: add one to ARTICLE_URLS"
        links = {url for url in re.findall(r"https?://\S+", doc.get("body_text") or "") if is_article(url)}
        return None if len(links) >= want else f"{len(links)} links to articles"
    if key == "trade_facts":
        got = len(result.rows.get("trade_observations", []))
        return None if got == want else f"{got} trade facts"
    if key == "text":
        assert want.startswith("in a PDF only"), f"unknown text expectation {want!r}"
        body = doc.get("body_text") or ""
        said = doc.get("layout") == "pdfBody" and "only as a PDF" in body and bool(act)
        return None if said and body.strip() else f"layout {doc.get('layout')!r}, body {body[-80:]!r}"
    raise AssertionError(f"expected key {key!r} is not known to this test: teach _check to read it")


@pytest.mark.parametrize("row", _rows())
def test_real_page_parses_as_expected(row):
    if row is None:
        pytest.skip(f"{REALPAGES} is absent: the real pages are not in this checkout's neighbourhood")
    body = (REALPAGES / row["file"]).read_bytes()
    fetched_at = datetime.fromisoformat(row["fetched_at"].replace("Z", "+00:00"))
    result = parse_capture(body, row["url"], fetched_at)
    errors = [e for e in result.errors if e.error_kind in NO_DOCUMENT_KINDS]
    assert not errors, f"{row['file']}: {errors}"
    assert result.rows.get("documents"), f"{row['file']}: no document"
    site = load_catalog().site_for_url(row["url"]).site
    expected = json.loads(row["expected"])
    wrong = [found for key, want in expected.items() if (found := _check(key, want, result, site))]
    assert not wrong, f"{row['file']} ({row['url']}): " + "; ".join(wrong)
    doc = result.rows["documents"][0]
    assert (doc["title"] or "").strip() and (doc["body_text"] or "").strip(), f"{row['file']}: blank title or text"
