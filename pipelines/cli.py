"""The `kzuz` command line: refresh the warehouse, import saved pages, query (more in pipelines/commands/)."""

from __future__ import annotations

import csv
import json
import os
import sys
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Annotated

import duckdb
import typer
from rich import box
from rich.console import Console
from rich.table import Table

from pipelines.home import HomeMissingError, KzuzHome
from pipelines.instance import dagster_instance

app = typer.Typer(
    help="kzuz: the Kazakhstan–Uzbekistan relations warehouse.", no_args_is_help=True, pretty_exceptions_enable=False
)
archive_app = typer.Typer(help="The raw archive of captured pages.", no_args_is_help=True)
app.add_typer(archive_app, name="archive")

err = Console(stderr=True, highlight=False)
out = Console(highlight=False, soft_wrap=False)

HomeOpt = Annotated[
    str | None, typer.Option("--home", envvar="KZUZ_HOME", help="Home folder (default ./data).", show_default=False)
]


@app.callback()
def _options(home: HomeOpt = None) -> None:
    """kzuz: the Kazakhstan–Uzbekistan relations warehouse."""
    # `kzuz --home DIR CMD`: every command reads KZUZ_HOME, and its own --home still wins.
    if home is not None:
        os.environ["KZUZ_HOME"] = home


def fail(message: str, code: int = 2) -> None:
    """Print ``message`` as kzuz's error and exit with ``code`` (2: a usage or input error)."""
    err.print(f"[bold red]kzuz:[/] {message}")
    raise typer.Exit(code)


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())


@app.command()
def refresh(
    home: HomeOpt = None,
    offline: Annotated[
        bool, typer.Option("--offline", help="Touch no network: the archive is the only input.")
    ] = False,
    only: Annotated[list[str] | None, typer.Option("--only", help="Fetch only these sites (repeatable).")] = None,
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Run dbt, the checks and promotion even when no input changed.")
    ] = False,
) -> None:
    """Fetch (unless --offline), parse, load, model, check and promote a new warehouse.

    When nothing changed since the current warehouse was built (no capture to parse; same catalog, dbt
    project and suites), dbt, the checks and promotion are skipped and the exit status is 0.
    """
    from pipelines.refresh import run_refresh  # noqa: PLC0415

    paths = KzuzHome.resolve(home).ensure()
    instance = dagster_instance(paths)
    outcome = run_refresh(paths, instance, offline=offline, only=set(only or []), console=err, rebuild=rebuild)
    raise typer.Exit(0 if outcome.promoted or outcome.unchanged else 1)


@app.command()
def backfill(
    since: Annotated[str, typer.Option("--since", help="First day to walk (YYYY-MM-DD).")],
    until: Annotated[str | None, typer.Option("--until", help="Last day (default: today).")] = None,
    site: Annotated[str | None, typer.Option("--site", help="Only this site, e.g. gazeta.uz.")] = None,
    then_refresh: Annotated[
        bool, typer.Option("--refresh/--no-refresh", help="Parse what was fetched with an offline refresh.")
    ] = True,
    home: HomeOpt = None,
) -> None:
    """Walk the sites' weekly sitemaps and feeds over a date range (resumable), then refresh offline."""
    from pipelines.fetch.live import backfill as run_backfill  # noqa: PLC0415
    from pipelines.refresh import run_refresh  # noqa: PLC0415
    from sources.archive import ArchiveStore  # noqa: PLC0415

    try:
        first = date.fromisoformat(since)
        last = date.fromisoformat(until) if until else None
    except ValueError as exc:
        fail(f"dates must be YYYY-MM-DD: {_one_line(exc)}")
    if last is not None and last < first:
        fail(f"--until {last} is before --since {first}")
    paths = KzuzHome.resolve(home).ensure()
    try:
        report = run_backfill(ArchiveStore(paths.archive), paths, first, last, site)
    except ValueError as exc:
        fail(_one_line(exc))
    for line in report.summary_lines():
        err.print(line)
    if then_refresh:
        outcome = run_refresh(paths, dagster_instance(paths), offline=True, only=set(), console=err)
        raise typer.Exit(0 if outcome.promoted or outcome.unchanged else 1)


