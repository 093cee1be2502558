"""The parser-yield signal of sources/structure.py wired to a warehouse and a baseline kept in the home.

Records a page yields are counted per capture from the raw tables of the warehouse being built (the
latest capture of each URL; a capture that failed to parse counts as a page with no layout). The baseline
(median records a page per site and layout) is stored as JSON after each comparison; a group that just
signalled keeps its old baseline, so a broken layout keeps alerting until the parser is fixed.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from sources.structure import Key, Signal, baseline_from, yield_signal

RECORD_TABLES = (
    "trade_observations",
    "indicator_observations",
    "legal_acts",
    "legal_act_articles",
    "events",
    "trade_targets",
)


def per_capture_yields(con: duckdb.DuckDBPyConnection) -> list[dict]:
    counts = " union all ".join(f"select capture_id from raw.{t}" for t in RECORD_TABLES)
    sql = f"""
    with latest as (
        select capture_id, site, source_url from raw.captures
        qualify row_number() over (partition by source_url order by fetched_at desc, capture_id desc) = 1
    ),
    records as (select capture_id, count(*) as records from ({counts}) group by capture_id),
    documents as (
        select capture_id, any_value(layout) as layout, any_value(page_kind) as page_kind
        from raw.documents group by capture_id
    )
    select latest.site, latest.source_url, documents.layout, documents.page_kind,
           coalesce(records.records, 0) as records
    from latest
    left join documents on latest.capture_id = documents.capture_id
    left join records on latest.capture_id = records.capture_id
    order by latest.site, latest.source_url
    """
    cursor = con.execute(sql)
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def load_baseline(path: Path) -> dict[Key, float]:
    if not path.exists():
        return {}
    items = json.loads(path.read_text(encoding="utf-8"))
    return {(i["site"], i["layout"]): float(i["records_per_page"]) for i in items}


def store_baseline(path: Path, baseline: dict[Key, float]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    items = [{"site": s, "layout": lay, "records_per_page": v} for (s, lay), v in sorted(baseline.items())]
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(items, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(path)


def compare_and_update(con: duckdb.DuckDBPyConnection, baseline_path: Path) -> tuple[list[Signal], list[dict]]:
    """Signals against the stored baseline, then the baseline for the next run; returns (signals, captures)."""
    captures = per_capture_yields(con)
    previous = load_baseline(baseline_path)
    signals = yield_signal(captures, previous)
    signalled = {(s.site, s.layout) for s in signals}
    updated = {**{k: v for k, v in previous.items() if k in signalled}, **baseline_from(captures)}
    for key in signalled:
        updated[key] = previous[key]
    store_baseline(baseline_path, updated)
    return signals, captures
