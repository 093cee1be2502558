"""Resources: the only place that knows the home folder, the run mode and the dbt project."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import dagster as dg
from dagster_dbt import DbtCliResource, DbtProject

from pipelines.home import KzuzHome
from pipelines.project import DBT_PROJECT_DIR, DBT_TARGET_DIR, ensure_dbt_manifest


class KzuzSettings(dg.ConfigurableResource):
    """Home folder and run mode of a refresh."""

    home: str = os.environ.get("KZUZ_HOME", "./data")
    offline: bool = False
    only: list[str] = []  # sites to fetch; empty = all
    reparse: bool = False  # ignore the parse ledger in every run (the weekly schedule sets it per run instead)

    @property
    def paths(self) -> KzuzHome:
        return KzuzHome.resolve(self.home).ensure()


dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, target_path=DBT_TARGET_DIR, profiles_dir=DBT_PROJECT_DIR)
dbt_project.prepare_if_dev()  # only acts under `dagster dev`
ensure_dbt_manifest()  # everywhere else the manifest is prepared here, before any @dbt_assets reads it


def dbt_executable() -> str:
    """The dbt installed next to this Python (a venv's bin is not always on PATH), else PATH's."""
    beside = Path(sys.executable).with_name("dbt")
    return str(beside) if beside.exists() else (shutil.which("dbt") or "dbt")


def offline_from_env() -> bool:
    """KZUZ_OFFLINE=1 (set by `kzuz serve --offline`): scheduled and sensor runs touch no network."""
    return os.environ.get("KZUZ_OFFLINE", "").lower() in ("1", "true", "yes")


def build_resources(home: str | None = None, offline: bool = False, only: list[str] | None = None) -> dict:
    return {
        "settings": KzuzSettings(home=home or os.environ.get("KZUZ_HOME", "./data"),
                                 offline=offline or offline_from_env(),
                                 only=list(only or [])),
        "dbt": DbtCliResource(project_dir=dbt_project, dbt_executable=dbt_executable()),
    }