@archive_app.command("import")
def archive_import(
    url: Annotated[str | None, typer.Argument(help="Canonical URL of the saved page.")] = None,
    file: Annotated[Path | None, typer.Argument(help="The saved page.")] = None,
    manifest: Annotated[
        Path | None, typer.Option("--manifest", help="TSV of URL, file (relative to the list), optional fetch time.")
    ] = None,
    fetched_at: Annotated[
        str | None, typer.Option("--fetched-at", help="ISO 8601 fetch time (default: the file's mtime).")
    ] = None,
    home: HomeOpt = None,
) -> None:
    """Store saved pages as captures; the next refresh parses them."""
    from sources.archive import ArchiveStore, import_file, import_manifest  # noqa: PLC0415
    from sources.archive.importer import ArchiveImportError, parse_fetched_at  # noqa: PLC0415
    from sources.catalog import UnknownHostError  # noqa: PLC0415

    paths = KzuzHome.resolve(home).ensure()
    store = ArchiveStore(paths.archive)
    if manifest is not None:
        if url or file:
            fail("give either URL FILE or --manifest LIST.tsv, not both")
        try:
            report = import_manifest(store, manifest)
        except ArchiveImportError as exc:
            fail(_one_line(exc))
        for line in report.failed:
            err.print(f"[red]failed[/] {line}")
        err.print(f"{len(report.new)} new capture(s), {len(report.unchanged)} unchanged, {len(report.failed)} failed")
        raise typer.Exit(1 if report.failed else 0)
    if not url or not file:
        fail("usage: kzuz archive import URL FILE [--fetched-at ISO8601]  |  kzuz archive import --manifest LIST.tsv")
    try:
        when = parse_fetched_at(fetched_at) if fetched_at else None
        capture, created = import_file(store, url, file, when)
    except (ArchiveImportError, UnknownHostError) as exc:
        fail(_one_line(exc))
    state = "new capture" if created else "unchanged (same content already archived)"
    err.print(f"{state}: {capture.capture_id} {capture.url} ({capture.content_length} bytes, site {capture.site})")


def _json_value(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, bytes):
        return value.hex()
    return value


def _cell(value, width: int) -> str:
    if value is None:
        return "∅"
    text = value.isoformat(sep=" ") if isinstance(value, datetime) else str(value)
    text = " ".join(text.split())
    if isinstance(value, float):
        text = f"{value:,.2f}" if abs(value) < 1e15 else f"{value:.6g}"
    return text if len(text) <= width else text[: width - 1] + "…"


@app.command()
def sql(
    query: Annotated[str, typer.Argument(help="SQL to run on the current warehouse (read-only).")],
    fmt: Annotated[str, typer.Option("--format", help="table | csv | json")] = "table",
    max_width: Annotated[int, typer.Option("--max-width", help="Widest cell shown in table format.")] = 48,
    home: HomeOpt = None,
) -> None:
    """Query the current warehouse; marts by bare name (fct_trade_flows, fct_legal_acts, ...)."""
    if fmt not in {"table", "csv", "json"}:
        fail(f"unknown format {fmt!r}: use table, csv or json")
    paths = KzuzHome.resolve(home)
    try:
        warehouse = paths.require_warehouse()
    except HomeMissingError as exc:
        fail(str(exc))
    try:
        with duckdb.connect(str(warehouse), read_only=True) as con:
            cursor = con.execute(query)
            columns = [d[0] for d in cursor.description] if cursor.description else []
            rows = cursor.fetchall() if columns else []
    except duckdb.Error as exc:
        fail(f"query failed: {_one_line(exc)}")
    if fmt == "json":
        sys.stdout.write(
            json.dumps(
                [{c: _json_value(v) for c, v in zip(columns, row, strict=True)} for row in rows], ensure_ascii=False
            )
        )
        sys.stdout.write("\n")
        return
    if fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")  # LF like the duckdb shell: shell pipelines see no \r
        writer.writerow(columns)
        writer.writerows([[_json_value(v) for v in row] for row in rows])
        return
    cells = [[_cell(v, max_width) for v in row] for row in rows]
    # Wide marts stay one line per row: the console grows to the table's natural width instead of
    # wrapping every cell (pipe to `less -S` to scroll), and long cells are cut at --max-width.
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False)
    for column in columns:
        table.add_column(column, no_wrap=True)
    for row in cells:
        table.add_row(*row)
    Console(highlight=False, width=max(80, sum(widths) + 3 * len(widths) + 4)).print(table)
    err.print(f"{len(rows)} row(s)")


def main() -> None:  # pragma: no cover - console entry point
    """The `kzuz` console script."""
    app()


def _register_command_groups() -> None:
    from pipelines.commands import register_all  # noqa: PLC0415

    register_all(app)


_register_command_groups()
