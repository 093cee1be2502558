"""The dbt resource skips dagster-dbt's per-invocation `dbt --version` and adapter set-up, and a refresh
records failing dbt tests but not the passing ones (pipelines/defs/resources.py, pipelines/defs/assets.py)."""

from __future__ import annotations

import re
import subprocess

import dagster as dg
from dagster_dbt import DbtCliResource

from pipelines.defs.assets import _test_status
from pipelines.defs.resources import KzuzDbtCliResource, build_resources, dbt_executable


def test_overrides_still_name_members_of_dagster_dbt():
    # If dagster-dbt renames these, the overrides would silently stop applying.
    assert "_cli_version" in vars(DbtCliResource)
    assert callable(vars(DbtCliResource)["_initialize_dbt_core_adapter"])


def test_version_from_metadata_is_the_version_the_executable_reports():
    resource = build_resources(home="unused")["dbt"]
    assert isinstance(resource, KzuzDbtCliResource)
    reported = subprocess.run([dbt_executable(), "--version"], capture_output=True, text=True, check=True).stdout
    installed = re.search(r"installed:\s*(\d+\.\d+\.\d+)", reported).group(1)
    assert str(resource._cli_version) == installed
    assert resource._initialize_dbt_core_adapter(["build"]) is None


def _observation(unique_id: str, status: str) -> dg.AssetObservation:
    return dg.AssetObservation(asset_key="fct_trade_flows", metadata={"unique_id": unique_id, "status": status})


def test_only_test_observations_have_a_status():
    assert _test_status(_observation("test.kzuz.not_null_x.1", "pass")) == "pass"
    assert _test_status(_observation("test.kzuz.unique_x.2", "fail")) == "fail"
    assert _test_status(_observation("model.kzuz.fct_trade_flows", "success")) is None
    materialization = dg.AssetMaterialization(asset_key="x", metadata={"unique_id": "test.a", "status": "pass"})
    assert _test_status(materialization) is None
