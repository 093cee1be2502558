"""Every suite on the warehouse built from the bundled archive: only the garbled 2019 total is quarantined."""

from __future__ import annotations

import duckdb

from expectations.runner import run_suite
from expectations.source_yield import compare_and_update, load_baseline
from expectations.suites import all_suites
from pipelines.alerts import read_alerts


def test_all_suites_pass_on_the_promoted_bundled_warehouse(built_home):
    with duckdb.connect(str(built_home / "warehouse.duckdb"), read_only=True) as con:
        failed = {
            (s.name, r.name): r.error or r.observed_value
            for s in all_suites()
            for r in run_suite(con, s).results
            if not r.success
        }
        quarantined = con.execute(
            "select flow, year(period_start), quarantine_reason from quarantine_fct_trade_flows"
        ).fetchall()
    assert failed == {}
    assert len(quarantined) == 1
    flow, year, reason = quarantined[0]
    assert (flow, year) == ("total", 2019)
    assert "total differs from export + import" in reason


def test_the_refresh_alerted_the_garbled_total_and_nothing_unexpected(built_home):
    problems = [a["problem"] for a in read_alerts(built_home / "alerts.jsonl") if a.get("problem")]
    assert "failed_check:fct_trade_flows:total_differs_from_export_import" in problems
    assert all(p.startswith("failed_check:fct_trade_flows:") for p in problems), problems


def test_yield_baseline_is_kept_in_the_home_and_a_rerun_signals_nothing(built_home, tmp_path):
    stored = built_home / "state" / "yield_baseline.json"
    assert load_baseline(stored)[("lex.uz", "divCont")] > 0
    copy = tmp_path / "baseline.json"
    copy.write_bytes(stored.read_bytes())
    with duckdb.connect(str(built_home / "warehouse.duckdb"), read_only=True) as con:
        signals, captures = compare_and_update(con, copy)
    assert signals == []
    assert len(captures) == 16
