"""RSS 2.0 (and Atom) feeds -> FeedItems: link, title, description as lead, publication date."""

from __future__ import annotations

import html
import re
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin

from sources.discovery.feeds import FeedItem, date_from_url, parse_date
from sources.discovery.safexml import child_text, local_name, parse_xml

_TAGS = re.compile(r"<[^>]+>")


def _plain(text: str) -> str:
    return " ".join(html.unescape(_TAGS.sub(" ", text or "")).split())


def _rss_date(text: str):
    if not text:
        return None
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        return parse_date(text)


def parse_rss(body: bytes, base_url: str = "") -> list[FeedItem]:
    """The items of an RSS or Atom feed, links resolved against ``base_url``; FeedFormatError when unreadable."""
    root = parse_xml(body)
    items: list[FeedItem] = []
    for element in root.iter():
        name = local_name(element.tag)
        if name == "item":  # RSS 2.0
            link = child_text(element, "link") or child_text(element, "guid")
            published = _rss_date(child_text(element, "pubDate")) or parse_date(child_text(element, "date"))
        elif name == "entry":  # Atom
            link = next(
                (
                    c.get("href", "")
                    for c in element
                    if local_name(c.tag) == "link" and c.get("rel", "alternate") == "alternate"
                ),
                "",
            )
            published = parse_date(child_text(element, "published") or child_text(element, "updated"))
        else:
            continue
        if not link:
            continue
        url = urljoin(base_url, link.strip())
        items.append(
            FeedItem(
                url=url,
                title=_plain(child_text(element, "title")),
                lead=_plain(child_text(element, "description") or child_text(element, "summary")),
                published=published or date_from_url(url),
            )
        )
    return items
