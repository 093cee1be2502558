"""Warehouse files: build the NEXT file, promote it over CURRENT by atomic rename, open readers read-only.

DuckDB lets one process write a file and, while it does, no other process can open it at all. So a
refresh never writes `warehouse.duckdb`: it copies it to `warehouse.next.duckdb` (parse results are kept,
so only new captures are parsed), builds there, and renames the file over the current one when the
blocking checks pass. Readers open the current file read-only and are never blocked.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pyarrow as pa

from pipelines import progress
from pipelines.home import KzuzHome
from sources.records import RAW_SCHEMAS

log = logging.getLogger("kzuz.warehouse")

# Written in the storage format of DuckDB 1.5 so that every client can open the warehouse, the duckdb
# command-line shell (the duckdb-cli package, 1.5.x) included; DuckDB 2.0 reads and writes it unchanged.
STORAGE_COMPATIBILITY = "v1.5.0"


def writer_config() -> dict[str, str]:
    """DuckDB settings of the refresh's own connections to NEXT (loader, checks).

    DuckDB's default memory limit is 80 % of RAM, and the loader's process grew with the archive (2.4 GB
    at 100k pages, in spikes during DuckDB's automatic checkpoints; bench/README.md). A cap makes DuckDB
    evict and spill instead. KZUZ_DUCKDB_MEMORY overrides it (a DuckDB size such as '4GB').
    """
    return {"memory_limit": os.environ.get("KZUZ_DUCKDB_MEMORY") or "1GB"}


CATALOG_SCHEMAS: dict[str, pa.Schema] = {
    "countries": pa.schema(
        [
            ("iso3", pa.string()),
            ("iso_numeric", pa.int32()),
            ("name_en", pa.string()),
            ("name_ru", pa.string()),
            ("name_uz", pa.string()),
            ("name_kk", pa.string()),
        ]
    ),
    "sites": pa.schema(
        [
            ("site", pa.string()),
            ("country_iso3", pa.string()),
            ("kind", pa.string()),
            ("parser", pa.string()),
            ("hosts", pa.string()),
        ]
    ),
    "catalog_sources": pa.schema(
        [
            ("ref", pa.int32()),
            ("url", pa.string()),
            ("site", pa.string()),
            ("kind", pa.string()),
            ("language", pa.string()),
        ]
    ),
    # Which capture was parsed by which parser version: the parse cache's ledger.
    "parsed_captures": pa.schema([("capture_id", pa.string()), ("parser_version", pa.string())]),
}
ALL_RAW_SCHEMAS = {**RAW_SCHEMAS, **CATALOG_SCHEMAS}


def _remove(path: Path) -> None:
    for p in (path, Path(f"{path}.wal"), Path(f"{path}.tmp")):
        if p.exists():
            p.unlink()


def prepare_next(home: KzuzHome, on_stale: Callable[[str], None] | None = None) -> Path:
    """Start a NEXT file from the CURRENT one (or empty); a stale NEXT from a crashed run is removed.

    The removal is said three ways so the user sees it wherever the run happens: the `kzuz.warehouse`
    log, the progress stream (the CLI prints it) and ``on_stale`` (the Dagster run log).
    """
    nxt = home.next_warehouse
    leftovers = [p for p in (nxt, Path(f"{nxt}.wal"), Path(f"{nxt}.tmp")) if p.exists()]
    if leftovers:
        message = (
            f"removing stale {', '.join(p.name for p in leftovers)} left by an interrupted refresh; "
            f"{home.warehouse.name} was not touched"
        )
        log.warning(message)
        progress.report("cleanup", message)
        if on_stale:
            on_stale(message)
        _remove(nxt)
    if home.warehouse.exists():
        tmp = Path(f"{nxt}.tmp")
        shutil.copyfile(home.warehouse, tmp)
        os.replace(tmp, nxt)
    with duckdb.connect(str(nxt), config={"storage_compatibility_version": STORAGE_COMPATIBILITY}) as con:
        ensure_raw_schema(con)
    return nxt


def ensure_raw_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the raw tables, and add the columns a newer schema has to the tables of an older warehouse
    (e.g. legal_acts.in_force_from): their rows from before read as null until re-parsed.
    """
    con.execute("create schema if not exists raw")
    for name, schema in ALL_RAW_SCHEMAS.items():
        empty = schema.empty_table()  # noqa: F841 - read by DuckDB's replacement scan
        con.execute(f"create table if not exists raw.{name} as select * from empty")
        have = {
            row[0]
            for row in con.execute(
                "select column_name from information_schema.columns where table_schema = 'raw' and table_name = ?",
                [name],
            ).fetchall()
        }
        missing = [field.name for field in schema if field.name not in have]
        if missing:
            types = dict(con.execute("select column_name, column_type from (describe select * from empty)").fetchall())
            for column in missing:
                con.execute(f'alter table raw.{name} add column "{column}" {types[column]}')


def insert_arrow(con: duckdb.DuckDBPyConnection, table: str, rows: pa.Table) -> None:
    """Bulk insert (Arrow scan): ~260x faster than executemany on this machine."""
    con.register("_kzuz_rows", rows)
    try:
        con.execute(f"insert into {table} by name select * from _kzuz_rows")
    finally:
        con.unregister("_kzuz_rows")


def promote(home: KzuzHome) -> None:
    """Atomically replace CURRENT by NEXT (POSIX rename); readers holding the old file keep reading it."""
    nxt = home.next_warehouse
    with duckdb.connect(str(nxt)) as con:
        con.execute("checkpoint")
    progress.report("promote", f"renaming {nxt.name} over {home.warehouse.name}")
    os.replace(nxt, home.warehouse)
    Path(f"{nxt}.wal").unlink(missing_ok=True)
    log.info("promoted %s -> %s", nxt.name, home.warehouse.name)


def discard_next(home: KzuzHome) -> None:
    """Remove the NEXT warehouse a failed refresh left (the current one stays)."""
    _remove(home.next_warehouse)


@contextmanager
def read_only(path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to the warehouse at ``path``, closed on exit."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        yield con
    finally:
        con.close()
