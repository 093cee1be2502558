"""The Comtrade API's URLs: the query a live fetch asks, and the query an imported file answers (its capture URL).

An imported file is archived as a capture of the ``data/v1/get`` URL that would return it: type, frequency
and classification in the path, and every reporter, partner, period, flow and commodity, customs and
transport code its records hold in the query, values sorted. So a later download of the same selection (a
Comtrade revision) is a new vintage of the same URL, and the URL says what the file covers. The key is never
part of a URL: a live fetch sends it as the ``Ocp-Apim-Subscription-Key`` header.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, quote, urlsplit

API_HOST = "comtradeapi.un.org"
API_BASE = f"https://{API_HOST}"
GET_PATH = "/data/v1/get"  # with a subscription key
PREVIEW_PATH = "/public/v1/preview"  # keyless, at most 500 records a call
KEY_HEADER = "Ocp-Apim-Subscription-Key"
# Parameters in the order they are written, so one selection always gives one URL.
PARAMS = ("reporterCode", "period", "partnerCode", "partner2Code", "cmdCode", "flowCode", "customsCode", "motCode")
# More distinct codes than this are written as Comtrade's wildcard (AG2, AG4, AG6, ALL) or left out.
MAX_LISTED = 20


def code_text(value: Any) -> str | None:
    """A code as Comtrade writes it in a URL: 398 / "398" / "398.0" -> "398"; text codes stripped."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).strip()
    if not text:
        return None
    if text.endswith(".0") and text[:-2].lstrip("-").isdigit():
        return text[:-2]
    return text


def _sort_key(code: str) -> tuple:
    return (0, int(code), "") if code.lstrip("-").isdigit() else (1, 0, code)


def _joined(values: Iterable[str]) -> str:
    return ",".join(sorted(set(values), key=_sort_key))


@dataclass(frozen=True)
class ComtradeQuery:
    """A Comtrade ``data/v1/get`` query: type, frequency, classification and the parameters in the API's order."""

    type_code: str  # C goods, S services
    freq_code: str  # A annual, M monthly
    cl_code: str  # HS, SITC, ...
    params: tuple[tuple[str, str], ...]  # (name, comma-joined values), in PARAMS order

    @classmethod
    def of(cls, type_code: str, freq_code: str, cl_code: str, **params: str | None) -> ComtradeQuery:
        """The query with ``params`` in the API's order, empty ones left out."""
        ordered = tuple((name, str(params[name])) for name in PARAMS if params.get(name) not in (None, ""))
        return cls(type_code, freq_code, cl_code, ordered)

    def url(self, *, preview: bool = False) -> str:
        """The query's URL on the API (or its preview endpoint)."""
        path = PREVIEW_PATH if preview else GET_PATH
        query = "&".join(f"{name}={quote(value, safe=',')}" for name, value in self.params)
        return f"{API_BASE}{path}/{self.type_code}/{self.freq_code}/{self.cl_code}" + (f"?{query}" if query else "")

    def param(self, name: str) -> str | None:
        """The value of one parameter, or None."""
        return dict(self.params).get(name)


def query_of_url(url: str) -> ComtradeQuery | None:
    """The query a Comtrade API URL asks (either endpoint); None for any other URL."""
    parts = urlsplit(url)
    for prefix in (GET_PATH, PREVIEW_PATH):
        if parts.path.startswith(prefix + "/"):
            pieces = parts.path[len(prefix) + 1 :].split("/")
            if len(pieces) == 3 and all(pieces):
                params = {k: v for k, v in parse_qsl(parts.query) if k in PARAMS}
                return ComtradeQuery.of(*pieces, **params)
    return None


def _commodities(codes: set[str]) -> str:
    if len(codes) <= MAX_LISTED:
        return _joined(codes)
    lengths = {len(c) for c in codes if c.isdigit()}
    if len(lengths) == 1 and all(c.isdigit() for c in codes) and (n := lengths.pop()) in (2, 4, 6):
        return f"AG{n}"
    return "ALL"


def freq_of(record: Mapping[str, Any]) -> str | None:
    """A for annual, M for monthly: the record's freqCode, else told by its period (YYYY or YYYYMM)."""
    freq = code_text(record.get("freqCode"))
    if freq:
        return freq.upper()
    period = code_text(record.get("period")) or ""
    return {4: "A", 6: "M"}.get(len(period)) if period.isdigit() else None


def query_for_records(records: list[Mapping[str, Any]]) -> ComtradeQuery:
    """The ``data/v1/get`` query whose answer these records are; ValueError when no single query can be."""
    if not records:
        raise ValueError("no records, so no way to tell which Comtrade query the file answers")
    types = {code_text(r.get("typeCode")) or "C" for r in records}
    freqs = {freq_of(r) for r in records}
    if None in freqs:
        raise ValueError("a record without freqCode and without a YYYY or YYYYMM period")
    if len(types) > 1 or len(freqs) > 1:
        raise ValueError(
            f"the records mix type codes {sorted(types)} or frequencies {sorted(freqs)}; one Comtrade query "
            "returns one of each: split the file"
        )
    return ComtradeQuery.of(types.pop(), freqs.pop(), _classification(records), **_query_params(records))


def _classification(records: list[Mapping[str, Any]]) -> str:
    """The query's classification code: the records' search code, HS for any HS edition, else their code."""
    search = {code_text(r.get("classificationSearchCode")) for r in records} - {None}
    classes = {code_text(r.get("classificationCode")) for r in records} - {None}
    if len(search) == 1:
        return search.pop()
    if classes and all(c.startswith("H") for c in classes):
        return "HS"
    return _joined(classes) if len(classes) == 1 else "HS"


def _query_params(records: list[Mapping[str, Any]]) -> dict[str, str | None]:
    """The query's parameters as the records show them (a list of more than MAX_LISTED values is left out)."""

    def values(name: str) -> set[str]:
        return {v for r in records if (v := code_text(r.get(name))) is not None}

    params: dict[str, str | None] = {}
    for name in PARAMS:
        found = values(name)
        if not found:
            params[name] = None
        elif name == "cmdCode":
            params[name] = _commodities(found)
        elif name == "period" or len(found) <= MAX_LISTED:
            params[name] = _joined(found)
    if not params.get("period"):
        params["period"] = _joined(str(y) for y in values("refYear")) or None
    return params
