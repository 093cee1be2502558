"""The discovery feeds of each site (RSS, Google-News and weekly sitemaps, JSON news feed) and their items.

Feed URLs are site knowledge like the selectors in SITES.md, so they live beside the parsers; a mirror
(KZUZ_MIRROR) changes where requests go, never these canonical URLs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

# kind: rss | news_sitemap | weekly_sitemap | zakon_json
# gazeta.uz's archive maps are weekly, named by the Monday of the ISO week (SITES.md, corrected 2026-12).
GAZETA_WEEKLY_SITEMAP = "https://www.gazeta.uz/sitemap/materials-{lang}-{week}.xml"
GAZETA_NEWS_SITEMAP = "https://www.gazeta.uz/sitemap/google-news-ru.xml"
GAZETA_LANGUAGES = ("ru", "oz", "uz", "en")
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
    """One feed of one site. ``url`` is a template for weekly sitemaps ({week}: the ISO week's Monday) and
    paged JSON ({page}, {size}).
    """

    site: str
    name: str
    kind: str
    url: str


FEEDS: tuple[FeedSpec, ...] = (
    FeedSpec("gazeta.uz", "gazeta.uz/rss-ru", "rss", "https://www.gazeta.uz/ru/rss/"),
    FeedSpec("gazeta.uz", "gazeta.uz/rss-oz", "rss", "https://www.gazeta.uz/oz/rss/"),
    FeedSpec("gazeta.uz", "gazeta.uz/google-news-ru", "news_sitemap", GAZETA_NEWS_SITEMAP),
    *(
        FeedSpec(
            "gazeta.uz", f"gazeta.uz/sitemap-{lang}", "weekly_sitemap", GAZETA_WEEKLY_SITEMAP.replace("{lang}", lang)
        )
        for lang in GAZETA_LANGUAGES
    ),
    FeedSpec("lex.uz", "lex.uz/rss", "rss", "https://lex.uz/uz/rss"),
    FeedSpec("zakon.kz", "zakon.kz/all-news", "zakon_json", ZAKON_NEWS_FEED),
)


def feeds_for_site(site: str) -> tuple[FeedSpec, ...]:
    """The discovery feeds of one site."""
    return tuple(feed for feed in FEEDS if feed.site == site)


def week_start(day: date) -> date:
    """The Monday of ``day``'s ISO week: the name of the weekly map that lists ``day``'s articles."""
    return day - timedelta(days=day.weekday())


def weeks_between(since: date, until: date) -> list[date]:
    """The Mondays of every ISO week that holds a day of [since, until], each once."""
    first, last = week_start(since), week_start(until)
    return [first + timedelta(weeks=n) for n in range((last - first).days // 7 + 1)] if since <= until else []


def gazeta_weekly_sitemap_url(day: date, lang: str = "ru") -> str:
    """The archive map that lists ``day``'s articles in ``lang`` (named by its ISO week's Monday)."""
    return GAZETA_WEEKLY_SITEMAP.format(lang=lang, week=week_start(day).isoformat())


def feed_urls(feed: FeedSpec, since: date, until: date, page_size: int = 50) -> list[str]:
    """The URLs to read for items published in [since, until]: one per weekly map, the first page of a
    paged feed, the feed itself otherwise.
    """
    if feed.kind == "weekly_sitemap":
        return [feed.url.format(week=monday.isoformat()) for monday in weeks_between(since, until)]
    if feed.kind == "zakon_json":
        return [feed.url.format(page=1, size=page_size)]
    return [feed.url]


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
