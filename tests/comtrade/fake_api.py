"""A local imitation of the UN Comtrade API (data/v1/get with a key, public/v1/preview without), for fetch tests.

It answers from an in-memory list of records (TEST DATA made by ``record``, not Comtrade's figures) filtered
by the query's codes, in the API's envelope, and imitates its refusals: 401 for a missing or expired key,
429 with Retry-After when called faster than its rate limit, and scripted faults (429, 5xx, broken bodies)
for the first requests. Only 127.0.0.1 is contacted.
"""

from __future__ import annotations

import json
import threading
import time
from urllib.parse import parse_qsl, urlsplit

from sources.comtrade.query import KEY_HEADER
from tests.fetch.sites import FakeSite, Page

TEST_NOTE = "TEST DATA for kzuz tests: invented figures in UN Comtrade's layout, not Comtrade statistics"
AREAS = {398: ("KAZ", "Kazakhstan"), 860: ("UZB", "Uzbekistan")}
FLOWS = {"X": "Export", "M": "Import"}


def record(reporter: int, partner: int, flow: str, period: str, value: float) -> dict:
    """One flow-total record in the API's layout (test data)."""
    monthly = len(period) == 6
    return {
        "typeCode": "C",
        "freqCode": "M" if monthly else "A",
        "refYear": int(period[:4]),
        "refMonth": int(period[4:]) if monthly else 52,
        "period": period,
        "reporterCode": reporter,
        "reporterISO": AREAS[reporter][0],
        "reporterDesc": AREAS[reporter][1],
        "flowCode": flow,
        "flowDesc": FLOWS[flow],
        "partnerCode": partner,
        "partnerISO": AREAS[partner][0],
        "partnerDesc": AREAS[partner][1],
        "partner2Code": 0,
        "classificationCode": "H5",
        "classificationSearchCode": "HS",
        "cmdCode": "TOTAL",
        "cmdDesc": "All Commodities",
        "customsCode": "C00",
        "motCode": 0,
        "primaryValue": value,
        "isReported": True,
        "isAggregate": True,
    }


def envelope(records: list[dict], elapsed: str = "0.12 secs") -> bytes:
    return json.dumps({"elapsedTime": elapsed, "count": len(records), "data": records, "error": ""}).encode()


def refusal(status: int, message: str, headers: dict[str, str] | None = None) -> Page:
    """The API's JSON refusal ({"statusCode": ..., "message": ...}) with the given status."""
    body = json.dumps({"statusCode": status, "message": message}).encode()
    return Page(body, status=status, headers=dict(headers or {}), content_type="application/json")


FILTERS = {
    "reporterCode": "reporterCode",
    "partnerCode": "partnerCode",
    "period": "period",
    "flowCode": "flowCode",
    "cmdCode": "cmdCode",
    "customsCode": "customsCode",
    "motCode": "motCode",
}


class FakeComtradeApi(FakeSite):
    def __init__(
        self,
        records: list[dict],
        *,
        keys: set[str] = frozenset(),
        expired_keys: set[str] = frozenset(),
        min_interval: float = 0.0,
        script: list[Page] | None = None,
    ):
        self.records = records
        self.keys = set(keys)
        self.expired_keys = set(expired_keys)
        self.min_interval = min_interval  # faster callers get 429 + Retry-After, as the real API's limit
        self.script = list(script or [])  # answers for the first API requests, before any data
        self.answered: list[tuple[str, int]] = []  # (path, status) of every API request
        self._last_api_call: float | None = None
        self._api_lock = threading.Lock()
        super().__init__(defaults=False, resolver=self._resolve)

    def api_paths(self) -> list[str]:
        return [p for p, _ in self.answered]

    def _resolve(self, path: str, _request) -> object | None:
        if urlsplit(path).path.startswith(("/data/v1/get/", "/public/v1/preview/")):
            return self._answer
        return None

    def _page_for(self, handler) -> Page:
        parts = urlsplit(handler.path)
        now = time.monotonic()
        with self._api_lock:
            too_fast = self._last_api_call is not None and now - self._last_api_call < self.min_interval
            self._last_api_call = now
            scripted = self.script.pop(0) if self.script else None
        if too_fast:
            return refusal(429, "Rate limit is exceeded. Try again in 1 seconds.", {"Retry-After": "1"})
        if scripted is not None:
            return scripted
        key = handler.headers.get(KEY_HEADER)
        if parts.path.startswith("/data/"):
            if key in self.expired_keys:
                return refusal(
                    401,
                    "Access denied due to invalid subscription key. Make sure to provide a valid "
                    "key for an active subscription.",
                )
            if key not in self.keys:
                return refusal(401, "Access denied due to missing subscription key.")
        query = dict(parse_qsl(parts.query))
        _type, freq, _cl = parts.path.rsplit("/", 3)[-3:]
        selected = [r for r in self.records if r["freqCode"] == freq and self._matches(r, query)]
        return Page(envelope(selected), content_type="application/json")

    @staticmethod
    def _matches(record: dict, query: dict[str, str]) -> bool:
        for param, column in FILTERS.items():
            if param in query and str(record[column]) not in query[param].split(","):
                return False
        return True

    def _answer(self, handler) -> None:
        page = self._page_for(handler)
        with self._api_lock:
            self.answered.append((handler.path, page.status))
        handler.send(page)
