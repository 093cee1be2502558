"""Run a suite over DuckDB with GX 1.x on pandas, and move rows failing row-level expectations to quarantine.

GX 1.24 has no DuckDB datasource and its SQLAlchemy path fails on DuckDB, so the suite's SQL is read into
a DataFrame and validated through an ephemeral context. Failing rows are identified by their position in
that DataFrame (GX's ``unexpected_index_list`` on a RangeIndex) and reported by the suite's key column.

On an incremental refresh a suite with ``changed_rows`` reads only the rows of the changed URLs (and its
quarantined rows, whose verdict may have changed): a row's verdict depends on its own page, so the others
keep theirs. What spans the whole table (a key's uniqueness, the row count) is then computed by DuckDB over
every row (``TABLE_WIDE``) instead of on the pandas subset.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import duckdb
import great_expectations as gx
import great_expectations.expectations as gxe
import numpy as np
import pandas as pd
from great_expectations.core.run_identifier import RunIdentifier
from great_expectations.data_context.types.base import ProgressBarsConfig

from expectations.suite import Severity, Suite

SAMPLE_ROWS = 5
SOURCE_URLS = 20
# Expectations about the table as a whole: on an incremental refresh DuckDB computes them over every row.
TABLE_WIDE = (gxe.ExpectColumnValuesToBeUnique, gxe.ExpectCompoundColumnsToBeUnique, gxe.ExpectTableRowCountToBeBetween)


@dataclass(frozen=True)
class ExpectationResult:
    """The outcome of one expectation.

    ``observed_value`` is GX's for table-level expectations and the percentage of unexpected non-null values
    for row-wise ones.
    """

    name: str
    check_name: str
    severity: Severity
    success: bool
    observed_value: Any = None
    unexpected_count: int = 0
    sample_rows: tuple[dict[str, Any], ...] = ()
    unexpected_keys: tuple[Any, ...] = ()
    error: str | None = None
    source_urls: tuple[str, ...] = ()  # distinct source_url of the failing rows (first SOURCE_URLS)


@dataclass(frozen=True)
class SuiteResult:
    """All expectations of one suite run; ``error`` is set when the suite's SQL could not be read."""

    suite: str
    mart: str
    row_count: int
    results: tuple[ExpectationResult, ...]
    error: str | None = None
    # The SQL condition of the rows read (an incremental refresh: the changed URLs' rows); None: every row.
    changed_rows: str | None = None

    @property
    def success(self) -> bool:
        """Whether every expectation of the suite passed."""
        return all(r.success for r in self.results)

    def quarantine_reasons(self) -> dict[Any, str]:
        """Key -> reasons ("; "-joined, in suite order) for rows failing row-level expectations."""
        reasons: dict[Any, list[str]] = {}
        for r in self.results:
            if r.severity == "row" and not r.success:
                for key in r.unexpected_keys:
                    if key is not None and r.name not in reasons.setdefault(key, []):
                        reasons[key].append(r.name)
        return {key: "; ".join(names) for key, names in reasons.items()}


def blocking_failures(result: SuiteResult) -> list[ExpectationResult]:
    """The failed blocking expectations: any of them stops promotion of the warehouse."""
    return [r for r in result.results if r.severity == "blocking" and not r.success]


