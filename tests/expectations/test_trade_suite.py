"""The fct_trade_flows suite on the bundled Uzbek trade table: what blocks, what is quarantined, what warns."""

from __future__ import annotations

import json

import pytest

from expectations import FCT_TRADE_FLOWS, apply_quarantine, blocking_failures, run_suite

TOTAL_GAP = "total differs from export + import"
TOTAL_2018 = "uzb-kaz-total-2018-01-01"
TOTAL_2019 = "uzb-kaz-total-2019-01-01"
EXPORT_2020 = "uzb-kaz-export-2020-01-01"
YTD_TOTAL_2021 = "uzb-kaz-total-2021-01-01"


def check(con):
    result = run_suite(con, FCT_TRADE_FLOWS)
    return result, apply_quarantine(con, FCT_TRADE_FLOWS, result)


def by_name(result, name):
    return next(r for r in result.results if r.name == name)


def quarantine(con) -> dict[str, str]:
    rows = con.execute("select observation_id, quarantine_reason from main.quarantine_fct_trade_flows")
    return dict(rows.fetchall())


def mart_ids(con) -> set[str]:
    return {r[0] for r in con.execute("select observation_id from main.fct_trade_flows").fetchall()}


COLUMNS = (
    "observation_id",
    "reporter_iso3",
    "partner_iso3",
    "flow",
    "period_start",
    "period_end",
    "period_type",
    "value_usd",
)  # the leading columns of a fixture row, enough to break it


def changed(row, **changes):
    return tuple(changes.get(c, v) for c, v in zip(COLUMNS, row, strict=False)) + row[len(COLUMNS) :]


def replace_row(rows, key, **changes):
    return [changed(row, **changes) if row[0] == key else row for row in rows]


def test_only_the_garbled_2019_total_is_quarantined(warehouse):
    result, moved = check(warehouse)

    assert blocking_failures(result) == []
    assert moved == 1
    reasons = quarantine(warehouse)
    assert list(reasons) == [TOTAL_2019]
    assert TOTAL_GAP in reasons[TOTAL_2019].split("; ")
    assert by_name(result, TOTAL_GAP).unexpected_keys == (TOTAL_2019,)
    # 2 920 against 1 352 + 1 567 = 2 919 is rounding, not an error.
    assert TOTAL_2018 in mart_ids(warehouse)
    assert len(mart_ids(warehouse)) == 11


def test_quarantine_keeps_the_mart_columns_and_adds_reason_and_time(warehouse):
    check(warehouse)
    mart = [c[0] for c in warehouse.execute("describe main.fct_trade_flows").fetchall()]
    quarantined = {c[0]: c[1] for c in warehouse.execute("describe main.quarantine_fct_trade_flows").fetchall()}
    assert list(quarantined)[: len(mart)] == mart
    assert quarantined["quarantine_reason"] == "VARCHAR"
    assert quarantined["quarantined_at"] == "TIMESTAMP"


def test_results_report_samples_and_keys_as_json(warehouse):
    result, _ = check(warehouse)
    gap = by_name(result, TOTAL_GAP)
    assert (gap.severity, gap.success, gap.unexpected_count) == ("row", False, 1)
    assert gap.sample_rows[0]["observation_id"] == TOTAL_2019
    assert gap.sample_rows[0]["total_gap_pct"] > 0.5
    json.dumps([r.__dict__ for r in result.results])  # every value is JSON-safe


def test_duplicated_key_is_a_blocking_failure(warehouse, trade_rows, load_trade_flows):
    load_trade_flows(warehouse, trade_rows + [trade_rows[0]])
    result = run_suite(warehouse, FCT_TRADE_FLOWS)
    assert [r.name for r in blocking_failures(result)] == ["observation_id duplicated"]


def test_null_key_and_empty_mart_are_blocking(warehouse, trade_rows, load_trade_flows):
    load_trade_flows(warehouse, replace_row(trade_rows, TOTAL_2018, observation_id=None))
    assert [r.name for r in blocking_failures(run_suite(warehouse, FCT_TRADE_FLOWS))] == ["observation_id null"]
    load_trade_flows(warehouse, [])
    assert [r.name for r in blocking_failures(run_suite(warehouse, FCT_TRADE_FLOWS))] == ["mart empty"]


