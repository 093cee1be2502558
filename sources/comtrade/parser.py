"""Parse an archived UN Comtrade answer (API JSON, or an imported CSV/JSON file) into raw ``comtrade_records`` rows.

Every record is kept, typed, with the record as Comtrade wrote it (``record_json``): commodity lines,
customs procedures, modes of transport and re-exports as much as the flow totals. Which rows are flow
totals, and how codes map to countries, is decided in dbt (``int_comtrade__flow_totals``), not here.
Typing is hand-written: Comtrade's codes arrive as JSON numbers or as CSV text, and no library knows them.
"""

from __future__ import annotations

import json
import math
from datetime import datetime
from typing import Any

from sources.comtrade.query import code_text, freq_of, query_of_url
from sources.comtrade.reader import NotComtradeError, read_comtrade
from sources.records import ParseError, ParseResult

SITE = "comtradeapi.un.org"
PUBLISHER = "United Nations Statistics Division (UN Comtrade)"
ANNUAL_REF_MONTH = 52  # Comtrade's refMonth of an annual record
EXAMPLES = 5  # bad records named in a capture's parse error


def _int(value: Any) -> int | None:
    text = code_text(value)
    if text is None:
        return None
    try:
        return int(text)
    except ValueError:
        return None


def _float(value: Any) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = str(value).strip().replace(" ", "")
        if not text:
            return None
        try:
            number = float(text)
        except ValueError:
            return None
    return number if math.isfinite(number) else None


