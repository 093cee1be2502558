"""Asset checks on the NEXT warehouse after dbt builds it: the GX suites of expectations/ and the yield signal.

Every failed check raises its alerts from inside the check op (alerts.jsonl, webhook, e-mail), once per
problem and run, and each suite run rebuilds the GX Data Docs in HOME/docs/gx.
"""

# no `from __future__ import annotations`: Dagster reads the context annotations at runtime

from collections.abc import Iterator
from contextlib import contextmanager

import dagster as dg
import duckdb

from expectations.alerting import problem_alerts
from expectations.dagster_checks import build_suite_checks
from expectations.runner import SuiteResult
from expectations.source_yield import compare_and_update
from expectations.suite import Suite
from expectations.suites import all_suites
from pipelines.alerts import Alert, send_alert
from pipelines.defs.resources import WRITER_POOL
from pipelines.home import KzuzHome
from pipelines.load import CHANGES_TABLE, full_rebuild_recorded
from pipelines.warehouse import writer_config


def yield_baseline_path(paths: KzuzHome):
    """Where the source-yield baseline of ``paths`` is kept."""
    return paths.root / "state" / "yield_baseline.json"


def raise_suite_alerts(paths: KzuzHome, suite: Suite, result: SuiteResult, run_id: str) -> int:
    """Send the alerts a suite's result raises into the home's alerts; return how many were sent."""
    sent = 0
    for a in problem_alerts(suite, result):
        alert = Alert(
            kind=a.kind, summary=a.summary, severity=a.severity, run_id=run_id, details=a.details, problem=a.problem
        )
        sent += send_alert(paths.alerts, alert)
    return sent


def _paths(context: dg.AssetCheckExecutionContext) -> KzuzHome:
    """The home of the run being checked (the `settings` resource, which a run's config may point elsewhere)."""
    return context.resources.settings.paths


@contextmanager
def _next_warehouse(context: dg.AssetCheckExecutionContext) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-write connection to the warehouse this run is building (NEXT)."""
    con = duckdb.connect(str(_paths(context).next_warehouse), config=writer_config())
    try:
        yield con
    finally:
        con.close()


def _changed_urls(con: duckdb.DuckDBPyConnection) -> str | None:
    """The URLs this refresh changed, as a subquery for the suites; None when dbt rebuilt everything."""
    return None if full_rebuild_recorded(con) else f"(select source_url from {CHANGES_TABLE})"


def _on_result(context: dg.AssetCheckExecutionContext, suite: Suite, result: SuiteResult) -> None:
    raise_suite_alerts(_paths(context), suite, result, context.op_execution_context.run_id)


def build_checks() -> list[dg.AssetChecksDefinition]:
    """A multi-asset check per GX suite on its mart, and the source-yield check on dim_documents."""
    suites = all_suites()
    names = {suite.name for suite in suites}
    suite_checks = [
        build_suite_checks(
            suite,
            dg.AssetKey(suite.mart),
            _next_warehouse,
            required_resource_keys={"settings"},
            pool=WRITER_POOL,
            on_result=_on_result,
            docs_dir=lambda context: _paths(context).docs,
            docs_suites=names,
            changed_urls=_changed_urls,
        )
        for suite in suites
    ]

    @dg.asset_check(
        asset=dg.AssetKey("dim_documents"),
        name="source_yield",
        description="Records a page per site and layout against the previous run's baseline (structure change).",
        pool=WRITER_POOL,
        required_resource_keys={"settings"},
    )
    def source_yield(context: dg.AssetCheckExecutionContext) -> dg.AssetCheckResult:
        paths = _paths(context)
        with _next_warehouse(context) as con:
            signals, captures = compare_and_update(con, yield_baseline_path(paths))
        for s in signals:
            urls = list(s.source_urls) or [c["source_url"] for c in captures if c["site"] == s.site]
            send_alert(
                paths.alerts,
                Alert(
                    kind="yield_drop",
                    severity="warn",
                    summary=s.message,
                    run_id=context.op_execution_context.run_id,
                    problem=f"yield_drop:{s.site}:{s.layout}",
                    details={
                        "mart": "dim_documents",
                        "expectation": "source_yield",
                        "site": s.site,
                        "layout": s.layout,
                        "signal": s.kind,
                        "observed_value": s.median_records,
                        "baseline": s.baseline,
                        "pages": s.pages,
                        "source_urls": urls[:20],
                        "sample_rows": [c for c in captures if c["site"] == s.site][:5],
                    },
                ),
            )
        return dg.AssetCheckResult(
            passed=not signals,
            severity=dg.AssetCheckSeverity.WARN,
            metadata={
                "signals": dg.MetadataValue.json([s.message for s in signals]),
                "pages": len(captures),
                "baseline": str(yield_baseline_path(paths)),
            },
        )

    return [*suite_checks, source_yield]
