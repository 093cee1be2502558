"""What a warehouse was built from, so that a refresh whose inputs did not change skips dbt, checks and promotion.

A warehouse is a function of three inputs: the raw rows (which captures were parsed, by which parser
version), the small catalog tables (the archive's capture index, countries, sites, cited sources), and the
code that turns raw rows into marts (the dbt project and the expectation suites that quarantine rows).
Every promoted warehouse carries a fingerprint of the last two in `raw.build_inputs`; the parse ledger
(`raw.parsed_captures`) already records the first. When a refresh finds nothing to parse and both
fingerprints equal the current warehouse's, the current warehouse *is* the result of this refresh, and
rebuilding it would only cost time (DESIGN.md: "an unchanged archive means a near-free refresh").

Hashing is hashlib over a canonical JSON of the rows and over the code files' bytes: dbt's own state
comparison (`state:modified`) answers "which models changed", not "would the build produce the same
warehouse", so no library fits.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import duckdb
import pyarrow as pa

from pipelines.home import KzuzHome
from pipelines.load import catalog_table_rows, plan_parse
from pipelines.project import DBT_PROJECT_DIR, REPO
from pipelines.warehouse import read_only
from sources.archive import ArchiveStore

TABLE = "raw.build_inputs"
SCHEMA = pa.schema(
    [("code_sha256", pa.string()), ("catalog_sha256", pa.string()), ("built_at", pa.timestamp("us", "UTC"))]
)

# The code that decides what the marts hold, given the raw rows. Parser code is not here: the parse
# ledger keys each capture by parser version, so a parser change re-parses (and so rebuilds) by itself.
_DBT_PARTS = ("dbt_project.yml", "profiles.yml", "packages.yml", "models", "macros", "seeds", "tests", "snapshots")
_CODE_PARTS = (REPO / "expectations", REPO / "sources" / "records.py", REPO / "pipelines" / "warehouse.py")


UNCHANGED = (
    "nothing changed since the current warehouse was built (same captures, parser versions, catalog, dbt "
    "project and suites): dbt, checks and promotion skipped; the current warehouse stays"
)


@dataclass(frozen=True)
class BuildInputs:
    """What a build read besides the captures: digests of the code that shapes the marts and of the catalog."""

    code_sha256: str
    catalog_sha256: str

    def observation(self) -> dict:
        """Metadata of the `warehouse` observation a no-op refresh records (the freshness sensor reads it)."""
        return {"unchanged": True, "code_sha256": self.code_sha256, "catalog_sha256": self.catalog_sha256}


def _files(root: Path) -> list[Path]:
    if root.is_file():
        return [root]
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc")


@cache
def code_sha256() -> str:
    """sha256 over the dbt project's sources and the quarantining suites (paths and bytes), once per process."""
    digest = hashlib.sha256()
    roots = [DBT_PROJECT_DIR / part for part in _DBT_PARTS] + list(_CODE_PARTS)
    for root in roots:
        for path in _files(root):
            digest.update(str(path.relative_to(REPO)).encode())
            digest.update(b"\0")
            digest.update(path.read_bytes())
            digest.update(b"\0")
    return digest.hexdigest()


def catalog_sha256(tables: dict[str, list[dict]]) -> str:
    """sha256 of the catalog tables' rows as the loader writes them (order-independent within a table)."""
    digest = hashlib.sha256()
    for name in sorted(tables):
        rows = sorted(json.dumps(row, sort_keys=True, default=str, ensure_ascii=False) for row in tables[name])
        digest.update(name.encode())
        for row in rows:
            digest.update(b"\n")
            digest.update(row.encode())
        digest.update(b"\0")
    return digest.hexdigest()


def stored(con: duckdb.DuckDBPyConnection) -> BuildInputs | None:
    """The inputs recorded in a warehouse (None for a warehouse built before this table existed)."""
    exists = con.execute(
        "select count(*) from information_schema.tables where table_schema = 'raw' and table_name = 'build_inputs'"
    ).fetchone()[0]
    if not exists:
        return None
    row = con.execute(f"select code_sha256, catalog_sha256 from {TABLE} limit 1").fetchone()
    return BuildInputs(*row) if row else None


def record(con: duckdb.DuckDBPyConnection, inputs: BuildInputs) -> None:
    """Write the inputs of the warehouse being built (NEXT); promoted with it, discarded with it."""
    row = pa.table(  # noqa: F841 - read by DuckDB's replacement scan
        {
            "code_sha256": [inputs.code_sha256],
            "catalog_sha256": [inputs.catalog_sha256],
            "built_at": [datetime.now(UTC)],
        },
        schema=SCHEMA,
    )
    con.execute(f"create or replace table {TABLE} as select * from row")


# The last archive state current_inputs saw and its result: a refresh asks twice (before the run, to skip
# a no-op, and in raw_tables), and at 100k captures each answer costs ~2 s of rows and hashing.
_LAST_INPUTS: dict[tuple, tuple[BuildInputs, dict[str, list[dict]]]] = {}


def current_inputs(store: ArchiveStore) -> tuple[BuildInputs, dict[str, list[dict]]]:
    """The inputs a build would have now, and the catalog tables' rows they were computed from.

    Computed once per state of the archive in a process (``ArchiveStore.state``); the rows returned are
    shared between callers, who only read them.
    """
    key = (str(store.root.resolve()), store.state())
    if key not in _LAST_INPUTS:
        tables = catalog_table_rows(store)
        _LAST_INPUTS.clear()
        _LAST_INPUTS[key] = (BuildInputs(code_sha256(), catalog_sha256(tables)), tables)
    return _LAST_INPUTS[key]


def inputs_unchanged(home: KzuzHome, store: ArchiveStore, inputs: BuildInputs) -> bool:
    """True when the current warehouse was built from exactly these inputs and no capture awaits parsing.

    Read-only on the current file, before any copy: a no-op refresh writes nothing.
    """
    if not home.warehouse.exists():
        return False
    with read_only(home.warehouse) as con:
        if stored(con) != inputs:
            return False
        todo, stale, _ = plan_parse(con, store)
    return not todo and not stale
