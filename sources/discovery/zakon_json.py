"""zakon.kz's own JSON news feeds -> FeedItems.

``/api/all-news-ajax/?pn=&pSize=``: ``{"data_list": [{"data": "YYYY-MM-DD", "news_list": [{"alias",
"page_title", ...}]}]}`` (day groups; also read as a bare list or under another key).
``/api/today-news/?pn=&pSize=``: items with ``page_title``, ``alias`` and ``published_date``.
The alias is the article's path, section included (``finansy/6493470-kurs-dollara.html``): the URL is
``https://www.zakon.kz/{alias}`` as it stands (SITES.md, corrected 2026-12), never with an id prepended.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from sources.discovery.feeds import FeedItem, parse_date
from sources.discovery.safexml import FeedFormatError

BASE = "https://www.zakon.kz/"
_LEAD_KEYS = ("description", "lead", "short_text", "anons", "subtitle")


def _groups(payload) -> Iterator[tuple[str, list]]:
    if isinstance(payload, list):
        for entry in payload:
            if isinstance(entry, dict) and isinstance(entry.get("news_list"), list):
                yield str(entry.get("data") or entry.get("date") or ""), entry["news_list"]
            elif isinstance(entry, dict) and ("alias" in entry or "url" in entry):
                yield "", [entry]
    elif isinstance(payload, dict):
        if isinstance(payload.get("news_list"), list):
            yield str(payload.get("data") or payload.get("date") or ""), payload["news_list"]
            return
        for value in payload.values():
            if isinstance(value, list | dict):
                yield from _groups(value)


def item_url(news: dict) -> str | None:
    """The absolute URL of one news item of zakon.kz's JSON, or None."""
    url = news.get("url") or news.get("link")
    if isinstance(url, str) and url.startswith("http"):
        return url
    alias = str(news.get("alias") or "").strip()
    if not alias:
        return None
    if alias.startswith("http"):
        return alias
    return BASE + alias.lstrip("/")


def parse_zakon_news(body: bytes) -> list[FeedItem]:
    """The items of zakon.kz's news JSON; FeedFormatError when it is not that."""
    try:
        payload = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FeedFormatError(f"zakon.kz news feed is not JSON: {exc}") from exc
    items: list[FeedItem] = []
    for day, news_list in _groups(payload):
        for news in news_list:
            if not isinstance(news, dict) or not (url := item_url(news)):
                continue
            lead = next((str(news[k]) for k in _LEAD_KEYS if news.get(k)), "")
            published = parse_date(str(news.get("published_date") or news.get("date") or "")) or parse_date(day)
            items.append(
                FeedItem(
                    url=url,
                    title=str(news.get("page_title") or news.get("title") or ""),
                    lead=lead,
                    published=published,
                )
            )
    return items
