"""Quality area: the run-failure sensor that alerts a failed refresh run (checks alert from their own op)."""

# no `from __future__ import annotations`: Dagster reads the context annotations at runtime

import dagster as dg

from pipelines.alerts import alert_failed_run
from pipelines.defs.resources import default_home
from pipelines.home import KzuzHome
from pipelines.run_failures import run_failures


def build_failed_run_sensor(home: str) -> dg.SensorDefinition:
    """The run-failure sensor alerting into ``home``'s alerts."""
    paths = KzuzHome.resolve(home)

    @dg.run_failure_sensor(
        name="failed_run_alerts",
        description="Alerts every failed run (unless a blocking check of that run already alerted why).",
        default_status=dg.DefaultSensorStatus.RUNNING,
    )
    def failed_run_alerts(context: dg.RunFailureSensorContext) -> None:
        run_id = context.dagster_run.run_id
        events = [r.dagster_event for r in context.instance.all_logs(run_id) if r.dagster_event is not None]
        failures = run_failures(events)
        failure = " ".join((context.failure_event.message or "run failed").split())
        alert_failed_run(paths, run_id, failure, failures=failures)

    return failed_run_alerts


defs = dg.Definitions(sensors=[build_failed_run_sensor(default_home())])