def test_empty_mart_blocks_only_when_its_inputs_are_not_empty(warehouse, trade_rows, load_trade_flows):
    """Every page unreadable empties the inputs too: that is the pages' problem (parse_errors), not ours."""
    load_trade_flows(warehouse, [])
    warehouse.execute("create schema intermediate")
    warehouse.execute("create table intermediate.int_trade_observations (observation_id varchar)")
    result = run_suite(warehouse, FCT_TRADE_FLOWS)
    assert blocking_failures(result) == []
    (empty,) = [r for r in result.results if r.name == "mart empty"]
    assert empty.success and empty.observed_value == 0

    warehouse.execute("insert into intermediate.int_trade_observations values ('uzb-kaz-total-2018-01-01')")
    assert [r.name for r in blocking_failures(run_suite(warehouse, FCT_TRADE_FLOWS))] == ["mart empty"]


def test_missing_column_or_mart_is_blocking(warehouse):
    warehouse.execute("alter table main.fct_trade_flows drop column evidence_kind")
    assert "mart columns missing" in [r.name for r in blocking_failures(run_suite(warehouse, FCT_TRADE_FLOWS))]

    warehouse.execute("drop table main.fct_trade_flows")
    result = run_suite(warehouse, FCT_TRADE_FLOWS)
    assert result.error is not None
    assert len(blocking_failures(result)) == 4
    assert apply_quarantine(warehouse, FCT_TRADE_FLOWS, result) == 0


def test_negative_value_is_quarantined(warehouse, trade_rows, load_trade_flows):
    load_trade_flows(warehouse, replace_row(trade_rows, EXPORT_2020, value_usd=-908e6))
    result, _ = check(warehouse)
    assert blocking_failures(result) == []
    assert "value_usd out of range (0, 1e12)" in quarantine(warehouse)[EXPORT_2020].split("; ")
    assert EXPORT_2020 not in mart_ids(warehouse)


def test_future_or_inverted_period_is_quarantined(warehouse, trade_rows, load_trade_flows):
    rows = replace_row(trade_rows, EXPORT_2020, period_end="2999-12-31")
    rows = replace_row(rows, TOTAL_2018, period_end="2017-12-31")
    load_trade_flows(warehouse, rows)
    check(warehouse)
    reasons = quarantine(warehouse)
    assert "period_end in the future" in reasons[EXPORT_2020]
    assert "period_end before period_start" in reasons[TOTAL_2018]


def test_unknown_flow_is_quarantined(warehouse, trade_rows, load_trade_flows):
    load_trade_flows(warehouse, replace_row(trade_rows, EXPORT_2020, flow="re-export"))
    check(warehouse)
    assert "flow not in accepted set" in quarantine(warehouse)[EXPORT_2020]


def test_ytd_above_full_year_only_warns(warehouse, trade_rows, load_trade_flows):
    ytd_total = next(row for row in trade_rows if row[0] == YTD_TOTAL_2021)
    full_2021 = changed(
        ytd_total, observation_id="full-2021", period_end="2021-12-31", period_type="year", value_usd=1e9
    )
    load_trade_flows(warehouse, trade_rows + [full_2021])
    result, _ = check(warehouse)
    ytd = by_name(result, "ytd above full year")
    assert (ytd.severity, ytd.success) == ("warn", False)
    assert ytd.unexpected_keys == (YTD_TOTAL_2021,)
    assert YTD_TOTAL_2021 in mart_ids(warehouse)


def test_quarantine_is_rebuilt_after_the_row_is_fixed(warehouse, trade_rows, load_trade_flows):
    check(warehouse)
    assert list(quarantine(warehouse)) == [TOTAL_2019]

    load_trade_flows(warehouse, replace_row(trade_rows, TOTAL_2019, value_usd=3_335e6))
    result, moved = check(warehouse)

    assert result.success
    assert moved == 0
    assert quarantine(warehouse) == {}
    assert len(mart_ids(warehouse)) == 12


@pytest.mark.parametrize("severity", ["blocking", "row", "warn"])
def test_every_severity_is_used(severity):
    assert any(e.severity == severity for e in FCT_TRADE_FLOWS.expectations)
