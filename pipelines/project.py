"""Where the project's own files are (dbt project, bundled archive, dagster.yaml) and the dbt manifest."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DBT_PROJECT_DIR = REPO / "dbt_project"
DBT_TARGET_DIR = DBT_PROJECT_DIR / "target"
BUNDLED_MANIFEST = REPO / "sources" / "bundled" / "manifest.tsv"
DAGSTER_YAML = REPO / "dagster.yaml"


def _newest_source_mtime() -> float:
    newest = 0.0
    for sub in ("models", "macros", "tests", "seeds"):
        for path in (DBT_PROJECT_DIR / sub).rglob("*"):
            if path.is_file():
                newest = max(newest, path.stat().st_mtime)
    for name in ("dbt_project.yml", "profiles.yml"):
        newest = max(newest, (DBT_PROJECT_DIR / name).stat().st_mtime)
    return newest


def ensure_dbt_manifest() -> Path:
    """Run `dbt parse` when the manifest is missing or older than the project's files.

    Outside `dagster dev`, DbtProject.prepare_if_dev() does nothing, so the manifest Dagster loads must be
    prepared here (the build's job, never committed).
    """
    manifest = DBT_TARGET_DIR / "manifest.json"
    if manifest.exists() and manifest.stat().st_mtime >= _newest_source_mtime():
        return manifest
    env = {**os.environ}
    env.setdefault("KZUZ_WAREHOUSE_PATH", str(DBT_TARGET_DIR / "parse-only.duckdb"))
    dbt = Path(sys.executable).with_name("dbt")
    cmd = [
        str(dbt) if dbt.exists() else "dbt",
        "parse",
        "--project-dir",
        str(DBT_PROJECT_DIR),
        "--profiles-dir",
        str(DBT_PROJECT_DIR),
        "--target-path",
        str(DBT_TARGET_DIR),
        "--quiet",
    ]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"dbt parse failed:\n{done.stdout}\n{done.stderr}")
    return manifest
