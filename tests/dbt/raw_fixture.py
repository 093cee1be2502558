"""Builds the loader's `raw` schema in a DuckDB file for dbt tests: every raw table, empty or with given rows.

Tables come from `sources.records.RAW_SCHEMAS` (parser output) and `CATALOG_SCHEMAS` (the catalog tables the
loader writes from sources/catalog.yml), so a change of a raw schema shows up in the dbt tests at once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import yaml

from sources.records import RAW_SCHEMAS

REPO_ROOT = Path(__file__).resolve().parents[2]
CATALOG_PATH = REPO_ROOT / "sources" / "catalog.yml"

CATALOG_SCHEMAS: dict[str, pa.Schema] = {
    "countries": pa.schema(
        [
            pa.field("iso3", pa.string(), nullable=False),
            pa.field("iso_numeric", pa.int32()),
            pa.field("name_en", pa.string()),
            pa.field("name_ru", pa.string()),
            pa.field("name_uz", pa.string()),
            pa.field("name_kk", pa.string()),
        ]
    ),
    "sites": pa.schema(
        [
            pa.field("site", pa.string(), nullable=False),
            pa.field("country_iso3", pa.string()),
            pa.field("kind", pa.string()),
            pa.field("parser", pa.string()),
            pa.field("hosts", pa.string()),  # comma-separated
        ]
    ),
    "catalog_sources": pa.schema(
        [
            pa.field("ref", pa.int32(), nullable=False),
            pa.field("url", pa.string(), nullable=False),
            pa.field("site", pa.string()),
            pa.field("kind", pa.string()),
            pa.field("language", pa.string()),
        ]
    ),
}

# Raw tables the dbt project reads that the loader may not write yet (proposed for sources/records.py);
# stg_raw__legal_act_relations reads as empty when the table is missing.
PENDING_RAW_SCHEMAS: dict[str, pa.Schema] = {
    name: schema
    for name, schema in {
        "legal_act_relations": pa.schema(
            [
                pa.field("capture_id", pa.string(), nullable=False),
                pa.field("source_url", pa.string(), nullable=False),
                pa.field("relation", pa.string()),  # ratifies | amends | repeals | lost_force_by
                pa.field("target_title", pa.string()),
                pa.field("target_number", pa.string()),
                pa.field("target_date_text", pa.string()),
                pa.field("target_date", pa.date32()),
                pa.field("evidence", pa.string()),
                pa.field("block_id", pa.string()),
            ]
        ),
    }.items()
    if name not in RAW_SCHEMAS
}

ALL_RAW_SCHEMAS: dict[str, pa.Schema] = {**RAW_SCHEMAS, **CATALOG_SCHEMAS}


def catalog_rows(path: Path = CATALOG_PATH) -> dict[str, list[dict[str, Any]]]:
    """Rows of raw.countries, raw.sites and raw.catalog_sources as the loader writes them from the catalog."""
    catalog = yaml.safe_load(path.read_text(encoding="utf-8"))
    sites = [
        {
            "site": site,
            "country_iso3": spec.get("country_iso3"),
            "kind": spec.get("kind"),
            "parser": spec.get("parser"),
            "hosts": ",".join(spec.get("hosts", [])),
        }
        for site, spec in catalog["sites"].items()
    ]
    return {
        "countries": [dict(country) for country in catalog["countries"]],
        "sites": sites,
        "catalog_sources": [dict(source) for source in catalog["sources"]],
    }


def create_raw_tables(
    con: duckdb.DuckDBPyConnection,
    rows: Mapping[str, Sequence[Mapping[str, Any]]] | None = None,
    with_pending: bool = True,
) -> None:
    """Create schema raw with every raw table (typed by its Arrow schema), filled with `rows` where given.

    Rows are plain dicts keyed by column; missing columns become null. Unknown table names raise KeyError.
    `with_pending=False` leaves out the tables the loader may not write yet (PENDING_RAW_SCHEMAS).
    """
    rows = rows or {}
    schemas = {**ALL_RAW_SCHEMAS, **(PENDING_RAW_SCHEMAS if with_pending else {})}
    unknown = set(rows) - set(schemas)
    if unknown:
        raise KeyError(f"unknown raw tables: {sorted(unknown)}")
    con.execute("create schema if not exists raw")
    for name, schema in schemas.items():
        table_rows = [{field.name: row.get(field.name) for field in schema} for row in rows.get(name, [])]
        arrow_table = pa.Table.from_pylist(table_rows, schema=schema)
        view_name = f"_raw_fixture_{name}"
        con.register(view_name, arrow_table)
        try:
            con.execute(f"create or replace table raw.{name} as select * from {view_name}")
        finally:
            con.unregister(view_name)


def build_raw_warehouse(
    path: Path, rows: Mapping[str, Sequence[Mapping[str, Any]]] | None = None, with_pending: bool = True
) -> Path:
    """Write a DuckDB file at `path` holding the raw schema (see create_raw_tables) and close it."""
    con = duckdb.connect(str(path))
    try:
        create_raw_tables(con, rows, with_pending)
    finally:
        con.close()
    return path
