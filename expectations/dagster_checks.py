"""The thin Dagster adapter for GX 1.x suites: one multi-asset check per suite, one check per expectation.

Written by hand because ``dagster-ge`` supports only GX < 1. The check op runs the suite once, applies
the quarantine, and reports each expectation as an ``AssetCheckResult``: blocking-severity checks are
``blocking=True`` specs (a failure stops downstream assets, hence promotion), row-level failures carry
the number of rows quarantined, warn-level failures have severity WARN.

Alerting does not wait for the run to fail (open-source Dagster's run-failure sensor never sees a failed
non-blocking check): ``on_result`` is called with every suite result inside the check op, and
``docs_dir`` makes the op validate through a GX file context there; the op that stores the last of
``docs_suites`` for the run renders the Data Docs (once per run, not once per suite).
"""

import inspect  # no `from __future__ import annotations`: Dagster reads the context annotation at runtime
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import dagster as dg
import duckdb

from expectations.runner import ExpectationResult, SuiteResult, apply_quarantine, run_suite
from expectations.suite import Suite

# A zero-argument callable, or one taking the check's execution context (to reach resources).
ConnectionFactory = Callable[..., AbstractContextManager[duckdb.DuckDBPyConnection]]
# Called once per run of the suite with (the check's context, suite, result): where alerts are raised.
ResultHook = Callable[[dg.AssetCheckExecutionContext, Suite, SuiteResult], None]
# Where the GX file context of Data Docs lives: a folder, or a callable of the check's context (to reach resources).
DocsDir = Path | Callable[[dg.AssetCheckExecutionContext], Path] | None
# Given the connection, the subquery of URLs that changed in this refresh, or None when everything was rebuilt.
ChangedUrls = Callable[[duckdb.DuckDBPyConnection], str | None]


def build_suite_checks(
    suite: Suite,
    asset_key: dg.AssetKey | str | list[str],
    get_connection: ConnectionFactory,
    *,
    required_resource_keys: set[str] | None = None,
    pool: str | None = None,
    on_result: ResultHook | None = None,
    docs_dir: DocsDir = None,
    docs_suites: set[str] | None = None,
    changed_urls: ChangedUrls | None = None,
) -> dg.AssetChecksDefinition:
    """Asset checks for ``suite`` on ``asset_key``: one multi-asset check, a check result per expectation.

    ``get_connection`` yields a read-write connection to the warehouse being built (the caller owns paths and
    resources; ``pool`` serialises writers). ``changed_urls`` tells an incremental refresh from a full one:
    on an incremental one the suite validates the changed rows only (``expectations.runner.run_suite``).
    """
    key = dg.AssetKey.from_coercible(asset_key)
    specs = [
        dg.AssetCheckSpec(
            e.check_name,
            asset=key,
            description=f"{e.name} ({e.severity})",
            blocking=e.severity == "blocking",
            metadata={"severity": e.severity, "suite": suite.name},
        )
        for e in suite.expectations
    ]
    wants_context = bool(inspect.signature(get_connection).parameters)

    @dg.multi_asset_check(
        name=f"{suite.name}_expectations",
        specs=specs,
        description=f"GX suite {suite.name} over {suite.schema}.{suite.mart}",
        required_resource_keys=required_resource_keys,
        pool=pool,
    )
    def _suite_checks(context: dg.AssetCheckExecutionContext) -> Iterator[dg.AssetCheckResult]:
        connection = get_connection(context) if wants_context else get_connection()
        gx_context = None
        if docs_dir is not None:
            from expectations.docs import docs_context  # noqa: PLC0415 - a file context is slow to import

            gx_context = docs_context(docs_dir(context) if callable(docs_dir) else docs_dir)
        with connection as con:
            urls = changed_urls(con) if changed_urls is not None else None
            result = run_suite(con, suite, gx_context, context.op_execution_context.run_id, urls)
            quarantined = apply_quarantine(con, suite, result)
        _after_validation(context, suite, result, on_result, gx_context, docs_suites or {suite.name})
        context.log.info(
            "suite %s: %d rows read (%s), %d quarantined into %s",
            suite.name,
            result.row_count,
            "every row" if result.changed_rows is None else "the changed pages' rows and the quarantined ones",
            quarantined,
            suite.quarantine_table,
        )
        for r in result.results:
            yield dg.AssetCheckResult(
                asset_key=key,
                check_name=r.check_name,
                passed=r.success,
                # a row check whose rows went to quarantine did what it was designed to do: a warning, not red
                severity=dg.AssetCheckSeverity.ERROR if r.severity == "blocking" else dg.AssetCheckSeverity.WARN,
                description=r.error,
                metadata=_metadata(r, suite, result.error is None),
            )

    return _suite_checks


def _after_validation(
    context: dg.AssetCheckExecutionContext,
    suite: Suite,
    result: SuiteResult,
    on_result: ResultHook | None,
    gx_context: Any,
    docs_suites: set[str],
) -> None:
    """Alerts and docs never fail the checks: their errors are logged and the results still reported."""
    if on_result is not None:
        try:
            on_result(context, suite, result)
        except Exception:  # noqa: BLE001
            context.log.exception("alerting on suite %s failed", suite.name)
    if gx_context is not None:
        from expectations.docs import build_docs, suites_validated_in  # noqa: PLC0415

        try:
            if docs_suites <= suites_validated_in(gx_context, context.op_execution_context.run_id):
                build_docs(gx_context)
        except Exception:  # noqa: BLE001
            context.log.exception("building Data Docs after suite %s failed", suite.name)


def _metadata(r: ExpectationResult, suite: Suite, quarantine_applied: bool) -> dict[str, Any]:
    metadata: dict[str, Any] = {
        "severity": r.severity,
        "observed_value": r.observed_value,  # JSON-safe: Dagster maps lists and dicts to JSON
        "unexpected_count": r.unexpected_count,
        "sample_rows": dg.MetadataValue.json(list(r.sample_rows)),
        "source_urls": dg.MetadataValue.json(list(r.source_urls)),
    }
    if r.severity == "row" and not r.success and quarantine_applied:
        # Rows are moved by key, so every flagged row with a key is now in quarantine.
        metadata["quarantined_count"] = sum(k is not None for k in r.unexpected_keys)
        metadata["quarantine_table"] = f"{suite.schema}.{suite.quarantine_table}"
    if r.error:
        metadata["error"] = r.error
    return metadata
