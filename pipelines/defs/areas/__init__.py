"""Each area's definitions (schedules, sensors, partitioned jobs, the report), merged into the code location.

The core graph (captures -> raw -> dbt -> promotion) lives in pipelines/defs/assets.py; every module here
holds one area as a module-level ``defs`` and is listed in ``AREAS``.
"""

from __future__ import annotations

from pipelines.defs.areas import (
    discovery_sensor,
    failed_run_sensor,
    freshness_sensor,
    partitioned_jobs,
    report,
    schedules,
)

AREAS = (
    discovery_sensor.defs,
    failed_run_sensor.defs,
    freshness_sensor.defs,
    partitioned_jobs.defs,
    report.defs,
    schedules.defs,
)
