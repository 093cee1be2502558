"""Resources: the only place that knows the home folder, the run mode and the dbt project."""

from __future__ import annotations

import os
import shutil
import sys
from functools import cached_property
from importlib import metadata
from pathlib import Path

import dagster as dg
from dagster_dbt import DbtCliResource, DbtProject
from packaging import version

from pipelines.home import KzuzHome
from pipelines.project import DBT_PROJECT_DIR, DBT_TARGET_DIR

# The one pool every step that writes the NEXT warehouse claims (DuckDB allows one writer per file); its
# limit of 1 is set in dagster.yaml.
WRITER_POOL = "duckdb_writer"


class KzuzSettings(dg.ConfigurableResource):
    """Home folder and run mode of a refresh."""

    home: str = os.environ.get("KZUZ_HOME", "./data")  # a run overrides it: resources.settings.config
    offline: bool = False
    only: list[str] = []  # sites to fetch; empty = all
    reparse: bool = False  # ignore the parse ledger in every run (the weekly schedule sets it per run instead)

    @property
    def paths(self) -> KzuzHome:
        """The home folder, created when missing."""
        return KzuzHome.resolve(self.home).ensure()


dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, target_path=DBT_TARGET_DIR, profiles_dir=DBT_PROJECT_DIR)
dbt_project.prepare_if_dev()  # only acts under `dagster dev`; everywhere else the build prepares it:
# `kzuz refresh` and `kzuz serve` call pipelines.project.ensure_dbt_manifest before loading this code location,
# and so does tests/conftest.py. Loading it never runs dbt.
if not dbt_project.manifest_path.exists():
    raise RuntimeError(
        f"the dbt manifest {dbt_project.manifest_path} is missing: `kzuz refresh` prepares it, or run "
        "`dbt parse --project-dir dbt_project --profiles-dir dbt_project` (under `dagster dev` it is prepared for you)"
    )


def dbt_executable() -> str:
    """The dbt installed next to this Python (a venv's bin is not always on PATH), else PATH's."""
    beside = Path(sys.executable).with_name("dbt")
    return str(beside) if beside.exists() else (shutil.which("dbt") or "dbt")


class KzuzDbtCliResource(DbtCliResource):
    """dagster-dbt's dbt CLI resource without two costs per `dbt build` that kzuz never uses.

    Before each invocation dagster-dbt runs `dbt --version` in a subprocess (~1.5 s) to learn whether the
    executable is dbt Core or Fusion, then loads dbt's macros into an in-process adapter (~3-5 s) that only
    serves `fetch_row_counts()` / `fetch_column_metadata()`. The executable is the dbt-core installed beside
    this Python (`dbt_executable`, pinned in pyproject.toml), so its version is read from the package
    metadata, and no adapter is built: dagster-dbt treats a missing adapter as "no metadata fetching".
    These override private members of dagster-dbt 0.29; tests/test_dbt_resource.py pins the
    behaviour so an upgrade that renames them fails a test instead of silently paying the cost again.
    """

    @cached_property
    def _cli_version(self) -> version.Version:
        return version.parse(metadata.version("dbt-core"))

    def _initialize_dbt_core_adapter(self, args):  # noqa: ANN001, ANN202 - dagster-dbt's private signature
        return None


def offline_from_env() -> bool:
    """KZUZ_OFFLINE=1 (set by `kzuz serve --offline`): scheduled and sensor runs touch no network."""
    return os.environ.get("KZUZ_OFFLINE", "").lower() in ("1", "true", "yes")


def default_home() -> str:
    """The home of this code location's schedules and sensors: KZUZ_HOME (set by `kzuz serve`), else ./data."""
    return os.environ.get("KZUZ_HOME", "./data")


def settings_run_config(home: str, offline: bool, only: list[str]) -> dict:
    """The run config that points one run of the module-level definitions at ``home`` (how `kzuz refresh` runs)."""
    return {"resources": {"settings": {"config": {"home": home, "offline": offline, "only": list(only)}}}}


def build_resources(home: str | None = None, offline: bool = False, only: list[str] | None = None) -> dict:
    """The code location's resources; a run may override ``settings`` through its run config."""
    return {
        "settings": KzuzSettings(
            home=home or default_home(),
            offline=offline or offline_from_env(),
            only=list(only or []),
        ),
        "dbt": KzuzDbtCliResource(project_dir=dbt_project, dbt_executable=dbt_executable()),
    }
