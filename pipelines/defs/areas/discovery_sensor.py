"""The discovery sensor: every few hours, read the sites' feeds and request a refresh only when a relevant
item appeared that was never seen before.

"Seen" is the fetch layer's own memory: an item is new when its URL is neither in the archive nor in the
`discovered` table of archive/fetch_state.sqlite. New items are remembered there as pending (so the refresh
the sensor requests fetches exactly them, and the next tick does not count them again); the run key is a
digest of the new URLs and the cursor keeps the last tick's findings, visible in the UI.

Feeds read per tick (cheap): every RSS feed, the gazeta.uz Google-News sitemap, the weekly gazeta.uz
sitemaps of the weeks holding yesterday and today (Tashkent dates; one map when both fall in one week) and the
first page of the zakon.kz JSON feed. Requests go through the polite session of
pipelines.fetch (User-Agent, robots.txt, per-host rate, KZUZ_MIRROR). Feed validators are not touched: the
refresh's own discovery keeps its conditional requests. KZUZ_DISCOVERY_INTERVAL_SECONDS (default 3 h) sets
the interval; with KZUZ_OFFLINE=1 the sensor skips.
"""

import hashlib
import json
import os
import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import dagster as dg

from pipelines.defs.areas.schedules import REFRESH_JOB, sensor_status
from pipelines.defs.resources import default_home, offline_from_env
from pipelines.home import KzuzHome

TASHKENT = ZoneInfo("Asia/Tashkent")


@dataclass(frozen=True)
class NewItem:
    """A feed item never seen before: its URL, site, the feed it came from, and its title."""

    url: str
    site: str
    feed: str
    title: str


def _feed_urls(today: date, zakon_page_size: int) -> list[tuple[object, str]]:
    from sources.discovery import FEEDS, feed_urls  # noqa: PLC0415

    return [(feed, url) for feed in FEEDS for url in feed_urls(feed, today - timedelta(days=1), today, zakon_page_size)]


def _parser(feed, _url: str) -> Callable[[bytes], list]:
    from sources.discovery import parse_feed  # noqa: PLC0415

    return lambda body: parse_feed(feed, body)


def _already_discovered(state_path, urls: list[str]) -> set[str]:
    if not urls or not state_path.exists():
        return set()
    with closing(sqlite3.connect(state_path, timeout=60)) as con:
        marks = ",".join("?" * len(urls))
        return {r[0] for r in con.execute(f"select url from discovered where url in ({marks})", urls)}


def find_new_items(home: KzuzHome, today: date, log=None) -> list[NewItem]:
    """Read the feeds; return (and remember as pending) the relevant items never seen before."""
    from pipelines.fetch import FetchConfig, FetchState, HttpFetcher  # noqa: PLC0415
    from sources.archive import ArchiveStore  # noqa: PLC0415
    from sources.catalog import UnknownHostError, load_catalog  # noqa: PLC0415
    from sources.discovery import is_relevant  # noqa: PLC0415

    catalog = load_catalog()
    config = FetchConfig.from_env(catalog=catalog)
    store = ArchiveStore(home.archive)
    state = FetchState(home.archive)
    http = HttpFetcher(config, catalog)
    found: dict[str, NewItem] = {}
    try:
        for feed, url in _feed_urls(today, config.zakon_page_size):
            try:
                result = http.get(url)
                if result.status != 200:
                    raise RuntimeError(f"HTTP {result.status}")
                items = _parser(feed, url)(result.body)
            except Exception as exc:  # noqa: BLE001 - one bad feed must not hide the others
                if log:
                    log.warning(f"discovery: {url}: {exc}")
                continue
            for item in items:
                canonical = config.mirrors.to_canonical(item.url)
                try:
                    site = catalog.site_for_url(canonical)
                except UnknownHostError:
                    continue
                if canonical in found or not is_relevant(item.text, catalog.relevance_terms, site.country_iso3):
                    continue
                if store.latest_for_url(canonical) is not None:
                    continue
                found[canonical] = NewItem(canonical, site.site, feed.name, item.title)
    finally:
        http.close()
    seen = _already_discovered(state.path, list(found))
    new = [item for url, item in found.items() if url not in seen]
    for item in new:
        state.remember_items(item.site, item.feed, [_Remembered(item.url, item.title)])
    return new


@dataclass(frozen=True)
class _Remembered:  # the shape FetchState.remember_items reads
    url: str
    title: str
    published: date | None = None


def build_discovery_sensor(home: str) -> dg.SensorDefinition:
    """The sensor that reads the feeds for ``home`` and requests a refresh when a new relevant item appeared."""

    @dg.sensor(
        name="discovery_sensor",
        job_name=REFRESH_JOB,
        minimum_interval_seconds=int(os.environ.get("KZUZ_DISCOVERY_INTERVAL_SECONDS") or 3 * 3600),
        default_status=sensor_status(),
        description="Reads the discovery feeds; requests a refresh only when a new relevant item appeared.",
    )
    def discovery_sensor(context: dg.SensorEvaluationContext):
        if offline_from_env():
            return dg.SkipReason("offline (KZUZ_OFFLINE=1): feeds are not read")
        now = datetime.now(TASHKENT)
        new = find_new_items(KzuzHome.resolve(home).ensure(), now.date(), context.log)
        previous = json.loads(context.cursor) if context.cursor else {}
        cursor = {
            "checked_at": now.isoformat(timespec="seconds"),
            "new": len(new),
            "seen_total": previous.get("seen_total", 0) + len(new),
        }
        context.update_cursor(json.dumps(cursor))
        if not new:
            return dg.SkipReason("no new relevant item in the feeds")
        urls = sorted(item.url for item in new)
        for item in new:
            context.log.info(f"new: {item.url} ({item.feed}) {item.title}")
        return dg.RunRequest(
            run_key="discovery-" + hashlib.sha256("\n".join(urls).encode()).hexdigest()[:16],
            tags={"kzuz/trigger": "discovery_sensor", "kzuz/new_items": str(len(new))},
        )

    return discovery_sensor


defs = dg.Definitions(sensors=[build_discovery_sensor(default_home())])
