"""The historical editions a lex.uz document lists (``.lx_date_ddm .lx_date_link``) as ``?ONDATE=`` URLs.

lex.uz answers ``?ONDATE=dd.mm.yyyy`` properly only for the dates its page lists (SITES.md), so an edition
URL is built from a listed date, never from a date of our own choosing.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit, urlunsplit

from selectolax.lexbor import LexborHTMLParser

_DATE = re.compile(r"\b(\d{2}\.\d{2}\.\d{4})\b")


def ondate_of(url: str) -> str | None:
    """The ``ONDATE`` of an edition URL ('12.05.2021'), or None for the current text."""
    values = {k.lower(): v for k, v in parse_qs(urlsplit(url).query).items()}.get("ondate")
    return values[0].strip() if values else None


def edition_url(doc_url: str, ondate: str) -> str:
    """The URL of an act's edition on a date (lex.uz's ONDATE)."""
    parts = urlsplit(doc_url)
    return urlunsplit(parts._replace(query=f"ONDATE={ondate}", fragment=""))


def listed_editions(body: bytes, doc_url: str) -> list[str]:
    """Edition URLs of ``doc_url`` for every date the page lists, in page order, each once."""
    tree = LexborHTMLParser(body)
    dates: list[str] = []
    for link in tree.css(".lx_date_ddm .lx_date_link"):
        found = ondate_of("?" + urlsplit(link.attributes.get("href") or "").query) or None
        if not found:
            text = _DATE.search(link.text() or "")
            found = text.group(1) if text else None
        if found and _DATE.fullmatch(found) and found not in dates:
            dates.append(found)
    return [edition_url(doc_url, d) for d in dates]
