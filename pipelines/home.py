"""The home folder: where the archive, the warehouse files, alerts, Dagster state and docs live."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_HOME = "./data"


class HomeMissingError(FileNotFoundError):
    """The home folder (or the warehouse in it) does not exist yet."""


@dataclass(frozen=True)
class KzuzHome:
    """The home folder of one kzuz installation, and the paths in it."""

    root: Path

    @classmethod
    def resolve(cls, home: str | os.PathLike | None = None) -> KzuzHome:
        """`--home`, else $KZUZ_HOME, else ./data."""
        chosen = home or os.environ.get("KZUZ_HOME") or DEFAULT_HOME
        return cls(Path(chosen).expanduser().resolve())

    @property
    def archive(self) -> Path:
        """The raw archive of captures."""
        return self.root / "archive"

    @property
    def warehouse(self) -> Path:
        """The current warehouse, the one readers open."""
        return self.root / "warehouse.duckdb"

    @property
    def next_warehouse(self) -> Path:
        """The warehouse a refresh builds before promotion."""
        return self.root / "warehouse.next.duckdb"

    @property
    def alerts(self) -> Path:
        """The alert log (JSON lines)."""
        return self.root / "alerts.jsonl"

    @property
    def dagster_home(self) -> Path:
        """DAGSTER_HOME: the instance's storage and its dagster.yaml."""
        return self.root / "dagster"

    @property
    def docs(self) -> Path:
        """Data Docs and the GX project."""
        return self.root / "docs"

    @property
    def dbt_target(self) -> Path:
        """Dbt's target folder for this home's builds: kept between refreshes so dbt parses only what changed
        (partial parsing; a fresh folder per run, dagster-dbt's default, re-parses all ~500 nodes: ~8 s).
        """
        return self.root / "dbt-target"

    @property
    def runs(self) -> Path:
        """One JSON summary per refresh (what was new, parse errors, checks, promotion)."""
        return self.root / "runs"

    def ensure(self) -> KzuzHome:
        """Create the home's folders when missing; return the home."""
        for path in (self.root, self.archive, self.dagster_home, self.docs, self.runs):
            path.mkdir(parents=True, exist_ok=True)
        return self

    def require_warehouse(self) -> Path:
        """The current warehouse's path; HomeMissingError (saying what to run) when there is no home or warehouse."""
        if not self.root.is_dir():
            raise HomeMissingError(
                f"no kzuz home at {self.root}: run `kzuz refresh --offline` first, or pass --home / set KZUZ_HOME"
            )
        if not self.warehouse.is_file():
            raise HomeMissingError(f"no warehouse in {self.root} yet: run `kzuz refresh --offline` to build it")
        return self.warehouse
