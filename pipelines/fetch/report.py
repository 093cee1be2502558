"""Counts of one fetch run per site (queued, fetched, not modified, failed, skipped, faults) and its summary."""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass, field

from pipelines import progress
from pipelines.fetch.faults import FETCHED, NOT_MODIFIED, ROBOTS_DISALLOWED, SKIPPED

SKIP_KINDS = frozenset({SKIPPED, ROBOTS_DISALLOWED})


@dataclass
class SiteSummary:
    """What a fetch did for one site: queued, fetched, not modified, failed, skipped, feeds, and its new captures."""

    site: str
    queued: int = 0
    fetched: int = 0
    not_modified: int = 0
    failed: int = 0
    skipped: int = 0
    faults: Counter = field(default_factory=Counter)  # fault kind -> count
    examples: list[tuple[str, str, str]] = field(default_factory=list)  # (url, kind, detail)
    new_capture_ids: list[str] = field(default_factory=list)
    skipped_reasons: Counter = field(default_factory=Counter)  # robots_disallowed, host_down, ...
    feeds_fetched: int = 0  # feeds and sitemaps read (not archived: they are discovery input, not documents)
    feeds_not_modified: int = 0
    discovered: int = 0  # feed items seen
    relevant: int = 0  # of which relevant and new
    stale: bool = False
    seconds: float = 0.0

    @property
    def done(self) -> int:
        """Pages handled so far (fetched, not modified, failed or skipped)."""
        return self.fetched + self.not_modified + self.failed + self.skipped

    def line(self) -> str:
        """The site's summary as one line."""
        text = (
            f"{self.site}: queued {self.queued}, fetched {self.fetched}, not modified {self.not_modified}, "
            f"failed {self.failed}, skipped {self.skipped}"
        )
        if self.skipped_reasons:
            text += " (" + ", ".join(f"{k} {v}" for k, v in sorted(self.skipped_reasons.items())) + ")"
        if self.feeds_fetched or self.feeds_not_modified:
            text += f"; feeds read {self.feeds_fetched}, unchanged {self.feeds_not_modified}"
        if self.discovered:
            text += f"; discovered {self.discovered} item(s), {self.relevant} relevant and new"
        if self.faults:
            text += "; faults: " + ", ".join(f"{k} {v}" for k, v in sorted(self.faults.items()))
        if self.stale:
            text += " [STALE: kept its last captures]"
        return text + f" ({self.seconds:.1f} s)"


@dataclass
class FetchReport:
    """What one live fetch or backfill did, per site; thread-safe counters reported through progress."""

    mode: str = "live"
    sites: dict[str, SiteSummary] = field(default_factory=dict)
    seconds: float = 0.0
    requests_sent: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def site(self, name: str) -> SiteSummary:
        """The summary of ``name``, created on first use."""
        with self._lock:
            return self.sites.setdefault(name, SiteSummary(name))

    def queue(self, site: str, n: int = 1) -> None:
        """Count ``n`` pages queued for ``site``."""
        summary = self.site(site)
        with self._lock:
            summary.queued += n
        self._progress(summary)

    def count(self, site: str, kind: str, url: str = "", detail: str = "", capture_id: str | None = None) -> None:
        """Count one page's outcome (a faults.* kind) for ``site``, with the new capture's id when there is one."""
        summary = self.site(site)
        with self._lock:
            if kind == FETCHED:
                summary.fetched += 1
                if capture_id:
                    summary.new_capture_ids.append(capture_id)
            elif kind == NOT_MODIFIED:
                summary.not_modified += 1
            elif kind in SKIP_KINDS:
                summary.skipped += 1
                summary.skipped_reasons[detail if kind == SKIPPED and detail else kind] += 1
            else:
                summary.failed += 1
                summary.faults[kind] += 1
                if len(summary.examples) < 20:
                    summary.examples.append((url, kind, detail[:300]))
        self._progress(summary)

    def feed(self, site: str, changed: bool) -> None:
        """Count one feed read for ``site``, changed or not."""
        summary = self.site(site)
        with self._lock:
            if changed:
                summary.feeds_fetched += 1
            else:
                summary.feeds_not_modified += 1

    def discovered_items(self, site: str, seen: int, relevant: int) -> None:
        """Count the items a site's feeds listed and those relevant to the pair."""
        summary = self.site(site)
        with self._lock:
            summary.discovered += seen
            summary.relevant += relevant

    def _progress(self, summary: SiteSummary) -> None:
        progress.report(
            f"fetch:{summary.site}",
            f"fetched {summary.fetched}, not modified {summary.not_modified}, failed {summary.failed}, "
            f"skipped {summary.skipped}",
            summary.done,
            summary.queued,
        )

    @property
    def fetched(self) -> int:
        """New captures over every site."""
        return sum(s.fetched for s in self.sites.values())

    @property
    def not_modified(self) -> int:
        """Pages not modified over every site."""
        return sum(s.not_modified for s in self.sites.values())

    @property
    def failed(self) -> int:
        """Pages that failed over every site."""
        return sum(s.failed for s in self.sites.values())

    @property
    def stale_sites(self) -> list[str]:
        """The sites the fetch marked stale (their host kept failing)."""
        return sorted(name for name, s in self.sites.items() if s.stale)

    @property
    def new_capture_ids(self) -> list[str]:
        """The ids of the captures this fetch added, every site's."""
        return [cid for s in self.sites.values() for cid in s.new_capture_ids]

    def summary_lines(self) -> list[str]:
        """The fetch's summary: one head line, then one line per site."""
        head = (
            f"{self.mode} fetch: {self.fetched} new capture(s), {self.not_modified} not modified, "
            f"{self.failed} failed, {self.requests_sent} request(s) in {self.seconds:.1f} s"
        )
        if self.stale_sites:
            head += f"; stale: {', '.join(self.stale_sites)}"
        return [head, *(self.sites[name].line() for name in sorted(self.sites))]

    def __str__(self) -> str:
        return "\n".join(self.summary_lines())
