"""One site's share of a fetch run: conditional GETs, archive-first storing, feed reads, fault bookkeeping.

A worker runs in its own thread; its hosts see one request at a time (the shared rate limiter). Order of
writes on success: capture stored -> validators saved -> discovered item marked done, so a kill at any
point repeats at most one request and never loses or duplicates a capture.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import UTC, datetime

from pipelines.fetch import faults
from pipelines.fetch.faults import FetchFault, HostUnreachable, classify_page
from pipelines.fetch.report import FetchReport
from pipelines.fetch.session import HttpFetcher, HttpResult
from pipelines.fetch.state import FetchState
from sources.archive.store import ArchiveStore
from sources.catalog import UnknownHostError
from sources.discovery import listed_editions, ondate_of

# Sites whose ?ONDATE= editions answer properly only for the dates the document lists (SITES.md: lex.uz).
LISTED_EDITION_SITES = frozenset({"lex.uz"})

# Faults that will not change by asking again soon: the item is settled, not retried next run.
SETTLED = frozenset(
    {
        faults.FETCHED,
        faults.NOT_MODIFIED,
        faults.GONE,
        faults.ROBOTS_DISALLOWED,
        faults.OFFSITE_REDIRECT,
        faults.REDIRECT_LOOP,
        faults.TOO_LARGE,
        faults.LOGIN_WALL,
        faults.HTTP_ERROR,
    }
)
# The body was decoded by requests: the stored headers must not claim a compression or length it lacks.
_DROP_HEADERS = frozenset({"content-encoding", "content-length", "transfer-encoding", "connection", "keep-alive"})


def _header(headers: dict[str, str], name: str) -> str | None:
    return next((v for k, v in headers.items() if k.lower() == name), None)


def _nothing() -> None:
    return None


def status_fault(status: int) -> str:
    """The fault kind of an HTTP status: rate limited (429), server error (5xx), gone (404/410), else an HTTP error."""
    if status == 429:
        return faults.RATE_LIMITED
    if status >= 500:
        return faults.SERVER_ERROR
    if status in (404, 410):
        return faults.GONE
    return faults.HTTP_ERROR


class SiteWorker:
    """Fetches one site's pages politely (robots, rate, retries) into the archive and records what happened."""

    def __init__(
        self,
        site: str,
        http: HttpFetcher,
        store: ArchiveStore,
        state: FetchState,
        report: FetchReport,
        clock: Callable[[], datetime] | None = None,
    ):
        self.site = site
        self.http = http
        self.store = store
        self.state = state
        self.report = report
        self.clock = clock or (lambda: datetime.now(UTC))
        self.down: str | None = None  # why the host was given up, once it was
        self.successes = 0

    # bookkeeping
    def _fault(self, url: str, kind: str, detail: str, status: int | None = None) -> str:
        self.state.record_fault(self.site, url, kind, status, detail)
        self.report.count(self.site, kind, url, detail)
        return kind

    def _request(self, url: str, headers: dict[str, str]) -> HttpResult | str:
        """The response, or the fault kind already recorded."""
        if self.down:
            self.report.count(self.site, faults.SKIPPED, url, "host_down")
            return faults.SKIPPED
        try:
            return self.http.get(url, headers)
        except UnknownHostError as exc:
            return self._fault(url, faults.OFFSITE_REDIRECT, str(exc))
        except HostUnreachable as exc:
            self.down = exc.detail or "unreachable"
            return self._fault(url, exc.kind, exc.detail)
        except FetchFault as exc:
            return self._fault(url, exc.kind, exc.detail, exc.status)

    def _unlisted_edition(self, url: str) -> bool:
        """An ``?ONDATE=`` URL whose date the archived document does not list (or with no archived document)."""
        ondate = ondate_of(url)
        if ondate is None or self.site not in LISTED_EDITION_SITES:
            return False
        document = url.split("?", 1)[0]
        latest = self.store.latest_for_url(document)
        listed = listed_editions(self.store.read_body(latest), document) if latest else []
        return ondate not in {ondate_of(edition) for edition in listed}

    # documents
    def fetch_document(self, url: str, *, conditional: bool = True) -> str:
        """Fetch one page into the archive; returns the outcome kind (faults.*)."""
        self.report.queue(self.site)
        if self._unlisted_edition(url):
            self.report.count(self.site, faults.SKIPPED, url, "ondate_not_listed")
            return faults.SKIPPED
        headers = self._conditional_headers(url) if conditional else {}
        fetched_at = self.clock()
        result = self._request(url, headers)
        if isinstance(result, str):
            return result
        if result.status == 304:
            if headers:
                self.successes += 1
                self.report.count(self.site, faults.NOT_MODIFIED, url)
                return faults.NOT_MODIFIED
            return self._fault(url, faults.HTTP_ERROR, "304 to an unconditional request", 304)
        page_fault = classify_page(result.status, result.body, result.headers)
        if page_fault:
            return self._fault(url, page_fault, f"HTTP {result.status} from {result.final_url}", result.status)
        if result.status != 200:
            return self._fault(url, status_fault(result.status), f"HTTP {result.status}", result.status)
        return self._archive(url, result, fetched_at)

    def _conditional_headers(self, url: str) -> dict[str, str]:
        """If-None-Match / If-Modified-Since from the validators of the URL's latest capture, if still latest."""
        latest = self.store.latest_for_url(url)
        validators = self.state.validators(url)
        headers: dict[str, str] = {}
        # Validators are only worth sending while the capture they came with is still the latest one.
        if validators and latest and latest.content_sha256 == validators.content_sha256:
            if validators.etag:
                headers["If-None-Match"] = validators.etag
            if validators.last_modified:
                headers["If-Modified-Since"] = validators.last_modified
        return headers

    def _archive(self, url: str, result, fetched_at) -> str:
        """Store a 200 answer in the archive (with its headers and final URL) and remember its validators."""
        stored_headers = {k: v for k, v in result.headers.items() if k.lower() not in _DROP_HEADERS}
        if result.final_url != url:
            stored_headers["Content-Location"] = result.final_url
        capture, created = self.store.store(url, result.body, fetched_at, http_status=200, headers=stored_headers)
        self.state.save_validators(
            url, _header(result.headers, "etag"), _header(result.headers, "last-modified"), capture.content_sha256
        )
        self.successes += 1
        kind = faults.FETCHED if created else faults.NOT_MODIFIED
        self.report.count(self.site, kind, url, capture_id=capture.capture_id if created else None)
        return kind

    # feeds
    def fetch_feed(self, url: str) -> tuple[bytes | None, Callable[[], None], bool]:
        """(body, commit, ok): body None when unchanged (ok) or failed (not ok); call commit once its items are
        remembered.

        Feeds are discovery input, not documents: they are not archived (a parser would take an RSS file
        for a broken article). Their validators are saved only by the commit, so a run killed between
        reading a feed and remembering its items reads the feed again.
        """
        validators = self.state.validators(url)
        headers = {}
        if validators:
            if validators.etag:
                headers["If-None-Match"] = validators.etag
            if validators.last_modified:
                headers["If-Modified-Since"] = validators.last_modified
        result = self._request(url, headers)
        if isinstance(result, str):
            return None, _nothing, False
        if result.status == 304 and headers:
            self.successes += 1
            self.report.feed(self.site, changed=False)
            return None, _nothing, True
        page_fault = classify_page(result.status, result.body, result.headers)
        if page_fault or result.status != 200:
            self._fault(url, page_fault or status_fault(result.status), f"feed: HTTP {result.status}", result.status)
            return None, _nothing, False
        self.successes += 1
        self.report.feed(self.site, changed=True)
        sha = hashlib.sha256(result.body).hexdigest()

        def commit() -> None:
            self.state.save_validators(
                url, _header(result.headers, "etag"), _header(result.headers, "last-modified"), sha
            )

        return result.body, commit, True

    def bad_feed(self, url: str, detail: str) -> None:
        """Record a feed that could not be read as a fault of the site."""
        self._fault(url, faults.BAD_FEED, detail)
