"""The parser-yield signal of sources/structure.py wired to a warehouse and a baseline kept in the home.

Records a page yields are counted per capture from the raw tables of the warehouse being built, for the
current vintage of each URL (intermediate.int_captures__latest: a refetch that did not parse does not
replace it). The baseline (median records a page per site and layout) is stored as JSON after each
comparison; a group that just signalled keeps its old baseline, so a broken layout keeps alerting until
the parser is fixed. A refetch that did not parse into its page's kind (int_captures__status) is a signal
of its own, once per site: the site's layout may have changed even though the earlier captures stay.
"""

from __future__ import annotations

import json
from collections import Counter
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


CURRENT_VINTAGES = "select capture_id, site, source_url from intermediate.int_captures__latest"
# before dbt has built the models (a warehouse of raw tables only): the latest capture of each URL
LATEST_CAPTURES = """
    select capture_id, site, source_url from raw.captures
    qualify row_number() over (partition by source_url order by fetched_at desc, capture_id desc) = 1
"""


def _has_relation(con: duckdb.DuckDBPyConnection, schema: str, name: str) -> bool:
    found = con.execute(
        "select count(*) from information_schema.tables where table_schema = ? and table_name = ?", [schema, name]
    ).fetchone()
    return bool(found and found[0])


def per_capture_yields(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """Records per page of each URL's current vintage: site, source_url, layout, page_kind, records."""
    counts = " union all ".join(f"select capture_id from raw.{t}" for t in RECORD_TABLES)
    current = CURRENT_VINTAGES if _has_relation(con, "intermediate", "int_captures__latest") else LATEST_CAPTURES
    sql = f"""
    with latest as ({current}),
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


def refetch_signals(con: duckdb.DuckDBPyConnection) -> list[Signal]:
    """One signal per site whose pages, fetched again, did not parse into the kind they had ("layout change?")."""
    if not _has_relation(con, "intermediate", "int_captures__status"):
        return []
    rows = con.execute(
        """
        with errors as (
            select capture_id, min(error_kind) as error_kind from raw.parse_errors group by capture_id
        )
        select s.site, s.source_url,
               coalesce(e.error_kind, case when s.document_rejected_reason is not null then 'rejected_document' end,
                        s.page_kind, 'no document') as outcome
        from intermediate.int_captures__status as s
        left join errors as e on s.capture_id = e.capture_id
        where s.is_failed_refetch
        order by s.site, s.source_url
        """
    ).fetchall()
    by_site: dict[str, list[tuple[str, str]]] = {}
    for site, url, outcome in rows:
        by_site.setdefault(site, []).append((url, outcome))
    signals = []
    for site, pages in by_site.items():
        urls = tuple(dict.fromkeys(url for url, _ in pages))
        outcomes = Counter(outcome for _, outcome in pages)
        said = ", ".join(f"{kind} ×{n}" for kind, n in sorted(outcomes.items()))
        signals.append(
            Signal(
                site=site,
                layout="refetch",
                kind="refetch_failed",
                pages=len(urls),
                median_records=None,
                baseline=0.0,
                message=(
                    f"{site}: {len(urls)} page(s) read before did not parse into the same kind of page when "
                    f"fetched again ({said}); their earlier captures stay current. Layout change?"
                ),
                source_urls=urls,
            )
        )
    return signals


def load_baseline(path: Path) -> dict[Key, float]:
    """The stored baseline (median records a page per site and layout); empty when none was stored yet."""
    if not path.exists():
        return {}
    items = json.loads(path.read_text(encoding="utf-8"))
    return {(i["site"], i["layout"]): float(i["records_per_page"]) for i in items}


def store_baseline(path: Path, baseline: dict[Key, float]) -> None:
    """Store the baseline as JSON, atomically (a temporary file renamed over the old one)."""
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
    return signals + refetch_signals(con), captures
