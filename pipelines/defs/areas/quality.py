"""Quality area: the run-failure sensor that alerts a failed refresh run (checks alert from their own op)."""

# no `from __future__ import annotations`: Dagster reads the context annotations at runtime

import dagster as dg

from pipelines.alerts import alert_failed_run
from pipelines.home import KzuzHome


def definitions(home: str) -> dg.Definitions:
    paths = KzuzHome.resolve(home)

    @dg.run_failure_sensor(
        name="failed_run_alerts",
        description="Alerts every failed run (unless a blocking check of that run already alerted why).",
        default_status=dg.DefaultSensorStatus.RUNNING,
    )
    def failed_run_alerts(context: dg.RunFailureSensorContext) -> None:
        failure = context.failure_event.message or "run failed"
        alert_failed_run(paths, context.dagster_run.run_id, failure.strip().splitlines()[0])

    return dg.Definitions(sensors=[failed_run_alerts])
