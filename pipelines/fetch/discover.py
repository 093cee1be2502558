"""Discovery runs of one site: read its feeds over a window of days, keep the relevant new items, fetch them.

A normal refresh reads RSS and the Google-News sitemap, the weekly archive sitemaps of every ISO week from
the last successful discovery (at most ``lookback_days`` back) to today, each week's map once, and the first
pages of the zakon.kz JSON feed; items dated outside the window are left alone. A backfill walks the weekly
maps of its range and remembers each week it read whole (and the zakon.kz days it paged past), so it
resumes where it stopped. Relevant items are remembered in the fetch state before any is fetched, so a
killed run fetches them next time.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from pipelines import progress
from pipelines.fetch.worker import SETTLED, SiteWorker
from sources.catalog import Catalog, UnknownHostError
from sources.discovery import (
    FeedFormatError,
    FeedItem,
    FeedSpec,
    feeds_for_site,
    is_relevant,
    parse_feed,
    weeks_between,
)

WEEK = timedelta(days=6)  # Monday -> Sunday of one ISO week


def _days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


class SiteDiscovery:
    """One site's discovery: its feeds read, new relevant items fetched through the site's worker."""

    def __init__(
        self,
        worker: SiteWorker,
        catalog: Catalog,
        today: date,
        lookback_days: int,
        zakon_page_size: int,
        zakon_max_pages: int,
    ):
        self.worker = worker
        self.catalog = catalog
        self.today = today
        self.lookback_days = lookback_days
        self.zakon_page_size = zakon_page_size
        self.zakon_max_pages = zakon_max_pages

    @property
    def site(self) -> str:
        """The site's name."""
        return self.worker.site

    # items
    def keep_relevant(
        self, feed: FeedSpec, items: Iterable[FeedItem], since: date | None = None, until: date | None = None
    ) -> int:
        """Remember the relevant items not yet archived; returns how many."""
        mirrors = self.worker.http.config.mirrors
        seen = relevant = 0
        by_site: dict[str, list[FeedItem]] = {}
        for item in items:
            seen += 1
            url = mirrors.to_canonical(item.url)
            try:
                site = self.catalog.site_for_url(url)
            except UnknownHostError:
                continue
            if item.published and ((since and item.published < since) or (until and item.published > until)):
                continue
            if not is_relevant(item.text, self.catalog.relevance_terms, site.country_iso3):
                continue
            if self.worker.store.latest_for_url(url) is not None:
                continue
            relevant += 1
            by_site.setdefault(site.site, []).append(
                FeedItem(url=url, title=item.title, lead=item.lead, published=item.published)
            )
        for site_name, site_items in by_site.items():
            self.worker.state.remember_items(site_name, feed.name, site_items)
        self.worker.report.discovered_items(self.site, seen, relevant)
        return relevant

    def fetch_pending(self) -> bool:
        """Fetch every remembered item of this site; True when none is left for a later run."""
        left = False
        for item in self.worker.state.pending_items(self.site):
            if self.worker.store.latest_for_url(item.url) is not None:
                self.worker.state.mark_item_done(item.url, "already_archived")
                continue
            outcome = self.worker.fetch_document(item.url, conditional=False)
            if outcome in SETTLED:
                self.worker.state.mark_item_done(item.url, outcome)
            else:
                left = True
        return not left

    def _read(self, feed: FeedSpec, url: str, since=None, until=None) -> tuple[list[FeedItem], bool]:
        """Read one feed URL; returns (items, ok). Validators are committed after the items are remembered."""
        body, commit, ok = self.worker.fetch_feed(url)
        if body is None:
            return [], ok
        try:
            items = parse_feed(feed, body)
        except FeedFormatError as exc:
            self.worker.bad_feed(url, str(exc))
            return [], False
        self.keep_relevant(feed, items, since, until)
        commit()
        return items, True

    # live
    def run_live(self) -> None:
        """Read the site's feeds for the lookback window and fetch the relevant items not yet archived."""
        floor = self.today - timedelta(days=self.lookback_days - 1)
        for feed in feeds_for_site(self.site):
            if self.worker.down:
                break
            if feed.kind in ("rss", "news_sitemap"):
                _items, ok = self._read(feed, feed.url)
                if ok:
                    self.worker.state.mark_feed_seen(feed.name, self.today)
            elif feed.kind == "weekly_sitemap":
                since = max(floor, self.worker.state.feed_last_seen(feed.name) or floor)
                for monday in weeks_between(since, self.today):
                    url = feed.url.format(week=monday.isoformat())
                    _items, ok = self._read(feed, url, since, self.today)
                    if not ok:
                        break  # resume from this week next time
                    # the current week's map still grows: the next refresh reads it again (conditionally)
                    self.worker.state.mark_feed_seen(feed.name, min(monday + WEEK, self.today))
            elif feed.kind == "zakon_json":
                since = max(floor, self.worker.state.feed_last_seen(feed.name) or floor)
                if self._page_zakon(feed, since, None, self.zakon_max_pages):
                    self.worker.state.mark_feed_seen(feed.name, self.today)
        self.fetch_pending()

    def _page_zakon(self, feed: FeedSpec, since: date, until: date | None, max_pages: int, on_page=None) -> bool:
        for page in range(1, max_pages + 1):
            url = feed.url.format(page=page, size=self.zakon_page_size)
            items, ok = self._read(feed, url, since, until)
            if not ok:
                return False
            if on_page:
                on_page(page, items)
            dates = [i.published for i in items if i.published]
            if not items or (dates and min(dates) < since):
                return True
        return True

    # backfill
    def run_backfill(self, since: date, until: date) -> None:
        """Walk the site's archive feeds (sitemaps, dated listings) from ``since`` to ``until``, resumably."""
        for feed in feeds_for_site(self.site):
            if self.worker.down:
                break
            stage = f"backfill:{feed.name}"
            if feed.kind in ("rss", "news_sitemap"):
                self._read(feed, feed.url, since, until)
                self.fetch_pending()
            elif feed.kind == "weekly_sitemap":
                self._backfill_weeks(feed, since, until, stage)
            elif feed.kind == "zakon_json":
                self._backfill_zakon(feed, since, until, stage)
        self.fetch_pending()

    def _backfill_weeks(self, feed: FeedSpec, since: date, until: date, stage: str) -> None:
        """Read each ISO week's map of [since, until] once; a week read and fetched whole is remembered."""
        done = self.worker.state.completed_weeks(feed.name)
        weeks = weeks_between(since, until)
        todo = [monday for monday in weeks if monday not in done]
        total = len(weeks)
        now = self.worker.clock().date()
        for n, monday in enumerate(todo, start=total - len(todo) + 1):
            progress.report(stage, f"week of {monday.isoformat()}", n - 1, total)
            url = feed.url.format(week=monday.isoformat())
            _items, ok = self._read(feed, url, since, until)
            # A week is complete only when the range held all of it and it is over (its map grows no more).
            whole = since <= monday and monday + WEEK <= until and monday + WEEK < now
            if ok and self.fetch_pending() and not self.worker.down and whole:
                self.worker.state.mark_week_completed(feed.name, monday)
            if self.worker.down:
                break
        progress.report(stage, "done", total, total)

    def _backfill_zakon(self, feed: FeedSpec, since: date, until: date, stage: str) -> None:
        done = self.worker.state.completed_days(feed.name)
        wanted = set(_days(since, until))
        if wanted <= done:
            return

        def after_page(page: int, items: list[FeedItem]) -> None:
            progress.report(stage, f"page {page}")
            if not self.fetch_pending():
                return
            dates = [i.published for i in items if i.published]
            if dates:  # every day newer than the oldest on this page has been seen whole
                for day in wanted:
                    if day > min(dates):
                        self.worker.state.mark_day_completed(feed.name, day)

        if self._page_zakon(feed, since, until, self.worker.http.config.backfill_max_pages, after_page):
            for day in wanted:
                self.worker.state.mark_day_completed(feed.name, day)
