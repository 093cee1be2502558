"""Run a fetch over many sites at once: a worker thread per site, then host health and alerts.

One site's trouble (down, challenged, a bug) ends that site's share only: it keeps its last captures, is
marked stale and raises a ``fetch_failure`` alert; the other sites and the refresh carry on.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from pipelines.alerts import Alert, write_alert
from pipelines.fetch.config import FetchConfig
from pipelines.fetch.report import FetchReport
from pipelines.fetch.session import HttpFetcher
from pipelines.fetch.state import FetchState
from pipelines.fetch.worker import SiteWorker
from pipelines.home import KzuzHome
from sources.archive.store import ArchiveStore

SiteJob = Callable[[SiteWorker], None]


def run_sites(
    store: ArchiveStore, home: KzuzHome, jobs: dict[str, SiteJob], config: FetchConfig, mode: str = "live"
) -> FetchReport:
    """Run each site's job on a thread of its own, into the archive; return what every site did."""
    report = FetchReport(mode=mode)
    state = FetchState(store.root)
    http = HttpFetcher(config)
    started = time.monotonic()

    def run_one(site: str, job: SiteJob) -> None:
        site_started = time.monotonic()
        worker = SiteWorker(site, http, store, state, report)
        report.site(site)
        crashed = None
        try:
            job(worker)
        except Exception as exc:  # a bug in one site's run must not stop the others
            crashed = f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=8)}"
            report.count(site, "crashed", "", crashed)
        summary = report.site(site)
        summary.seconds = time.monotonic() - site_started
        summary.stale = bool(worker.down) or bool(crashed) or (worker.successes == 0 and summary.failed > 0)
        state.mark_host(site, ok=not summary.stale, error=worker.down or crashed or "")
        if summary.failed:
            _alert(home, summary, mode)

    try:
        with ThreadPoolExecutor(max_workers=max(1, len(jobs)), thread_name_prefix="kzuz-fetch") as pool:
            for future in [pool.submit(run_one, site, job) for site, job in sorted(jobs.items())]:
                future.result()
    finally:
        http.close()
    report.seconds = time.monotonic() - started
    report.requests_sent = http.requests_sent
    return report


def _alert(home: KzuzHome, summary, mode: str) -> None:
    if summary.stale:
        text = (
            f"{summary.site}: {mode} fetch failed ({', '.join(sorted(summary.faults))}); "
            f"the site is stale and keeps its last captures"
        )
    else:
        text = f"{summary.site}: {summary.failed} fetch fault(s): " + ", ".join(
            f"{k} {v}" for k, v in sorted(summary.faults.items())
        )
    write_alert(
        home.alerts,
        Alert(
            kind="fetch_failure",
            summary=text,
            severity="error" if summary.stale else "warn",
            details={
                "site": summary.site,
                "stale": summary.stale,
                "faults": dict(summary.faults),
                "counts": {
                    "queued": summary.queued,
                    "fetched": summary.fetched,
                    "not_modified": summary.not_modified,
                    "failed": summary.failed,
                    "skipped": summary.skipped,
                },
                "examples": [{"url": u, "kind": k, "detail": d} for u, k, d in summary.examples],
            },
        ),
    )