def run_suite(
    con: duckdb.DuckDBPyConnection,
    suite: Suite,
    context: Any = None,
    run_name: str | None = None,
    changed_urls: str | None = None,
) -> SuiteResult:
    """Read the suite's SQL into pandas and validate it; never raises on bad data, only reports it.

    ``context`` is a GX file context (see ``expectations.docs``) that keeps the suite and the validation
    result for Data Docs; without one an ephemeral context is used and nothing is kept. ``run_name`` (the
    Dagster run id) names the validation run, so the docs can tell when every suite of a run is in.
    ``changed_urls`` (a parenthesised subquery of URLs, on an incremental refresh) narrows a suite with
    ``changed_rows`` to those rows and its quarantined ones; its ``TABLE_WIDE`` expectations then read every row.
    """
    changed_rows = None
    if changed_urls is not None and suite.changed_rows is not None:
        changed_rows = suite.changed_rows.format(changed_urls=changed_urls)
    try:
        df = con.execute(_rows_sql(con, suite, changed_rows)).df()
    except duckdb.Error as exc:
        # A missing table or column breaks the query itself: every expectation fails with the reason.
        message = f"{type(exc).__name__}: {exc}"
        failed = tuple(
            ExpectationResult(e.name, e.check_name, e.severity, success=False, error=message)
            for e in suite.expectations
        )
        return SuiteResult(suite.name, suite.mart, row_count=0, results=failed, error=message)
    df = df.reset_index(drop=True)
    without = _without_inputs(con, suite)
    gx_results = _validate(df, suite, context, run_name, without)
    results = tuple(
        _table_wide_result(con, suite, e)
        if changed_rows is not None and isinstance(e.expectation, TABLE_WIDE) and e.name not in without
        else _expectation_result(e.name, e.check_name, e.severity, gx_results[i], df, suite.key)
        for i, e in enumerate(suite.expectations)
    )
    return SuiteResult(suite.name, suite.mart, row_count=len(df), results=results, changed_rows=changed_rows)


