"""Parse archived captures and bulk-load the rows into the raw schema of the NEXT warehouse.

Work is keyed by content: `raw.parsed_captures` records which capture was parsed by which parser
version, so a refresh parses only new captures, or every capture of a parser whose version changed.
Rows go in as Arrow tables, a batch of captures per transaction.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import duckdb
import pyarrow as pa

from pipelines.warehouse import ALL_RAW_SCHEMAS, insert_arrow
from sources.archive import ArchiveCapture, ArchiveStore
from sources.catalog import load_catalog
from sources.parsing import parse_capture, parser_key, parser_version
from sources.records import RAW_SCHEMAS

BATCH = 500
Progress = Callable[[int, int], None]  # (done, total)


@dataclass
class LoadReport:
    parsed: int = 0
    reused: int = 0
    reparsed_stale: int = 0
    rows: Counter = field(default_factory=Counter)
    errors: list[dict] = field(default_factory=list)  # parse_errors rows of this run


def _parsed_ledger(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    return dict(con.execute("select capture_id, parser_version from raw.parsed_captures").fetchall())


def _delete_captures(con: duckdb.DuckDBPyConnection, capture_ids: list[str]) -> None:
    ids = pa.table({"capture_id": pa.array(capture_ids, pa.string())})  # noqa: F841 - DuckDB scan
    for table in [*RAW_SCHEMAS, "parsed_captures"]:
        if table == "captures":
            continue
        con.execute(f"delete from raw.{table} where capture_id in (select capture_id from ids)")


def _flush(con: duckdb.DuckDBPyConnection, batch: dict[str, list[dict]], report: LoadReport) -> None:
    con.execute("begin")
    for table, rows in batch.items():
        if rows:
            insert_arrow(con, f"raw.{table}", pa.Table.from_pylist(rows, schema=ALL_RAW_SCHEMAS[table]))
            if table != "parsed_captures":
                report.rows[table] += len(rows)
    con.execute("commit")
    batch.clear()


def parse_and_load(
    con: duckdb.DuckDBPyConnection, store: ArchiveStore, progress: Progress | None = None
) -> LoadReport:
    """Parse every capture not yet parsed by the current parser version and insert its rows."""
    report = LoadReport()
    ledger = _parsed_ledger(con)
    todo: list[tuple[ArchiveCapture, str]] = []
    stale: list[str] = []
    for capture in store.captures():
        version = parser_version(parser_key(capture.url))
        done = ledger.get(capture.capture_id)
        if done == version:
            report.reused += 1
            continue
        if done is not None:
            stale.append(capture.capture_id)
        todo.append((capture, version))
    if stale:
        con.execute("begin")
        _delete_captures(con, stale)
        con.execute("commit")
        report.reparsed_stale = len(stale)

    batch: dict[str, list[dict]] = {}
    for i, (capture, version) in enumerate(todo, start=1):
        body = store.read_body(capture)
        result = parse_capture(body, capture.url, capture.fetched_at, capture.http_status)
        ident = {"capture_id": capture.capture_id, "source_url": capture.url}
        for table, rows in result.rows.items():
            batch.setdefault(table, []).extend({**row, **ident} for row in rows)
        for error in result.errors:
            row = {
                **ident,
                "site": capture.site,
                "parser": parser_key(capture.url),
                "error_kind": error.error_kind,
                "message": error.message,
            }
            batch.setdefault("parse_errors", []).append(row)
            report.errors.append(row)
        batch.setdefault("parsed_captures", []).append({"capture_id": capture.capture_id, "parser_version": version})
        report.parsed += 1
        if i % BATCH == 0:
            _flush(con, batch, report)
        if progress:
            progress(i, len(todo))
    _flush(con, batch, report)
    return report


def load_catalog_tables(con: duckdb.DuckDBPyConnection, store: ArchiveStore) -> None:
    """Rewrite the small tables that mirror the catalog and the archive index."""
    catalog = load_catalog()
    captures = [
        {
            "capture_id": c.capture_id,
            "source_url": c.url,
            "site": c.site,
            "fetched_at": c.fetched_at,
            "http_status": c.http_status,
            "content_type": c.content_type,
            "content_sha256": c.content_sha256,
            "content_length": c.content_length,
            "is_reconstruction": c.is_reconstruction,
            "parser": parser_key(c.url),
            "parser_version": parser_version(parser_key(c.url)),
        }
        for c in store.captures()
    ]
    tables = {
        "captures": captures,
        "countries": [dict(c) for c in catalog.countries],
        "sites": [
            {"site": s.site, "country_iso3": s.country_iso3, "kind": s.kind, "parser": s.parser,
             "hosts": ",".join(s.hosts)}
            for s in catalog.sites.values()
        ],
        "catalog_sources": [
            {"ref": s.ref, "url": s.url, "site": s.site, "kind": s.kind, "language": s.language}
            for s in catalog.sources
        ],
    }
    con.execute("begin")
    for name, rows in tables.items():
        con.execute(f"delete from raw.{name}")
        insert_arrow(con, f"raw.{name}", pa.Table.from_pylist(rows, schema=ALL_RAW_SCHEMAS[name]))
    con.execute("commit")
