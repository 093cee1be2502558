"""A warehouse built before a raw column existed gets the column on its next refresh (ensure_raw_schema)."""

from __future__ import annotations

import datetime as dt

import duckdb
import pyarrow as pa

from pipelines.warehouse import ensure_raw_schema, insert_arrow
from sources.records import RAW_SCHEMAS


def test_older_legal_acts_table_gains_the_force_dates(tmp_path):
    con = duckdb.connect(str(tmp_path / "old.duckdb"))
    con.execute("create schema raw")
    old = pa.schema([f for f in RAW_SCHEMAS["legal_acts"] if f.name not in ("in_force_from", "lost_force_on")])
    before = pa.Table.from_pylist([{"capture_id": "c1", "source_url": "https://lex.uz/docs/1", "title": "A"}], old)  # noqa: F841 - read by DuckDB
    con.execute("create table raw.legal_acts as select * from before")

    ensure_raw_schema(con)
    ensure_raw_schema(con)  # a second call finds nothing to add

    columns = dict(con.execute("select column_name, column_type from (describe raw.legal_acts)").fetchall())
    assert (columns["in_force_from"], columns["lost_force_on"]) == ("DATE", "DATE")
    row = {"capture_id": "c2", "source_url": "https://lex.uz/docs/2", "in_force_from": dt.date(2020, 1, 1)}
    insert_arrow(con, "raw.legal_acts", pa.Table.from_pylist([row], schema=RAW_SCHEMAS["legal_acts"]))
    assert con.execute("select capture_id, in_force_from from raw.legal_acts order by 1").fetchall() == [
        ("c1", None),
        ("c2", dt.date(2020, 1, 1)),
    ]