def _table_exists(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> bool:
    query = "select count(*) from information_schema.tables where table_schema = ? and table_name = ?"
    return con.execute(query, [schema, table]).fetchone()[0] > 0


def _rows_sql(con: duckdb.DuckDBPyConnection, suite: Suite, changed_rows: str | None) -> str:
    """The suite's SQL, or on an incremental refresh its rows matching ``changed_rows`` or in quarantine."""
    if changed_rows is None:
        return suite.sql
    condition = f"coalesce(({changed_rows}), false)"
    if suite.quarantines and _table_exists(con, suite.schema, suite.quarantine_table):
        quarantine = f"{_ident(suite.schema)}.{_ident(suite.quarantine_table)}"
        condition += f" or {_ident(suite.key)} in (select {_ident(suite.key)} from {quarantine})"
    return f"select * from ({suite.sql}) as suite_rows where {condition}"


def _table_wide_result(con: duckdb.DuckDBPyConnection, suite: Suite, e: Any) -> ExpectationResult:
    """A ``TABLE_WIDE`` expectation computed by DuckDB over every row of the suite's SQL.

    Counted the way GX counts: a row count against its bounds; for uniqueness, the rows whose value (or
    combination, rows missing all of it left out) occurs more than once, as a percentage of the rows counted.
    """
    x = e.expectation
    rows = f"({suite.sql}) as suite_rows"
    if isinstance(x, gxe.ExpectTableRowCountToBeBetween):
        (count,) = con.execute(f"select count(*) from {rows}").fetchone()
        ok = (x.min_value is None or count >= x.min_value) and (x.max_value is None or count <= x.max_value)
        return ExpectationResult(e.name, e.check_name, e.severity, success=ok, observed_value=int(count))
    columns = [x.column] if isinstance(x, gxe.ExpectColumnValuesToBeUnique) else list(x.column_list)
    cols = ", ".join(_ident(c) for c in columns)
    counted = " or ".join(f"{_ident(c)} is not null" for c in columns)
    (total,) = con.execute(f"select count(*) from {rows} where {counted}").fetchone()
    failing = con.execute(
        f"select * exclude (_kzuz_n) from (select *, count(*) over (partition by {cols}) as _kzuz_n"
        f" from {rows} where {counted}) where _kzuz_n > 1 order by {cols}"
    ).df()
    urls = failing["source_url"].dropna().unique()[:SOURCE_URLS] if "source_url" in failing else []
    return ExpectationResult(
        name=e.name,
        check_name=e.check_name,
        severity=e.severity,
        success=failing.empty,
        observed_value=json_safe(100 * len(failing) / total if total else 0.0),
        unexpected_count=len(failing),
        sample_rows=tuple(json_safe(row) for row in failing.head(SAMPLE_ROWS).to_dict("records")),
        unexpected_keys=tuple(json_safe(k) for k in failing[suite.key]) if suite.key in failing else (),
        source_urls=tuple(str(u) for u in urls),
    )


def _without_inputs(con: duckdb.DuckDBPyConnection, suite: Suite) -> set[str]:
    """Names of the suite's "mart empty" expectations whose inputs are empty too (so an empty mart is fine).

    An inputs query that fails counts as inputs present: the expectation then judges the mart as usual.
    """
    names = set()
    for e in suite.expectations:
        if e.inputs_sql is None:
            continue
        try:
            (count,) = con.execute(e.inputs_sql).fetchone()
        except duckdb.Error:
            continue
        if count == 0:
            names.add(e.name)
    return names


def _validate(
    df: pd.DataFrame,
    suite: Suite,
    context: Any = None,
    run_name: str | None = None,
    without_inputs: set[str] = frozenset(),
) -> list[Any]:
    """One GX validation of ``df``; returns the expectation results in the suite's order.

    An expectation named in ``without_inputs`` is an emptiness check whose inputs are empty: it is validated
    as "zero or more rows" (and noted so in the docs), since an empty mart on empty inputs is no failure.
    """
    if context is None:
        context = gx.get_context(mode="ephemeral")
        context.variables.progress_bars = ProgressBarsConfig(globally=False)
    # add_or_update: a file context keeps last run's suite, which the code may have changed since.
    source = context.data_sources.add_or_update_pandas(f"{suite.name}_source")
    asset = source.add_dataframe_asset(suite.mart)
    batch = asset.add_batch_definition_whole_dataframe("whole_dataframe")
    expectations = []
    for e in suite.expectations:
        expectation = e.expectation.copy(deep=True)
        notes = f"{e.name} ({e.severity})"
        if e.name in without_inputs:
            expectation = gx.expectations.ExpectTableRowCountToBeBetween(min_value=0)
            notes += ": its inputs are empty too, so an empty mart is expected"
        expectation.meta = {**(expectation.meta or {}), "kzuz_name": e.name, "severity": e.severity}
        expectation.notes = notes
        expectations.append(expectation)
    # Built whole, then stored once: `add_expectation` on a suite a file context already keeps re-writes
    # the stored suite after every expectation (~5 s a refresh for 95 expectations).
    gx_suite = context.suites.add_or_update(gx.ExpectationSuite(name=suite.name, expectations=expectations))
    ids = [x.id for x in gx_suite.expectations]
    validation = context.validation_definitions.add_or_update(
        gx.ValidationDefinition(name=f"{suite.name}_validation", data=batch, suite=gx_suite)
    )
    run = validation.run(
        batch_parameters={"dataframe": df},
        result_format={"result_format": "COMPLETE"},
        run_id=RunIdentifier(run_name=run_name, run_time=datetime.now(UTC)) if run_name else None,
    )
    by_id = {r.expectation_config.id: r for r in run.results}
    return [by_id[i] for i in ids]


def _expectation_result(
    name: str, check_name: str, severity: Severity, gx_result: Any, df: pd.DataFrame, key: str
) -> ExpectationResult:
    details = gx_result.result or {}
    positions = [int(i) for i in details.get("unexpected_index_list") or []]
    failing = df.iloc[positions] if positions else df.iloc[0:0]
    observed = details.get("observed_value", details.get("unexpected_percent"))
    urls = failing["source_url"].dropna().unique()[:SOURCE_URLS] if "source_url" in failing else []
    return ExpectationResult(
        name=name,
        check_name=check_name,
        severity=severity,
        success=bool(gx_result.success),
        observed_value=json_safe(observed),
        unexpected_count=int(details.get("unexpected_count") or 0),
        sample_rows=tuple(json_safe(row) for row in failing.head(SAMPLE_ROWS).to_dict("records")),
        unexpected_keys=tuple(json_safe(k) for k in failing[key]) if key in failing else (),
        error=_exception_message(gx_result.exception_info),
        source_urls=tuple(str(u) for u in urls),
    )


def _exception_message(info: Any) -> str | None:
    """GX reports exceptions either flat or per metric; return the first message, if any."""
    if not isinstance(info, dict):
        return None
    if info.get("raised_exception"):
        return str(info.get("exception_message"))
    for value in info.values():
        if isinstance(value, dict) and value.get("raised_exception"):
            return str(value.get("exception_message"))
    return None


def json_safe(value: Any) -> Any:
    """Plain JSON types from pandas/numpy values: timestamps as ISO strings, NaN/NaT as None."""
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | np.ndarray):
        return [json_safe(v) for v in value]
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, np.datetime64):
        return pd.Timestamp(value).isoformat()
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, float) and math.isinf(value):
        return str(value)
    if isinstance(value, str | int | float | bool):
        return value
    return str(value)


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def apply_quarantine(con: duckdb.DuckDBPyConnection, suite: Suite, result: SuiteResult) -> int:
    """Move the rows failing row-level expectations from the mart to ``quarantine_<mart>``; return how many.

    The quarantine table is rebuilt and the rows deleted from the mart in one transaction, so it reflects
    the mart as dbt last built it: run this once per mart build, right after the suite. When the suite read
    only the changed rows (``result.changed_rows``), a quarantined row it did not read again and that is no
    longer in the mart (an incremental mart keeps the rows of unchanged pages as they were, without it) stays.
    """
    if result.error is not None or not suite.quarantines:
        return 0  # the mart could not be read (every blocking check failed), or the suite only reports
    mart = f"{_ident(suite.schema)}.{_ident(suite.mart)}"
    quarantine = f"{_ident(suite.schema)}.{_ident(suite.quarantine_table)}"
    key = _ident(suite.key)
    reasons = result.quarantine_reasons()
    quarantined_at = datetime.now(UTC).replace(tzinfo=None)
    con.begin()
    try:
        con.execute(
            "create or replace temp table _kzuz_quarantine_reasons as "
            f"select {key} as quarantine_key, ''::varchar as quarantine_reason from {mart} limit 0"
        )
        if reasons:
            con.executemany("insert into _kzuz_quarantine_reasons values (?, ?)", list(reasons.items()))
        kept = _kept_quarantine(con, suite, result, mart, quarantine)
        con.execute(
            f"create or replace table {quarantine} as "
            "select m.*, r.quarantine_reason, ?::timestamp as quarantined_at "
            f"from {mart} as m join _kzuz_quarantine_reasons as r on m.{key} = r.quarantine_key"
            + (" union all by name select * from _kzuz_quarantine_kept" if kept else ""),
            [quarantined_at],
        )
        con.execute(f"delete from {mart} where {key} in (select quarantine_key from _kzuz_quarantine_reasons)")
        moved = con.execute(f"select count(*) from {quarantine}").fetchone()[0]
        con.execute("drop table _kzuz_quarantine_reasons")
        con.execute("drop table if exists _kzuz_quarantine_kept")
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return int(moved)


def _kept_quarantine(
    con: duckdb.DuckDBPyConnection, suite: Suite, result: SuiteResult, mart: str, quarantine: str
) -> bool:
    """Keep (in a temp table) the quarantined rows an incremental validation did not read again; True if any."""
    if result.changed_rows is None or not _table_exists(con, suite.schema, suite.quarantine_table):
        return False
    key = _ident(suite.key)
    con.execute(
        f"create or replace temp table _kzuz_quarantine_kept as select * from {quarantine} "
        f"where {key} not in (select {key} from {mart} where {key} is not null)"
        f" and not coalesce(({result.changed_rows}), false)"
    )
    return con.execute("select count(*) from _kzuz_quarantine_kept").fetchone()[0] > 0
