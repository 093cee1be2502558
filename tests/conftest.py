"""Shared fixtures: a fully refreshed home folder built once per test session from the bundled archive."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipelines.project import ensure_dbt_manifest

REPO = Path(__file__).resolve().parents[1]
# The build step of the tests: test modules import the code location, which reads the dbt manifest and never
# prepares it (`kzuz refresh` and `kzuz serve` do the same before they load it).
ensure_dbt_manifest()
KZUZ = str(Path(sys.executable).with_name("kzuz"))


def run_kzuz(
    *args: str, home: Path, check: bool = True, env: dict[str, str] | None = None, **kwargs
) -> subprocess.CompletedProcess:
    """`kzuz ARGS` in a subprocess with KZUZ_HOME=home (and ``env`` added); raises on failure unless check=False."""
    env = {**os.environ, "KZUZ_HOME": str(home), "COLUMNS": "200", **(env or {})}
    done = subprocess.run([KZUZ, *args], env=env, capture_output=True, text=True, **kwargs)
    if check and done.returncode != 0:
        raise AssertionError(f"kzuz {' '.join(args)} exited {done.returncode}\n{done.stdout}\n{done.stderr}")
    return done


@pytest.fixture(scope="session")
def built_home(tmp_path_factory) -> Path:
    """A home after one offline refresh of the bundled archive (read it, do not change it)."""
    home = tmp_path_factory.mktemp("home")
    run_kzuz("refresh", "--offline", home=home)
    return home


@pytest.fixture
def home_copy(built_home, tmp_path) -> Path:
    """A private copy of the built home, for tests that change it."""
    target = tmp_path / "home"
    shutil.copytree(built_home, target, ignore=shutil.ignore_patterns("*.lock"))
    return target
