"""Discovery of new documents: pure parsers of feeds and sitemaps, and the relevance filter (bytes in, items out).

Nothing here touches the network; ``pipelines.fetch`` fetches the feeds and hands the bytes over.
"""

from sources.discovery.charset import decode_body, detect_charset
from sources.discovery.feeds import (
    FEEDS,
    FeedItem,
    FeedSpec,
    feed_urls,
    feeds_for_site,
    gazeta_weekly_sitemap_url,
    week_start,
    weeks_between,
)
from sources.discovery.lex_editions import listed_editions, ondate_of
from sources.discovery.readers import parse_feed
from sources.discovery.relevance import is_relevant, mentioned_countries
from sources.discovery.rss import parse_rss
from sources.discovery.safexml import FeedFormatError, HostileXmlError, parse_xml
from sources.discovery.sitemap import parse_sitemap
from sources.discovery.zakon_json import parse_zakon_news

__all__ = [
    "FEEDS",
    "FeedFormatError",
    "FeedItem",
    "FeedSpec",
    "HostileXmlError",
    "decode_body",
    "detect_charset",
    "feed_urls",
    "feeds_for_site",
    "gazeta_weekly_sitemap_url",
    "listed_editions",
    "ondate_of",
    "is_relevant",
    "mentioned_countries",
    "parse_rss",
    "parse_feed",
    "parse_sitemap",
    "parse_xml",
    "parse_zakon_news",
    "week_start",
    "weeks_between",
]
