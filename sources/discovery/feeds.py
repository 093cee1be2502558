"""The discovery feeds of each site (RSS, daily sitemaps, JSON news feed) and the item they all yield.

Feed URLs are site knowledge like the selectors in SITES.md, so they live beside the parsers; a mirror
(KZUZ_MIRROR) changes where requests go, never these canonical URLs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

# kind: rss | daily_sitemap | zakon_json
GAZETA_DAILY_SITEMAP = "https://www.gazeta.uz/sitemap/materials-{lang}-{day}.xml"
ZAKON_NEWS_FEED = "https://www.zakon.kz/api/all-news-ajax/?pn={page}&pSize={size}"
_URL_DATE = re.compile(r"/(\d{4})/(\d{2})/(\d{2})/")


@dataclass(frozen=True)
class FeedItem:
    """A document announced by a feed: fetched only if relevant and not yet in the archive."""

    url: str
    title: str = ""
    lead: str = ""
    published: date | None = None

    @property
    def text(self) -> str:
        """What the relevance filter reads: title and lead (and the URL slug when there is no title)."""
        return " ".join(part for part in (self.title, self.lead) if part) or self.url


@dataclass(frozen=True)
class FeedSpec:
    """One feed of one site. ``url`` is a template for daily sitemaps ({day}) and paged JSON ({page}, {size})."""

    site: str
    name: str
    kind: str
    url: str


FEEDS: tuple[FeedSpec, ...] = (
    FeedSpec("gazeta.uz", "gazeta.uz/rss-ru", "rss", "https://www.gazeta.uz/ru/rss/"),
    FeedSpec("gazeta.uz", "gazeta.uz/rss-oz", "rss", "https://www.gazeta.uz/oz/rss/"),
    FeedSpec("gazeta.uz", "gazeta.uz/sitemap-ru", "daily_sitemap", GAZETA_DAILY_SITEMAP.replace("{lang}", "ru")),
    FeedSpec("lex.uz", "lex.uz/rss", "rss", "https://lex.uz/uz/rss"),
    FeedSpec("zakon.kz", "zakon.kz/all-news", "zakon_json", ZAKON_NEWS_FEED),
)


def feeds_for_site(site: str) -> tuple[FeedSpec, ...]:
    return tuple(feed for feed in FEEDS if feed.site == site)


def gazeta_daily_sitemap_url(day: date, lang: str = "ru") -> str:
    return GAZETA_DAILY_SITEMAP.format(lang=lang, day=day.isoformat())


def date_from_url(url: str) -> date | None:
    """gazeta.uz article URLs carry their date: /ru/2022/01/07/kaz-uzb/."""
    found = _URL_DATE.search(url)
    if not found:
        return None
    try:
        return date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
    except ValueError:
        return None


def parse_date(text: str) -> date | None:
    """ISO 8601 date or date-time ('2024-05-01', '2024-05-01T10:00:00+05:00', '2024-05-01 10:00:00')."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None
