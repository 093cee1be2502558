"""The Dagster instance of a kzuz home: HOME/dagster, configured by the project's dagster.yaml."""

from __future__ import annotations

import os
import shutil

from pipelines.home import KzuzHome
from pipelines.project import DAGSTER_YAML


def dagster_instance(home: KzuzHome):
    """The Dagster instance living in ``home``, with the project's dagster.yaml copied in when it changed.

    Sets DAGSTER_HOME for this process, so runs and sensors started from it find the same instance.
    """
    from dagster import DagsterInstance  # noqa: PLC0415 - imported on use: keeps `kzuz sql` fast

    home.dagster_home.mkdir(parents=True, exist_ok=True)
    target = home.dagster_home / "dagster.yaml"
    if not target.exists() or target.read_bytes() != DAGSTER_YAML.read_bytes():
        shutil.copyfile(DAGSTER_YAML, target)
    os.environ["DAGSTER_HOME"] = str(home.dagster_home)
    return DagsterInstance.get()
