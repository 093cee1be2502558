"""The Dagster adapter: one check evaluation per expectation, blocking checks gate downstream assets."""

from __future__ import annotations

from contextlib import closing

import dagster as dg
import duckdb
from dagster_duckdb import DuckDBResource

from expectations import FCT_TRADE_FLOWS
from expectations.dagster_checks import build_suite_checks


def build_defs(path, rows, load_trade_flows):
    def get_connection():
        return closing(duckdb.connect(str(path)))

    @dg.asset(name="fct_trade_flows")
    def fct_trade_flows() -> None:
        with get_connection() as con:
            load_trade_flows(con, rows)

    @dg.asset(deps=[fct_trade_flows])
    def promoted() -> None:
        """Stands in for the promotion step: must not run when a blocking check fails."""

    checks = build_suite_checks(FCT_TRADE_FLOWS, fct_trade_flows.key, get_connection)
    return [fct_trade_flows, promoted, checks]


def evaluations_by_name(result):
    return {e.check_name: e for e in result.get_asset_check_evaluations()}


def test_one_check_evaluation_per_expectation(tmp_path, trade_rows, load_trade_flows):
    result = dg.materialize(build_defs(tmp_path / "w.duckdb", trade_rows, load_trade_flows))

    evaluations = evaluations_by_name(result)
    assert set(evaluations) == {e.check_name for e in FCT_TRADE_FLOWS.expectations}
    gap = evaluations["total_differs_from_export_import"]
    assert not gap.passed
    assert gap.severity == dg.AssetCheckSeverity.WARN  # its row went to quarantine as designed: not red
    assert gap.metadata["quarantined_count"].value == 1
    assert gap.metadata["sample_rows"].value[0]["observation_id"] == "uzb-kaz-total-2019-01-01"
    assert evaluations["ytd_above_full_year"].severity == dg.AssetCheckSeverity.WARN
    assert all(evaluations[e.check_name].passed for e in FCT_TRADE_FLOWS.expectations if e.severity == "blocking")
    assert dg.AssetKey("promoted") in {e.asset_key for e in result.get_asset_materialization_events()}
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        assert con.execute("select count(*) from main.fct_trade_flows").fetchone()[0] == 11


def test_blocking_failure_stops_downstream(tmp_path, trade_rows, load_trade_flows):
    defs = build_defs(tmp_path / "w.duckdb", trade_rows + trade_rows[:1], load_trade_flows)
    result = dg.materialize(defs, raise_on_error=False)

    assert not result.success
    assert not evaluations_by_name(result)["observation_id_duplicated"].passed
    assert dg.AssetKey("fct_trade_flows") in {e.asset_key for e in result.get_asset_materialization_events()}
    materialized = {e.asset_key for e in result.get_asset_materialization_events()}
    assert dg.AssetKey("promoted") not in materialized


def test_connection_from_a_dagster_resource(tmp_path, trade_rows, load_trade_flows):
    path = tmp_path / "w.duckdb"
    with duckdb.connect(str(path)) as con:
        load_trade_flows(con, trade_rows)
    checks = build_suite_checks(
        FCT_TRADE_FLOWS,
        "fct_trade_flows",
        lambda context: context.resources.warehouse.get_connection(),
        required_resource_keys={"warehouse"},
    )
    result = dg.materialize(
        [dg.AssetSpec("fct_trade_flows"), checks],
        resources={"warehouse": DuckDBResource(database=str(path))},
        selection=dg.AssetSelection.checks_for_assets("fct_trade_flows"),
    )

    assert len(result.get_asset_check_evaluations()) == len(FCT_TRADE_FLOWS.expectations)
    with duckdb.connect(str(path), read_only=True) as con:
        assert con.execute("select count(*) from main.quarantine_fct_trade_flows").fetchone()[0] == 1


def test_the_adapter_hands_each_result_to_the_alert_hook_and_builds_docs(tmp_path, trade_rows, load_trade_flows):
    from expectations.alerting import problem_alerts  # noqa: PLC0415
    from expectations.docs import docs_index  # noqa: PLC0415

    path = tmp_path / "w.duckdb"
    with duckdb.connect(str(path)) as con:
        load_trade_flows(con, trade_rows)
    seen = []
    checks = build_suite_checks(
        FCT_TRADE_FLOWS,
        "fct_trade_flows",
        lambda: closing(duckdb.connect(str(path))),
        on_result=lambda context, suite, result: seen.append(
            (context.op_execution_context.run_id, problem_alerts(suite, result))
        ),
        docs_dir=tmp_path / "docs",
    )
    result = dg.materialize(
        [dg.AssetSpec("fct_trade_flows"), checks], selection=dg.AssetSelection.checks_for_assets("fct_trade_flows")
    )

    [(run_id, alerts)] = seen
    assert run_id == result.run_id
    problems = {a.problem for a in alerts}
    assert "failed_check:fct_trade_flows:total_differs_from_export_import" in problems
    gap = next(a for a in alerts if a.problem.endswith("total_differs_from_export_import"))
    assert gap.details["sample_rows"][0]["observation_id"] == "uzb-kaz-total-2019-01-01"
    assert gap.details["source_urls"] == ["https://www.gazeta.uz/ru/2022/01/07/kaz-uzb/"]
    assert "fct_trade_flows" in docs_index(tmp_path / "docs").read_text(encoding="utf-8")
