"""Read a UN Comtrade file (the API's JSON envelope, a bare JSON array, or CSV) into records with Comtrade's names.

The standard library's ``csv`` and ``json`` do the reading; what is written here is only Comtrade's own
conventions, which no library knows: the envelope ``{"elapsedTime", "count", "data", "error"}`` of the API
(``data/v1/get`` and the keyless ``public/v1/preview``), column names whose case differs between the API
(``cifvalue``) and the bulk files (``CIFValue``), and a CSV header that may end in an empty column.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from typing import Any

# Comtrade's column names, as the API returns them (the case of a file's header is not trusted).
COLUMNS = (
    "typeCode",
    "freqCode",
    "refPeriodId",
    "refYear",
    "refMonth",
    "period",
    "reporterCode",
    "reporterISO",
    "reporterDesc",
    "flowCode",
    "flowDesc",
    "partnerCode",
    "partnerISO",
    "partnerDesc",
    "partner2Code",
    "partner2ISO",
    "partner2Desc",
    "classificationCode",
    "classificationSearchCode",
    "isOriginalClassification",
    "cmdCode",
    "cmdDesc",
    "aggrLevel",
    "isLeaf",
    "customsCode",
    "customsDesc",
    "mosCode",
    "motCode",
    "motDesc",
    "qtyUnitCode",
    "qtyUnitAbbr",
    "qty",
    "isQtyEstimated",
    "altQtyUnitCode",
    "altQtyUnitAbbr",
    "altQty",
    "isAltQtyEstimated",
    "netWgt",
    "isNetWgtEstimated",
    "grossWgt",
    "isGrossWgtEstimated",
    "cifvalue",
    "fobvalue",
    "primaryValue",
    "legacyEstimationFlag",
    "isReported",
    "isAggregate",
)
_CANONICAL = {name.lower(): name for name in COLUMNS}
# Without these a row cannot be told apart from any other: a file lacking them is not a Comtrade file.
IDENTIFYING = ("reporterCode", "partnerCode", "flowCode", "primaryValue")

LAYOUT_ENVELOPE = "api_json"  # {"elapsedTime": ..., "count": ..., "data": [...], "error": ...}
LAYOUT_ARRAY = "json_array"  # [{...}, ...]: the records alone, as some tools save them
LAYOUT_CSV = "csv"  # the site's export and the API's format=csv


class NotComtradeError(ValueError):
    """The bytes are not a Comtrade file (or the API answered with an error); the message says why."""


@dataclass
class ComtradeFile:
    """The records of a Comtrade file as found, its layout, and the count its envelope states."""

    layout: str
    records: list[dict[str, Any]]  # Comtrade's names -> value as found (JSON types, or CSV text)
    count: int | None = None  # the envelope's own count, when there is one
    columns: list[str] = field(default_factory=list)  # the CSV header, or every name the records use
    extra_columns: list[str] = field(default_factory=list)  # columns Comtrade does not define (kept raw)


def canonical(name: str) -> str:
    """Comtrade's spelling of a column name (``CIFValue`` -> ``cifvalue``); unknown names are kept as given."""
    return _CANONICAL.get(name.strip().lower(), name.strip())


def _decode(body: bytes) -> str:
    try:
        return body.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Spreadsheet software re-saves exports in the Windows code page; descriptions are the only text.
        return body.decode("cp1252", errors="replace")


def _from_json(value: Any) -> ComtradeFile:
    if isinstance(value, list):
        layout, rows, count = LAYOUT_ARRAY, value, None
    elif isinstance(value, dict) and "data" in value:
        error = value.get("error")
        if error:
            raise NotComtradeError(f"the API answered with an error: {' '.join(str(error).split())[:300]}")
        layout, rows, count = LAYOUT_ENVELOPE, value.get("data") or [], value.get("count")
    elif isinstance(value, dict) and ("statusCode" in value or "message" in value):
        message = " ".join(str(value.get("message", "")).split())[:300]
        raise NotComtradeError(f"the API answered with status {value.get('statusCode', '?')}: {message}")
    else:
        raise NotComtradeError('JSON without Comtrade\'s "data" list of records')
    if not all(isinstance(row, dict) for row in rows):
        raise NotComtradeError("JSON whose data is not a list of records")
    records = [{canonical(k): v for k, v in row.items()} for row in rows]
    return ComtradeFile(layout, records, count if isinstance(count, int) else None)


def _from_csv(text: str) -> ComtradeFile:
    sample = text[:8192]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    header = next(reader, None)
    if not header:
        raise NotComtradeError("an empty file")
    names = [canonical(h) for h in header]
    records = []
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        # a row longer than the header (a trailing separator) keeps only the named cells
        records.append({name: cell for name, cell in zip(names, row, strict=False) if name})
    return ComtradeFile(LAYOUT_CSV, records, None, columns=[n for n in names if n])


def read_comtrade(body: bytes) -> ComtradeFile:
    """The records of a Comtrade file; raises NotComtradeError for anything else (named in the message)."""
    text = _decode(body).strip()
    if not text:
        raise NotComtradeError("an empty file")
    if text[0] in "[{":
        try:
            parsed = _from_json(json.loads(text))
        except json.JSONDecodeError as exc:
            raise NotComtradeError(f"not valid JSON ({exc.msg} at line {exc.lineno})") from exc
    elif text[:1] == "<":
        raise NotComtradeError("an HTML or XML page, not Comtrade's CSV or JSON")
    else:
        parsed = _from_csv(text)
    if not parsed.columns:
        parsed.columns = list(dict.fromkeys(name for record in parsed.records for name in record))
    if parsed.columns:  # an empty answer has no columns to judge
        missing = [c for c in IDENTIFYING if c not in parsed.columns]
        if missing:
            found = ", ".join(parsed.columns[:12])
            raise NotComtradeError(f"no Comtrade column {', '.join(missing)} (columns found: {found})")
        parsed.extra_columns = [c for c in parsed.columns if c not in _CANONICAL.values()]
    return parsed
