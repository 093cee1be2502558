"""What a failed `dbt build` failed on, from dbt's own artifacts: each test or model, its model, rows, pages.

dagster-dbt raises one exception for a failed build whose text names no test and no page; dbt's
``run_results.json`` and ``manifest.json`` (in the build's target folder) name every failed node, its
compiled SQL and its number of failing rows. The pages behind a failed test are found by running its
compiled SQL on the warehouse it ran on: a ``source_url`` column of the result, or else the URLs of the
tested model's rows whose tested column holds a failing value. Hand-written: no library reads dbt results
into this shape, and it is a few queries.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

import duckdb

MAX_URLS = 5
FAILED = {"fail", "error", "runtime error"}


@dataclass(frozen=True)
class DbtFailure:
    """One failed dbt node: a test (with its model and failing rows) or a model that did not build."""

    kind: str  # "dbt test" | "dbt model"
    name: str  # the test's or model's name, as dbt prints it
    model: str  # the model it tests (a model names itself)
    failing_rows: int | None
    message: str
    source_urls: list[str] = field(default_factory=list)

    def line(self) -> str:
        """One readable line: what failed, where, how many rows, which pages."""
        rows = f"{self.failing_rows} failing row(s)" if self.failing_rows is not None else self.message
        pages = f"; pages: {', '.join(self.source_urls)}" if self.source_urls else ""
        where = f" on {self.model}" if self.model != self.name else ""
        return f"{self.kind} {self.name}{where}: {rows}{pages}"

    def as_dict(self) -> dict:
        """JSON-ready fields plus the readable line."""
        return {**asdict(self), "line": self.line()}


def failed_nodes(target: Path, warehouse: Path | None = None) -> list[DbtFailure]:
    """The failed tests and models of the last dbt run in ``target``; [] when it left no results."""
    results_path, manifest_path = target / "run_results.json", target / "manifest.json"
    if not results_path.exists():
        return []
    results = json.loads(results_path.read_text(encoding="utf-8"))["results"]
    nodes = json.loads(manifest_path.read_text(encoding="utf-8"))["nodes"] if manifest_path.exists() else {}
    failures = []
    for result in results:
        if result.get("status") not in FAILED:
            continue
        node = nodes.get(result["unique_id"], {})
        failures.append(_failure(result, node, nodes, warehouse))
    return failures


def _failure(result: dict, node: dict, nodes: dict, warehouse: Path | None) -> DbtFailure:
    unique_id = result["unique_id"]
    name = node.get("name") or unique_id.split(".")[-2 if unique_id.startswith("test.") else -1]
    message = " ".join(str(result.get("message") or result.get("status")).split())
    if not unique_id.startswith("test."):
        return DbtFailure("dbt model", name, name, None, message)
    model_id = node.get("attached_node") or next(iter(node.get("depends_on", {}).get("nodes", [])), "")
    model = nodes.get(model_id, {})
    urls: list[str] = []
    if warehouse is not None and result.get("compiled_code"):
        urls = _source_urls(warehouse, result["compiled_code"], model.get("relation_name"), node.get("column_name"))
    failing = result.get("failures")
    return DbtFailure("dbt test", name, model.get("name") or model_id, failing, message, urls)


def _source_urls(warehouse: Path, compiled: str, relation: str | None, column: str | None) -> list[str]:
    """Up to MAX_URLS pages behind a failed test's rows; [] when they cannot be told (never raises)."""
    try:
        with duckdb.connect(str(warehouse), read_only=True) as con:
            cursor = con.execute(f"select * from ({compiled}) as failing limit 1000")
            columns = [d[0] for d in cursor.description]
            rows = cursor.fetchall()
            if "source_url" in columns:
                index = columns.index("source_url")
                return _first_distinct(str(r[index]) for r in rows if r[index] is not None)
            if not (relation and column and rows):
                return []
            values = [r[0] for r in rows]
            found = con.execute(
                f"select distinct source_url from {relation} where {column} in (select unnest(?)) "
                f"order by source_url limit {MAX_URLS}",
                [values],
            ).fetchall()
            return [str(u) for (u,) in found if u is not None]
    except (duckdb.Error, ValueError):
        return []


def _first_distinct(urls) -> list[str]:
    return list(dict.fromkeys(urls))[:MAX_URLS]
