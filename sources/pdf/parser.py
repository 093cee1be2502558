"""Text extraction from PDF reports (kisi.kz and any other host serving PDFs) with pypdf.

Emits one ``documents`` row (page_kind "report"): title from the PDF metadata or the first non-empty
line, body text of all pages, published_at from the metadata creation date when it is plausible. A PDF
without extractable text (scanned pages) is ``missing_part: report text``; ``headers`` is not read (a PDF
carries no charset).
"""

from __future__ import annotations

import datetime as dt
import io
import re

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from sources.generic.language import language_from_script
from sources.generic.parser import site_of
from sources.records import ParseError, ParseResult

PARSER = "pdf"
# Producers stamp 1970, 1980 or future dates when the clock or the template is wrong.
_EARLIEST_PLAUSIBLE = dt.datetime(1993, 1, 1, tzinfo=dt.UTC)


def _clean(text: str) -> str:
    """Collapse the runs of spaces justified text leaves behind; keep line breaks."""
    lines = (re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _plausible(value: object, fetched_at: dt.datetime) -> dt.datetime | None:
    if not isinstance(value, dt.datetime):
        return None
    value = (value if value.tzinfo else value.replace(tzinfo=dt.UTC)).astimezone(dt.UTC)
    fetched = fetched_at if fetched_at.tzinfo else fetched_at.replace(tzinfo=dt.UTC)
    return value if _EARLIEST_PLAUSIBLE <= value <= fetched else None


def parse(body: bytes, url: str, fetched_at: dt.datetime, headers=None) -> ParseResult:
    """Parse a PDF into one ``documents`` row (or a ParseError)."""
    site = site_of(url)
    result = ParseResult()
    if not body or not body.strip():
        result.errors.append(ParseError("empty_body", f"{site}: empty response body (expected a PDF)"))
        return result
    if not body.lstrip().startswith(b"%PDF-"):
        result.errors.append(
            ParseError("broken_pdf", f"{site}: body is not a PDF (no %PDF- header; starts with {body[:16]!r})")
        )
        return result
    if b"%%EOF" not in body[-1024:]:
        result.errors.append(ParseError("truncated", f"{site}: PDF ends without %%EOF ({len(body)} bytes)"))
        return result
    try:
        reader = PdfReader(io.BytesIO(body))
        pages = [_clean(page.extract_text() or "") for page in reader.pages]
        metadata = reader.metadata
        created = metadata.creation_date if metadata else None
    except (PyPdfError, ValueError, KeyError, TypeError) as exc:
        result.errors.append(ParseError("broken_pdf", f"{site}: pypdf cannot read the PDF: {exc}"))
        return result

    body_text = "\n\n".join(page for page in pages if page)
    if not body_text:
        tried = [f"pypdf text of {len(pages)} pages (none: scanned images?)"]
        result.errors.append(ParseError.missing_part(site, "report text", tried, url))
        return result
    meta_title = (metadata.title or "").strip() if metadata else ""
    first_line = body_text.splitlines()[0]
    result.add(
        "documents",
        site=site,
        page_kind="report",
        layout="pdf:metadata_title" if meta_title else "pdf:first_line",
        title=meta_title or first_line,
        published_at=_plausible(created, fetched_at),
        language=language_from_script(body_text),
        author=((metadata.author or "").strip() or None) if metadata else None,
        lead=None,
        body_text=body_text,
    )
    return result
