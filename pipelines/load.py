"""Parse archived captures and bulk-load the rows into the raw schema of the NEXT warehouse.

Work is keyed by content: `raw.parsed_captures` records which capture was parsed by which parser
version, so a refresh parses only new captures, or every capture of a parser whose version changed.
Rows go in as Arrow tables, a batch of captures per transaction.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections import Counter, deque
from collections.abc import Callable, Collection, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from urllib.parse import urlsplit

import duckdb
import pyarrow as pa

from pipelines.warehouse import ALL_RAW_SCHEMAS, insert_arrow
from sources.archive import ArchiveCapture, ArchiveStore
from sources.catalog import load_catalog
from sources.parsing import parse_capture, parser_key, parser_version, site_parser_modules
from sources.records import RAW_SCHEMAS, ParseResult

BATCH = 500
# Parsing is pure and CPU-bound: a large backlog is spread over worker processes, results kept in order.
PARSE_WORKERS_ENV = "KZUZ_PARSE_WORKERS"  # worker count; unset = one per CPU, 1 = parse in this process
POOL_MIN_CAPTURES = 200  # below this, starting the workers (~1-2 s) costs more than it saves
POOL_CHUNK = 8  # captures per task: few enough to keep both cores busy, enough to amortise pickling
Progress = Callable[[int, int], None]  # (done, total)


@dataclass
class LoadReport:
    """What a load did: pages parsed or reused, rows per table, parse errors, seconds per stage."""

    parsed: int = 0
    reused: int = 0
    reparsed_stale: int = 0
    parsed_urls: set[str] = field(default_factory=set)  # URLs with a capture parsed this run
    rows: Counter = field(default_factory=Counter)
    errors: list[dict] = field(default_factory=list)  # parse_errors rows of this run
    # read / parse: seconds summed over workers; insert: seconds in this process (bench/ reads these)
    seconds: Counter = field(default_factory=Counter)


def _parsed_ledger(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    return dict(con.execute("select capture_id, parser_version from raw.parsed_captures").fetchall())


def _delete_captures(con: duckdb.DuckDBPyConnection, capture_ids: list[str]) -> None:
    ids = pa.table({"capture_id": pa.array(capture_ids, pa.string())})  # noqa: F841 - DuckDB scan
    for table in [*RAW_SCHEMAS, "parsed_captures"]:
        if table == "captures":
            continue
        con.execute(f"delete from raw.{table} where capture_id in (select capture_id from ids)")


def _flush(con: duckdb.DuckDBPyConnection, batch: dict[str, list[dict]], report: LoadReport) -> None:
    started = time.perf_counter()
    con.execute("begin")
    for table, rows in batch.items():
        if rows:
            insert_arrow(con, f"raw.{table}", pa.Table.from_pylist(rows, schema=ALL_RAW_SCHEMAS[table]))
            if table != "parsed_captures":
                report.rows[table] += len(rows)
    con.execute("commit")
    batch.clear()
    report.seconds["insert"] += time.perf_counter() - started


def parse_workers(backlog: int) -> int:
    """How many worker processes to parse ``backlog`` captures with (KZUZ_PARSE_WORKERS, else the cores; 1 for few)."""
    configured = os.environ.get(PARSE_WORKERS_ENV, "").strip()
    workers = int(configured) if configured else (os.cpu_count() or 1)
    return workers if workers > 1 and backlog >= POOL_MIN_CAPTURES else 1


def _read_and_parse(store: ArchiveStore, capture: ArchiveCapture) -> tuple[ParseResult, float, float]:
    started = time.perf_counter()
    body = store.read_body(capture)
    read = time.perf_counter()
    result = parse_capture(body, capture.url, capture.fetched_at, capture.http_status, headers=capture.headers)
    return result, read - started, time.perf_counter() - read


_worker_store: ArchiveStore | None = None


def _init_worker(root: str) -> None:
    global _worker_store  # noqa: PLW0603 - one store per worker process
    _worker_store = ArchiveStore(Path(root))


def _parse_chunk(captures: list[ArchiveCapture]) -> list[tuple[ParseResult, float, float]]:
    return [_read_and_parse(_worker_store, capture) for capture in captures]


def parse_captures(store: ArchiveStore, captures: list[ArchiveCapture], report: LoadReport) -> Iterator[ParseResult]:
    """The ParseResult of every capture, in order: in this process, or on worker processes for a backlog."""
    workers = parse_workers(len(captures))
    if workers == 1:
        for capture in captures:
            result, read, parse = _read_and_parse(store, capture)
            report.seconds["read"] += read
            report.seconds["parse"] += parse
            yield result
        return
    # forkserver, not fork: this process runs Dagster and DuckDB threads, which a fork would copy mid-lock.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["sources.parsing", "sources.facts", *site_parser_modules()])
    chunks = (captures[i : i + POOL_CHUNK] for i in range(0, len(captures), POOL_CHUNK))
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_init_worker, initargs=(str(store.root),)
    ) as pool:
        pending = deque(pool.submit(_parse_chunk, chunk) for chunk in islice(chunks, workers * 4))
        while pending:
            done = pending.popleft().result()
            if (chunk := next(chunks, None)) is not None:
                pending.append(pool.submit(_parse_chunk, chunk))
            for result, read, parse in done:
                report.seconds["read"] += read
                report.seconds["parse"] += parse
                yield result


def plan_parse(
    con: duckdb.DuckDBPyConnection,
    store: ArchiveStore,
    *,
    force: bool = False,
    force_sites: Collection[str] = (),
) -> tuple[list[tuple[ArchiveCapture, str]], list[str], int]:
    """What a refresh must parse, from the parse ledger of ``con`` (read-only is enough).

    Returns (captures to parse with the parser version they get, ids of captures parsed by an older
    version whose rows must go first, number of captures whose rows are reused).
    """
    ledger = _parsed_ledger(con)
    todo: list[tuple[ArchiveCapture, str]] = []
    stale: list[str] = []
    reused = 0
    forced = set(force_sites)
    for capture in store.captures():
        version = parser_version(parser_key(capture.url))
        done = ledger.get(capture.capture_id)
        if done == version and not (force or capture.site in forced):
            reused += 1
            continue
        if done is not None:
            stale.append(capture.capture_id)
        todo.append((capture, version))
    return todo, stale, reused


def parse_and_load(
    con: duckdb.DuckDBPyConnection,
    store: ArchiveStore,
    progress: Progress | None = None,
    *,
    force: bool = False,
    force_sites: Collection[str] = (),
) -> LoadReport:
    """Parse every capture not yet parsed by the current parser version and insert its rows.

    ``force`` ignores the parse ledger and re-parses every capture (the weekly full re-parse);
    ``force_sites`` does so for the captures of those sites only (a site partition re-run).
    """
    report = LoadReport()
    todo, stale, report.reused = plan_parse(con, store, force=force, force_sites=force_sites)
    if stale:
        con.execute("begin")
        _delete_captures(con, stale)
        con.execute("commit")
        report.reparsed_stale = len(stale)

    batch: dict[str, list[dict]] = {}
    results = parse_captures(store, [capture for capture, _ in todo], report)
    for i, ((capture, version), result) in enumerate(zip(todo, results, strict=True), start=1):
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
        report.parsed_urls.add(capture.url)
        if i % BATCH == 0:
            _flush(con, batch, report)
        if progress:
            progress(i, len(todo))
    _flush(con, batch, report)
    return report


class _ParserStamps(dict):
    """host -> (parser key, parser version): a site's parser follows from the URL's host alone, so a
    100,000-capture index asks the catalog a few dozen times instead of twice a capture.
    """

    def __missing__(self, host: str) -> tuple[str, str]:
        key = parser_key(f"https://{host}/")
        self[host] = (key, parser_version(key))
        return self[host]

    def of(self, url: str) -> tuple[str, str]:
        """The parser key and version of ``url``."""
        return self[(urlsplit(url).hostname or "").lower()]


def catalog_table_rows(store: ArchiveStore) -> dict[str, list[dict]]:
    """The rows of the small tables that mirror the catalog and the archive index."""
    catalog = load_catalog()
    stamps = _ParserStamps()
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
            "parser": parser,
            "parser_version": version,
        }
        for c in store.captures()
        for parser, version in [stamps.of(c.url)]
    ]
    return {
        "captures": captures,
        "countries": [dict(c) for c in catalog.countries],
        "sites": [
            {
                "site": s.site,
                "country_iso3": s.country_iso3,
                "kind": s.kind,
                "parser": s.parser,
                "hosts": ",".join(s.hosts),
            }
            for s in catalog.sites.values()
        ],
        "catalog_sources": [
            {"ref": s.ref, "url": s.url, "site": s.site, "kind": s.kind, "language": s.language}
            for s in catalog.sources
        ],
    }


def load_catalog_tables(
    con: duckdb.DuckDBPyConnection, store: ArchiveStore, tables: dict[str, list[dict]] | None = None
) -> None:
    """Rewrite the small tables that mirror the catalog and the archive index."""
    tables = catalog_table_rows(store) if tables is None else tables
    con.execute("begin")
    for name, rows in tables.items():
        con.execute(f"delete from raw.{name}")
        insert_arrow(con, f"raw.{name}", pa.Table.from_pylist(rows, schema=ALL_RAW_SCHEMAS[name]))
    con.execute("commit")


SCOPE_TABLE = "raw.refresh_scope"  # one row: full_rebuild, changed_urls (read by the dbt step)
CHANGES_TABLE = "raw.refresh_changes"  # source_url of every URL whose captures changed (read by dbt models)


# The catalog's own tables: a change in any of them (a site's country, a new source) can change the rows of
# pages no capture touched, so it makes the build a full one.
CATALOG_ONLY_TABLES = ("countries", "sites", "catalog_sources")


def snapshot_captures(con: duckdb.DuckDBPyConnection) -> None:
    """Keep this warehouse's capture index and catalog tables (before the loader rewrites them) in temp
    tables for `record_refresh_scope` to diff against.
    """
    for name in ("captures", *CATALOG_ONLY_TABLES):
        con.execute(f"create or replace temp table _kzuz_previous_{name} as select * from raw.{name}")


def _catalog_changed(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether a catalog table differs from its snapshot, either way."""
    for name in CATALOG_ONLY_TABLES:
        (differ,) = con.execute(
            f"select count(*) from ((select * from raw.{name} except select * from _kzuz_previous_{name})"
            f" union all (select * from _kzuz_previous_{name} except select * from raw.{name}))"
        ).fetchone()
        if differ:
            return True
    return False


