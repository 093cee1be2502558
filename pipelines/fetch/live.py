"""Entry points of the live fetch: ``fetch_live`` for a refresh, ``backfill`` for ``kzuz backfill``.

Both fill the archive only (archive first); parsing and loading happen in the later stages, from the
archive. See ``pipelines.fetch`` for the HTTP layer and its settings (environment variables).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from pipelines.fetch.comtrade import ComtradeSettings, comtrade_jobs
from pipelines.fetch.config import FetchConfig
from pipelines.fetch.discover import SiteDiscovery
from pipelines.fetch.report import FetchReport
from pipelines.fetch.run import run_sites
from pipelines.fetch.worker import SiteWorker
from pipelines.home import KzuzHome
from sources.archive.store import ArchiveStore
from sources.catalog import load_catalog
from sources.discovery import feeds_for_site

__all__ = ["FetchConfig", "FetchReport", "backfill", "fetch_live"]


def _discovery(worker: SiteWorker, config: FetchConfig, today: date) -> SiteDiscovery:
    return SiteDiscovery(
        worker, load_catalog(), today, config.lookback_days, config.zakon_page_size, config.zakon_max_pages
    )


def fetch_live(
    store: ArchiveStore,
    home: KzuzHome,
    sites: set[str] | None = None,
    *,
    config: FetchConfig | None = None,
    today: date | None = None,
    comtrade: ComtradeSettings | None = None,
) -> FetchReport:
    """Refetch the catalog's cited pages (and every archived page of a ``refetch_archived`` site)
    conditionally, discover new items over the bounded window, fetch the relevant ones, and ask UN Comtrade
    when KZUZ_COMTRADE is on (pipelines/fetch/comtrade.py). Never raises for a site's faults: they are in
    the report, the state and the alerts.
    """
    catalog = load_catalog()
    config = config or FetchConfig.from_env()
    today = today or datetime.now(UTC).date()
    chosen = set(catalog.sites) if sites is None else set(sites)
    unknown = chosen - set(catalog.sites)
    if unknown:
        raise ValueError(f"unknown site(s) {sorted(unknown)}; known: {sorted(catalog.sites)}")
    cited: dict[str, list[str]] = {}
    for source in catalog.sources:
        if source.site in chosen:
            cited.setdefault(source.site, []).append(source.url)
    refetch = {name for name in chosen if catalog.sites[name].refetch_archived}
    for capture in store.captures(refetch) if refetch else ():
        urls = cited.setdefault(capture.site, [])
        url = catalog.canonical_url(capture.url)
        if url not in urls:
            urls.append(url)

    def job_for(site: str):
        def job(worker: SiteWorker) -> None:
            for url in cited.get(site, []):
                worker.fetch_document(url)
            _discovery(worker, config, today).run_live()

        return job

    jobs = {site: job_for(site) for site in chosen if cited.get(site) or feeds_for_site(site)}
    jobs.update(comtrade_jobs(chosen, comtrade or ComtradeSettings.from_env(), today))
    return run_sites(store, home, jobs, config, mode="live")


def backfill(
    store: ArchiveStore,
    home: KzuzHome,
    since: date,
    until: date | None = None,
    site: str | None = None,
    *,
    config: FetchConfig | None = None,
) -> FetchReport:
    """Walk the sites' weekly sitemaps (each ISO week's map once) and feeds from ``since`` to ``until``
    (default today); resumable: weeks read whole (and zakon.kz days paged past) are remembered in the fetch
    state and skipped when run again.
    """
    catalog = load_catalog()
    config = config or FetchConfig.from_env()
    until = until or datetime.now(UTC).date()
    if until < since:
        raise ValueError(f"--until {until} is before --since {since}")
    if site is not None and site not in catalog.sites:
        raise ValueError(f"unknown site {site!r}; known: {sorted(catalog.sites)}")
    chosen = [site] if site else [name for name in catalog.sites if feeds_for_site(name)]
    if site and not feeds_for_site(site):
        raise ValueError(f"site {site!r} has no feed or sitemap to backfill from")

    def job(worker: SiteWorker) -> None:
        _discovery(worker, config, until).run_backfill(since, until)

    return run_sites(store, home, {name: job for name in chosen}, config, mode="backfill")
