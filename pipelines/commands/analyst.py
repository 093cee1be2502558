"""Analyst commands: `kzuz export DIR` (every mart as Parquet) and `kzuz docs` (dbt docs into the home folder).

Both read the current warehouse only: export opens it read-only; docs runs dbt against a throwaway copy, so
neither ever blocks or changes what a refresh promotes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import webbrowser
from pathlib import Path
from typing import Annotated

import duckdb
import typer
from rich.console import Console
from rich.table import Table

from pipelines.home import HomeMissingError, KzuzHome
from pipelines.project import DBT_PROJECT_DIR

HomeOpt = Annotated[
    str | None, typer.Option("--home", envvar="KZUZ_HOME", help="Home folder (default ./data).", show_default=False)
]

err = Console(stderr=True, highlight=False)
out = Console(highlight=False)


def _warehouse(home: str | None) -> tuple[KzuzHome, Path]:
    paths = KzuzHome.resolve(home)
    try:
        return paths, paths.require_warehouse()
    except HomeMissingError as exc:
        err.print(f"[bold red]kzuz:[/] {exc}")
        raise typer.Exit(2) from None


def mart_names(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every relation of schema main: the marts (tables and views) and the quarantine tables beside them."""
    rows = con.execute(
        "select table_name from information_schema.tables "
        "where table_schema = 'main' and table_catalog = current_database() order by table_name"
    ).fetchall()
    return [name for (name,) in rows]


def export_marts(warehouse: Path, target: Path) -> list[tuple[str, int, Path]]:
    """Write each mart of `warehouse` to `target`/<mart>.parquet; returns (mart, rows, file) per mart."""
    target.mkdir(parents=True, exist_ok=True)
    written = []
    with duckdb.connect(str(warehouse), read_only=True) as con:
        for name in mart_names(con):
            path = target / f"{name}.parquet"
            quoted_path = str(path).replace("'", "''")
            con.execute(f"copy (select * from main.\"{name}\") to '{quoted_path}' (format parquet, compression zstd)")
            rows = con.execute(f'select count(*) from main."{name}"').fetchone()[0]
            written.append((name, rows, path))
    return written


def _dbt_executable() -> str:
    beside = Path(sys.executable).with_name("dbt")
    return str(beside) if beside.exists() else (shutil.which("dbt") or "dbt")


def register(app: typer.Typer) -> None:
    """Add the analyst's commands (export, ...) to ``app``."""

    @app.command()
    def export(
        directory: Annotated[Path, typer.Argument(help="Folder to write <mart>.parquet files into (created).")],
        home: HomeOpt = None,
    ) -> None:
        """Write every mart (and quarantine table) of the current warehouse as Parquet, one file each."""
        _, warehouse = _warehouse(home)
        try:
            written = export_marts(warehouse, directory)
        except (duckdb.Error, OSError) as exc:
            err.print(f"[bold red]kzuz:[/] export failed: {' '.join(str(exc).split())}")
            raise typer.Exit(1) from None
        table = Table(header_style="bold")
        for column in ("mart", "rows", "file"):
            table.add_column(column, justify="right" if column == "rows" else "left")
        for name, rows, path in written:
            table.add_row(name, f"{rows:,}", str(path))
        out.print(table)
        err.print(f"{len(written)} mart(s), {sum(r for _, r, _ in written):,} row(s) written to {directory.resolve()}")

    @app.command()
    def docs(
        no_open: Annotated[bool, typer.Option("--no-open", help="Generate only; do not open a browser.")] = False,
        home: HomeOpt = None,
    ) -> None:
        """Generate the dbt docs of the current warehouse into HOME/docs/dbt and open them in a browser."""
        paths, warehouse = _warehouse(home)
        target = paths.docs / "dbt"
        target.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix="kzuz-docs-") as scratch:
            # dbt opens its warehouse for writing: give it a copy, never the file readers are using.
            copy = Path(scratch) / "warehouse.duckdb"
            shutil.copyfile(warehouse, copy)
            env = {
                **os.environ,
                "KZUZ_WAREHOUSE_PATH": str(copy),
                "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
                "DBT_USE_COLORS": "false",
            }
            command = [
                _dbt_executable(),
                "docs",
                "generate",
                "--static",
                "--project-dir",
                str(DBT_PROJECT_DIR),
                "--profiles-dir",
                str(DBT_PROJECT_DIR),
                "--target-path",
                str(target),
                "--log-path",
                str(Path(scratch) / "logs"),
            ]
            done = subprocess.run(command, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            err.print(done.stdout[-4000:] + done.stderr[-2000:])
            err.print("[bold red]kzuz:[/] dbt docs generate failed")
            raise typer.Exit(1)
        index = target / "index.html"
        # static_index.html embeds the manifest and catalog, so it works from file:// without a server.
        page = target / "static_index.html"
        page = page if page.exists() else index
        out.print(str(index))
        if not no_open:
            webbrowser.open(page.resolve().as_uri())