def record_refresh_scope(con: duckdb.DuckDBPyConnection, parsed_urls: Collection[str], *, full: bool) -> int:
    """Write what this refresh changed, for the incremental dbt models (macros/refresh_scope.sql).

    The changed URLs are those with a capture parsed this run or a capture whose index row is new or
    differs from the warehouse's previous one (`snapshot_captures`). A capture that left the index, or a
    change of the catalog's tables, makes the build a full one (per-URL models only ever gain captures
    incrementally). Returns the number of changed URLs.
    """
    parsed = pa.table({"source_url": pa.array(sorted(set(parsed_urls)), pa.string())})  # noqa: F841 - DuckDB scan
    con.execute("begin")
    con.execute(
        f"create or replace table {CHANGES_TABLE} as "
        "select source_url from parsed union "
        "select source_url from (select * from raw.captures except select * from _kzuz_previous_captures)"
    )
    removed = con.execute(
        "select count(*) from (select capture_id from _kzuz_previous_captures"
        " except select capture_id from raw.captures)"
    ).fetchone()[0]
    changed = con.execute(f"select count(*) from {CHANGES_TABLE}").fetchone()[0]
    con.execute(
        f"create or replace table {SCOPE_TABLE} as select ? as full_rebuild, ? as changed_urls",
        [full or removed > 0 or _catalog_changed(con), changed],
    )
    con.execute("commit")
    return changed


def full_rebuild_recorded(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the loader asked for a full dbt build (True when it left no scope: a warehouse from before)."""
    exists = con.execute(
        "select count(*) from information_schema.tables where table_schema = 'raw' and table_name = 'refresh_scope'"
    ).fetchone()[0]
    if not exists:
        return True
    row = con.execute(f"select full_rebuild from {SCOPE_TABLE}").fetchone()
    return bool(row[0]) if row else True
