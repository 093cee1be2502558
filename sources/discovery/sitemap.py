"""XML sitemaps (daily archive sitemaps, Google-News sitemaps, sitemap indexes) -> FeedItems.

A plain ``<loc>`` list has no titles: the item's relevance is then judged on its URL slug. Google-News
(``news:title``) and image (``image:title``) extensions supply a title when present.
"""

from __future__ import annotations

from sources.discovery.feeds import FeedItem, date_from_url, parse_date
from sources.discovery.safexml import child_text, local_name, parse_xml


def _nested_text(element, *names: str) -> str:
    for node in element.iter():
        if local_name(node.tag) in names and (node.text or "").strip():
            return node.text.strip()
    return ""


def parse_sitemap(body: bytes) -> list[FeedItem]:
    """Items of a ``<urlset>``; for a ``<sitemapindex>`` the child sitemaps (title empty)."""
    root = parse_xml(body)
    items: list[FeedItem] = []
    for element in root:
        if local_name(element.tag) not in ("url", "sitemap"):
            continue
        loc = child_text(element, "loc")
        if not loc:
            continue
        published = parse_date(_nested_text(element, "publication_date")) or parse_date(child_text(element, "lastmod"))
        items.append(
            FeedItem(
                url=loc,
                title=_nested_text(element, "title"),
                lead=_nested_text(element, "caption", "keywords"),
                published=date_from_url(loc) or published,
            )
        )
    return items
