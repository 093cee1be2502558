"""The daily and weekly refresh schedules, and the in-process executor every run uses.

Both schedules target the core `refresh` job. Crons and time zone come from the environment, read when the
code location loads: KZUZ_DAILY_CRON (default "0 6 * * *"), KZUZ_WEEKLY_CRON (default "0 3 * * 0", Sunday),
KZUZ_SCHEDULE_TZ (default Asia/Tashkent). Schedules and sensors start stopped (turn them on in the UI, or
`dagster schedule start`); KZUZ_AUTOMATION=on starts them running.

Runs execute in one process (in-process executor): the refresh is a chain of single-writer steps anyway,
each step skips a Python start-up and a manifest load, and the run can hold the home's refresh lock for its
whole life (pipelines.refresh_lock.hold_refresh_lock), so a daemon run and a CLI refresh never build NEXT together.
"""

import os

import dagster as dg

REFRESH_JOB = "refresh"
DEFAULT_DAILY_CRON = "0 6 * * *"
DEFAULT_WEEKLY_CRON = "0 3 * * 0"
DEFAULT_TZ = "Asia/Tashkent"
FULL_REPARSE_CONFIG = {"ops": {"raw_tables": {"config": {"reparse": True}}}}


def automation_status() -> dg.DefaultScheduleStatus:
    """Whether schedules start running (KZUZ_AUTOMATION=on) or stopped (the default)."""
    on = os.environ.get("KZUZ_AUTOMATION", "").lower() in ("on", "1", "true", "yes")
    return dg.DefaultScheduleStatus.RUNNING if on else dg.DefaultScheduleStatus.STOPPED


def sensor_status() -> dg.DefaultSensorStatus:
    """The sensors' default status: the same as the schedules'."""
    return dg.DefaultSensorStatus(automation_status().value)


def build_schedules() -> list[dg.ScheduleDefinition]:
    """The daily refresh and the weekly full re-parse, with crons and time zone from the environment."""
    tz = os.environ.get("KZUZ_SCHEDULE_TZ") or DEFAULT_TZ

    @dg.schedule(
        name="daily_refresh",
        cron_schedule=os.environ.get("KZUZ_DAILY_CRON") or DEFAULT_DAILY_CRON,
        execution_timezone=tz,
        job_name=REFRESH_JOB,
        default_status=automation_status(),
        description="Incremental refresh: fetch what is new, parse only new captures, rebuild and promote.",
    )
    def daily_refresh(context: dg.ScheduleEvaluationContext) -> dg.RunRequest:
        tick = context.scheduled_execution_time
        return dg.RunRequest(run_key=f"daily-{tick:%Y-%m-%d}", tags={"kzuz/trigger": "daily_refresh"})

    @dg.schedule(
        name="weekly_full_reparse",
        cron_schedule=os.environ.get("KZUZ_WEEKLY_CRON") or DEFAULT_WEEKLY_CRON,
        execution_timezone=tz,
        job_name=REFRESH_JOB,
        default_status=automation_status(),
        description="Full re-parse of the archive (parsers improve; the archive is the source of truth).",
    )
    def weekly_full_reparse(context: dg.ScheduleEvaluationContext) -> dg.RunRequest:
        tick = context.scheduled_execution_time
        return dg.RunRequest(
            run_key=f"weekly-{tick:%Y-%m-%d}",
            run_config=FULL_REPARSE_CONFIG,
            tags={"kzuz/trigger": "weekly_full_reparse", "kzuz/reparse": "all"},
        )

    return [daily_refresh, weekly_full_reparse]


defs = dg.Definitions(schedules=build_schedules(), executor=dg.in_process_executor)
