"""Read-only access to the current warehouse for the report: which tables and columns exist, and their rows.

The report must never fail on an empty, partial or missing warehouse, so every question starts with
``lacking(...)``, which names what is missing instead of raising.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb


class WarehouseReader:
    """One read-only DuckDB connection to a warehouse file, or the reason there is none."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.problem: str | None = None
        self._con: duckdb.DuckDBPyConnection | None = None
        self._columns: dict[str, list[str]] = {}
        self._readable: dict[str, str | None] = {}
        if not self.path.is_file():
            self.problem = f"no warehouse at {self.path}"
            return
        try:
            self._con = duckdb.connect(str(self.path), read_only=True)
            found = self._con.execute(
                "select table_schema, table_name, column_name from information_schema.columns "
                "order by table_schema, table_name, ordinal_position"
            ).fetchall()
        except duckdb.Error as exc:
            self.problem = f"the warehouse {self.path} could not be opened: {' '.join(str(exc).split())}"
            self.close()
            return
        for schema, table, column in found:
            name = table if schema == "main" else f"{schema}.{table}"
            self._columns.setdefault(name, []).append(column)

    def __enter__(self) -> WarehouseReader:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection to the warehouse."""
        if self._con is not None:
            self._con.close()
            self._con = None

    @property
    def tables(self) -> list[str]:
        """The warehouse's tables."""
        return sorted(self._columns)

    def columns(self, table: str) -> list[str]:
        """The columns of ``table`` (none when it is missing)."""
        return self._columns.get(table, [])

    def has(self, table: str, *columns: str) -> bool:
        """Whether ``table`` exists with every one of ``columns``."""
        return self.lacking(table, *columns) is None

    def lacking(self, table: str, *columns: str) -> str | None:
        """What is missing to read these columns of this table (None when all are there)."""
        if self.problem:
            return self.problem
        if table not in self._columns:
            return f"table {table}"
        broken = self._unreadable(table)
        if broken:
            return f"table {table} (it cannot be read: {broken})"
        absent = [c for c in columns if c not in self._columns[table]]
        if absent:
            return f"column{'s' if len(absent) > 1 else ''} {', '.join(absent)} of {table}"
        return None

    def _unreadable(self, table: str) -> str | None:
        """Why a table cannot be read (a view over a table that is gone), else None; asked once per table."""
        if table not in self._readable:
            quoted = ".".join(f'"{part}"' for part in table.split("."))
            try:
                self._con.execute(f"select * from {quoted} limit 0")
                self._readable[table] = None
            except duckdb.Error as exc:
                self._readable[table] = " ".join(str(exc).split())[:200]
        return self._readable[table]

    def rows(self, query: str, params: list | None = None) -> list[dict[str, Any]]:
        """The rows of ``query`` as dicts; none without a warehouse."""
        if self._con is None:
            return []
        cursor = self._con.execute(query, params or [])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
