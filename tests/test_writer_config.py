"""The refresh's DuckDB connections to NEXT carry a memory cap, 1 GB unless KZUZ_DUCKDB_MEMORY says otherwise."""

from __future__ import annotations

import duckdb

from pipelines.warehouse import writer_config


def _limit(monkeypatch, value: str | None) -> str:
    if value is None:
        monkeypatch.delenv("KZUZ_DUCKDB_MEMORY", raising=False)
    else:
        monkeypatch.setenv("KZUZ_DUCKDB_MEMORY", value)
    with duckdb.connect(config=writer_config()) as con:
        return con.execute("select current_setting('memory_limit')").fetchone()[0]


def test_default_cap_and_override(monkeypatch):
    default = _limit(monkeypatch, None)
    assert default.endswith("MiB") and 900 <= float(default.split()[0]) <= 1000, default
    assert _limit(monkeypatch, "3GB").startswith("2.7"), "3 GB in DuckDB's GiB reading"
