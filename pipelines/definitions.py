"""The kzuz Dagster code location: one module-level ``defs``, the core graph merged with each area's.

The core graph (archive -> raw tables -> dbt -> checks -> promotion) lives in pipelines/defs/; schedules,
sensors, partitioned jobs and the report asset in pipelines/defs/areas/ (``AREAS``). Nothing is rebuilt per
run: a run picks its home, offline mode and sites through the ``settings`` resource's run config
(``pipelines.defs.resources.settings_run_config``), as `kzuz refresh` does; schedules and sensors use the
defaults (KZUZ_HOME, KZUZ_OFFLINE). Loading this module never runs dbt: the manifest is prepared by the build.
"""

from __future__ import annotations

import dagster as dg

from pipelines.defs.areas import AREAS
from pipelines.defs.assets import archive_captures, dbt_models, raw_tables, warehouse
from pipelines.defs.checks import build_checks
from pipelines.defs.resources import build_resources

refresh_job = dg.define_asset_job(
    "refresh",
    selection=dg.AssetSelection.all(include_sources=False),
    description="Fetch (unless offline), parse, load, dbt build, check, promote.",
)


def _core() -> dg.Definitions:
    # built in a function: a code server refuses a module with two Definitions objects at its top level
    return dg.Definitions(
        assets=[archive_captures, raw_tables, dbt_models, warehouse],
        asset_checks=build_checks(),
        jobs=[refresh_job],
        resources=build_resources(),
    )


defs = dg.Definitions.merge(_core(), *AREAS)
