"""The kzuz Dagster code location: assets from raw captures to marts, checks, jobs and resources."""

from __future__ import annotations

import os

import dagster as dg

from pipelines.project import ensure_dbt_manifest

ensure_dbt_manifest()

from pipelines.defs.areas import area_definitions  # noqa: E402
from pipelines.defs.assets import archive_captures, dbt_models, raw_tables, warehouse  # noqa: E402
from pipelines.defs.checks import build_checks  # noqa: E402
from pipelines.defs.resources import build_resources  # noqa: E402

refresh_job = dg.define_asset_job(
    "refresh",
    selection=dg.AssetSelection.all(include_sources=False),
    description="Fetch (unless offline), parse, load, dbt build, check, promote.",
)


def build_definitions(home: str | None = None, offline: bool = False, only: list[str] | None = None) -> dg.Definitions:
    """The core graph merged with each area's definitions (modules of pipelines/defs/areas/)."""
    home = home or os.environ.get("KZUZ_HOME", "./data")
    core = dg.Definitions(
        assets=[archive_captures, raw_tables, dbt_models, warehouse],
        asset_checks=build_checks(home),
        jobs=[refresh_job],
        resources=build_resources(home=home, offline=offline, only=only),
    )
    return dg.Definitions.merge(core, *area_definitions(home))


defs = build_definitions()
