"""The live fetch of UN Comtrade (``KZUZ_COMTRADE=on``): the catalog's country pairs, annual and monthly, archived.

Environment (read only when ``KZUZ_COMTRADE`` is on, 1 or true):
  KZUZ_COMTRADE_KEY      subscription key, sent as the Ocp-Apim-Subscription-Key header to ``data/v1/get``
                         (never part of an archived URL); without it the keyless ``public/v1/preview``
  KZUZ_COMTRADE_YEARS    "FIRST-LAST" or "FIRST-" (default "2017-": up to this year)
  KZUZ_COMTRADE_MONTHLY  "off" to ask annual figures only (default: annual and monthly)

For each country of the catalog as reporter, one query asks its exports and imports (flowCode X,M) with
every other catalog country as partner, all commodities (cmdCode TOTAL), all customs procedures (C00) and
modes of transport (0): one query for up to 12 years of annual figures, one per year of monthly figures.
Politeness is the shared HTTP layer's (one request at a time, the catalog's rate for comtradeapi.un.org,
retries on 429/5xx honouring Retry-After, robots.txt). A 429 that outlasts the retries ends this run's
Comtrade queries (the quota will not come back within the run). A refused key (401/403: expired or wrong)
is recorded as a ``key_refused`` fault, and the remaining queries go to the keyless preview. Each answer is
archived before anything parses it; an answer whose records equal the latest capture of the same URL is
"not modified" (the API's envelope carries its own elapsed time, so equal bytes cannot be expected), a
changed one is a new vintage. An answer that is not Comtrade's (an error envelope, a broken body) is
recorded as a fault and not archived.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from pipelines.fetch import faults
from pipelines.fetch.faults import classify_page
from pipelines.fetch.worker import SiteWorker, status_fault
from sources.catalog import Catalog, load_catalog
from sources.comtrade.query import API_HOST, KEY_HEADER, ComtradeQuery
from sources.comtrade.reader import NotComtradeError, read_comtrade

SITE = API_HOST  # the catalog's site name for the API
KEY_REFUSED = "key_refused"  # 401/403 to a request with KZUZ_COMTRADE_KEY
BAD_RESPONSE = "bad_response"  # a 200 that is not a Comtrade answer (error envelope, broken JSON)
MAX_PERIODS = 12  # periods in one query (the API's own limit)
_DROP_HEADERS = frozenset({"content-encoding", "content-length", "transfer-encoding", "connection", "keep-alive"})


def _on(value: str | None) -> bool:
    return (value or "").strip().lower() in ("on", "1", "true", "yes")


@dataclass(frozen=True)
class ComtradeSettings:
    """Whether and how the live refresh asks UN Comtrade: on or off, the key, the years, monthly or not."""

    enabled: bool = False
    key: str | None = None
    first_year: int = 2017
    last_year: int | None = None  # None: the current year
    monthly: bool = True

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> ComtradeSettings:
        """The settings the environment (KZUZ_COMTRADE, KZUZ_COMTRADE_KEY, KZUZ_COMTRADE_YEARS...) gives."""
        env = os.environ if environ is None else environ
        first, _, last = (env.get("KZUZ_COMTRADE_YEARS") or "2017-").partition("-")
        try:
            years = (int(first), int(last) if last.strip() else None)
        except ValueError as exc:
            raise ValueError(f"KZUZ_COMTRADE_YEARS {env.get('KZUZ_COMTRADE_YEARS')!r} is not FIRST-LAST") from exc
        return cls(
            enabled=_on(env.get("KZUZ_COMTRADE")),
            key=(env.get("KZUZ_COMTRADE_KEY") or "").strip() or None,
            first_year=years[0],
            last_year=years[1],
            monthly=(env.get("KZUZ_COMTRADE_MONTHLY") or "on").strip().lower() not in ("off", "0", "false", "no"),
        )


def planned_queries(settings: ComtradeSettings, today: date, catalog: Catalog | None = None) -> list[ComtradeQuery]:
    """Every query of one run: per reporter, annual figures up to last year, monthly up to last month."""
    catalog = catalog or load_catalog()
    codes = sorted(int(c["iso_numeric"]) for c in catalog.countries if c.get("iso_numeric") is not None)
    last = min(settings.last_year or today.year, today.year)
    years = list(range(settings.first_year, last + 1))
    queries = []
    for reporter in codes:
        partners = ",".join(str(c) for c in codes if c != reporter)
        if not partners:
            continue
        common = dict(
            reporterCode=str(reporter),
            partnerCode=partners,
            partner2Code="0",
            cmdCode="TOTAL",
            flowCode="M,X",
            customsCode="C00",
            motCode="0",
        )
        annual = [str(y) for y in years if y < today.year]
        for i in range(0, len(annual), MAX_PERIODS):
            queries.append(ComtradeQuery.of("C", "A", "HS", period=",".join(annual[i : i + MAX_PERIODS]), **common))
        if settings.monthly:
            for year in years:
                months = [f"{year}{m:02d}" for m in range(1, 13) if (year, m) < (today.year, today.month)]
                if months:
                    queries.append(ComtradeQuery.of("C", "M", "HS", period=",".join(months), **common))
    return queries


def _message(body: bytes) -> str:
    """The API's own words about a refusal ({"statusCode": ..., "message": ...}), else the body's start."""
    text = body[:400].decode("utf-8", errors="replace")
    return " ".join(text.split())[:200]


class ComtradeFetch:
    """One run's Comtrade queries on a SiteWorker (its HTTP session, archive, fetch state and report)."""

    def __init__(self, worker: SiteWorker, settings: ComtradeSettings):
        self.worker = worker
        self.key = settings.key
        self.key_refused = False

    def run(self, queries: list[ComtradeQuery]) -> None:
        """Fetch each query into the archive, in order."""
        for query in queries:
            self.fetch(query)

    def fetch(self, query: ComtradeQuery) -> str:
        """Ask one query and archive its answer; returns the outcome kind (pipelines.fetch.faults)."""
        worker = self.worker
        worker.report.queue(worker.site)
        while True:
            keyed = bool(self.key) and not self.key_refused
            url = query.url(preview=not keyed)
            fetched_at = worker.clock()
            result = worker._request(url, {KEY_HEADER: self.key} if keyed else {})
            if isinstance(result, str):
                return result
            if keyed and result.status in (401, 403):
                self.key_refused = True
                worker._fault(
                    url,
                    KEY_REFUSED,
                    f"HTTP {result.status}: the API refused KZUZ_COMTRADE_KEY (expired or invalid: "
                    f"{_message(result.body)}); this run goes on with the keyless preview",
                    result.status,
                )
                continue  # the same query, keyless
            return self._settle(url, result, fetched_at)

    def _settle(self, url: str, result, fetched_at) -> str:
        worker = self.worker
        page_fault = classify_page(result.status, result.body, result.headers)
        if page_fault:
            return worker._fault(url, page_fault, f"HTTP {result.status} from {result.final_url}", result.status)
        if result.status != 200:
            kind = status_fault(result.status)
            worker._fault(url, kind, f"HTTP {result.status}: {_message(result.body)}", result.status)
            if kind == faults.RATE_LIMITED:
                worker.down = "rate limited past the retries: this run's other Comtrade queries are skipped"
            return kind
        try:
            answer = read_comtrade(result.body)
        except NotComtradeError as exc:
            return worker._fault(url, BAD_RESPONSE, f"not archived: {exc}", result.status)
        latest = worker.store.latest_for_url(url)
        if latest is not None and self._records(latest) == answer.records:
            worker.successes += 1
            worker.report.count(worker.site, faults.NOT_MODIFIED, url)
            return faults.NOT_MODIFIED
        headers = {k: v for k, v in result.headers.items() if k.lower() not in _DROP_HEADERS}
        capture, created = worker.store.store(url, result.body, fetched_at, http_status=200, headers=headers)
        worker.successes += 1
        kind = faults.FETCHED if created else faults.NOT_MODIFIED
        worker.report.count(worker.site, kind, url, capture_id=capture.capture_id if created else None)
        return kind

    def _records(self, capture) -> list | None:
        try:
            return read_comtrade(self.worker.store.read_body(capture)).records
        except (NotComtradeError, OSError, ValueError):
            return None


def comtrade_jobs(chosen: set[str], settings: ComtradeSettings, today: date) -> dict:
    """The Comtrade job for ``run_sites`` when the API is switched on and its site is among ``chosen``."""
    if not settings.enabled or SITE not in chosen:
        return {}
    queries = planned_queries(settings, today)

    def job(worker: SiteWorker) -> None:
        ComtradeFetch(worker, settings).run(queries)

    return {SITE: job}
