"""Which parser reads which kind of feed: one entry point for the fetch layer and the discovery sensor."""

from __future__ import annotations

from sources.discovery.feeds import FeedItem, FeedSpec
from sources.discovery.rss import parse_rss
from sources.discovery.safexml import FeedFormatError
from sources.discovery.sitemap import parse_sitemap
from sources.discovery.zakon_json import parse_zakon_news


def parse_feed(feed: FeedSpec, body: bytes) -> list[FeedItem]:
    """Items of one fetched feed body; relative links resolve against the feed's canonical URL."""
    if feed.kind == "rss":
        return parse_rss(body, feed.url)
    if feed.kind in ("news_sitemap", "weekly_sitemap"):
        return parse_sitemap(body)
    if feed.kind == "zakon_json":
        return parse_zakon_news(body)
    raise FeedFormatError(f"feed {feed.name} has an unknown kind {feed.kind!r}")
