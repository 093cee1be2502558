"""The schedules request the right run at the right time (Asia/Tashkent), with crons from the environment."""

from __future__ import annotations

import importlib
from datetime import datetime
from zoneinfo import ZoneInfo

import dagster as dg

from pipelines.defs.areas import schedules

TASHKENT = ZoneInfo("Asia/Tashkent")


def _by_name(schedules):
    return {s.name: s for s in schedules}


def test_daily_schedule_requests_an_incremental_refresh_at_six_tashkent():
    daily = _by_name(schedules.build_schedules())["daily_refresh"]
    assert daily.cron_schedule == "0 6 * * *" and daily.execution_timezone == "Asia/Tashkent"
    assert daily.job_name == "refresh"
    when = datetime(2026, 3, 2, 6, 0, tzinfo=TASHKENT)
    request = daily.evaluate_tick(dg.build_schedule_context(scheduled_execution_time=when)).run_requests[0]
    assert request.run_key == "daily-2026-03-02"
    assert request.run_config == {}, "incremental: the parse ledger is honoured"
    assert request.tags["kzuz/trigger"] == "daily_refresh"
    # the next tick after 06:00 UTC+5 is the next day's 06:00 local (01:00 UTC)
    from dagster._utils.schedules import cron_string_iterator

    ticks = cron_string_iterator(
        datetime(2026, 3, 2, 7, 0, tzinfo=TASHKENT).timestamp(), daily.cron_schedule, daily.execution_timezone
    )
    assert next(ticks) == datetime(2026, 3, 3, 6, 0, tzinfo=TASHKENT)


def test_weekly_schedule_requests_a_full_reparse():
    weekly = _by_name(schedules.build_schedules())["weekly_full_reparse"]
    assert weekly.cron_schedule == "0 3 * * 0"
    when = datetime(2026, 3, 1, 3, 0, tzinfo=TASHKENT)  # a Sunday
    request = weekly.evaluate_tick(dg.build_schedule_context(scheduled_execution_time=when)).run_requests[0]
    assert request.run_config == {"ops": {"raw_tables": {"config": {"reparse": True}}}}
    assert request.tags["kzuz/reparse"] == "all"


def test_crons_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("KZUZ_DAILY_CRON", "30 4 * * *")
    monkeypatch.setenv("KZUZ_WEEKLY_CRON", "0 2 * * 6")
    built = _by_name(importlib.reload(schedules).build_schedules())
    assert built["daily_refresh"].cron_schedule == "30 4 * * *"
    assert built["weekly_full_reparse"].cron_schedule == "0 2 * * 6"
    assert built["daily_refresh"].default_status == dg.DefaultScheduleStatus.STOPPED
    monkeypatch.setenv("KZUZ_AUTOMATION", "on")
    assert schedules.build_schedules()[0].default_status == dg.DefaultScheduleStatus.RUNNING


def test_weekly_run_config_is_valid_for_the_refresh_job():
    from pipelines.definitions import defs

    job = defs.resolve_job_def("refresh")
    assert job.run_config_schema.config_type is not None
    from dagster._config import process_config

    assert process_config(job.run_config_schema.config_type, schedules.FULL_REPARSE_CONFIG).success
    site_job = defs.resolve_job_def("refresh_site")
    config = site_job.partitioned_config.get_run_config_for_partition_key("lex.uz")
    assert config["ops"]["raw_tables"]["config"] == {"reparse_sites": ["lex.uz"]}
    assert process_config(site_job.run_config_schema.config_type, config).success