def _bool(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower() if value is not None else ""
    return {"true": True, "1": True, "false": False, "0": False}.get(text)


def _text(value: Any) -> str | None:
    text = code_text(value) if not isinstance(value, str) else value.strip()
    return text or None


def _period(record: dict[str, Any], freq: str | None) -> tuple[str | None, int | None, int | None]:
    """(period as YYYY or YYYYMM, year, month or None) from period, else refYear/refMonth."""
    period = code_text(record.get("period"))
    year, month = _int(record.get("refYear")), _int(record.get("refMonth"))
    if period and period.isdigit() and len(period) in (4, 6):
        year = int(period[:4])
        month = int(period[4:]) if len(period) == 6 else None
    elif year is not None:
        month = None if month in (None, ANNUAL_REF_MONTH) or freq == "A" else month
        period = f"{year:04d}{month:02d}" if month else f"{year:04d}"
    else:
        return None, None, None
    if month is not None and not 1 <= month <= 12:
        return period, year, None
    return period, year, month


def typed_row(index: int, record: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The raw row of one record, and what makes it unusable (empty when it is fine)."""
    freq = freq_of(record)
    period, year, month = _period(record, freq)
    row = {
        "record_index": index,
        "type_code": _text(record.get("typeCode")),
        "freq_code": freq,
        "period": period,
        "ref_year": year,
        "ref_month": month,
        "reporter_code": _int(record.get("reporterCode")),
        "reporter_iso": _text(record.get("reporterISO")),
        "reporter_desc": _text(record.get("reporterDesc")),
        "flow_code": (_text(record.get("flowCode")) or "").upper() or None,
        "flow_desc": _text(record.get("flowDesc")),
        "partner_code": _int(record.get("partnerCode")),
        "partner_iso": _text(record.get("partnerISO")),
        "partner_desc": _text(record.get("partnerDesc")),
        "partner2_code": _int(record.get("partner2Code")),
        "classification_code": _text(record.get("classificationCode")),
        "cmd_code": _text(record.get("cmdCode")),
        "cmd_desc": _text(record.get("cmdDesc")),
        "aggr_level": _int(record.get("aggrLevel")),
        "customs_code": _text(record.get("customsCode")),
        "mos_code": _text(record.get("mosCode")),
        "mot_code": _int(record.get("motCode")),
        "primary_value": _float(record.get("primaryValue")),
        "cif_value": _float(record.get("cifvalue")),
        "fob_value": _float(record.get("fobvalue")),
        "net_wgt": _float(record.get("netWgt")),
        "is_reported": _bool(record.get("isReported")),
        "is_aggregate": _bool(record.get("isAggregate")),
        "record_json": json.dumps(record, ensure_ascii=False, sort_keys=True, default=str),
    }
    problems = []
    for name, column in (("reporterCode", "reporter_code"), ("partnerCode", "partner_code")):
        if row[column] is None:
            problems.append(f"{name} {record.get(name)!r} is not a numeric code")
    if not row["flow_code"]:
        problems.append("no flowCode")
    if row["primary_value"] is None:
        problems.append(f"primaryValue {record.get('primaryValue')!r} is not a number")
    elif row["primary_value"] < 0:
        problems.append(f"primaryValue {row['primary_value']:g} is negative")
    if period is None or year is None:
        problems.append(f"period {record.get('period')!r} is neither YYYY nor YYYYMM")
    elif (freq == "M") != (month is not None):
        problems.append(f"period {period} does not fit freqCode {freq}")
    return row, problems


def _span(values: list) -> str:
    found = sorted({v for v in values if v is not None})
    if not found:
        return "?"
    return str(found[0]) if len(found) == 1 else f"{found[0]}–{found[-1]}"


def _names(rows: list[dict], code: str, desc: str) -> str:
    pairs = sorted({(r[code], r[desc]) for r in rows if r[code] is not None}, key=lambda p: p[0])
    return ", ".join(f"{c} {d}" if d else str(c) for c, d in pairs[:6]) or "?"


def _title(url: str, rows: list[dict]) -> str:
    query = query_of_url(url)
    freq = {"A": "annual", "M": "monthly"}.get(query.freq_code if query else "", "")
    if not rows:
        asked = f"reporter {query.param('reporterCode')}, periods {query.param('period')}" if query else url
        return f"UN Comtrade {freq} trade: no records for {asked}".replace("  ", " ")
    return (
        f"UN Comtrade {freq} trade: reporter {_names(rows, 'reporter_code', 'reporter_desc')}; partner "
        f"{_names(rows, 'partner_code', 'partner_desc')}; {_span([r['period'] for r in rows])}"
    ).replace("  ", " ")


def _summary(rows: list[dict]) -> str:
    """The document's text: what the capture holds, one line per flow (its figures are in comtrade_records)."""
    if not rows:
        return "No records."
    flows: dict[str, int] = {}
    for row in rows:
        flow = str(row.get("flow_desc") or row.get("flow_code") or "unknown flow")
        flows[flow] = flows.get(flow, 0) + 1
    return "\n".join(f"{flow}: {n} record(s)" for flow, n in sorted(flows.items()))


def parse(body: bytes, url: str, fetched_at: datetime) -> ParseResult:
    """Read one archived Comtrade answer into trade_observations (and a documents row), or a ParseError."""
    result = ParseResult()
    try:
        found = read_comtrade(body)
    except NotComtradeError as exc:
        result.errors.append(ParseError("not_comtrade", f"{SITE}: {exc}"))
        return result
    rows, bad = [], []
    for index, record in enumerate(found.records):
        row, problems = typed_row(index, record)
        rows.append(row)
        if problems:
            bad.append(f"record {index}: {'; '.join(problems)}")
        result.add("comtrade_records", **row)
    if bad:
        # one error for the capture, not one per record: a broken export must not flood the alerts
        examples = " | ".join(bad[:EXAMPLES]) + (f" | and {len(bad) - EXAMPLES} more" if len(bad) > EXAMPLES else "")
        result.errors.append(
            ParseError("bad_record", f"{SITE}: {len(bad)} of {len(rows)} record(s) cannot be used: {examples}")
        )
    if found.count is not None and found.count != len(rows):
        result.errors.append(
            ParseError("count_mismatch", f"{SITE}: the answer says count {found.count} but holds {len(rows)} records")
        )
    result.add(
        "documents",
        site=SITE,
        page_kind="statistics",
        layout=found.layout,
        title=_title(url, rows),
        published_at=None,
        language="en",
        author=PUBLISHER,
        lead=f"{len(rows)} record(s)"
        + (f"; columns Comtrade does not define: {found.extra_columns}" * bool(found.extra_columns)),
        body_text=_summary(rows),
    )
    return result
