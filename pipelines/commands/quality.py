"""Quality commands: `kzuz check` (all suites on the current warehouse, read-only) and `kzuz alerts`."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

import duckdb
import typer
from rich.console import Console
from rich.table import Table

from pipelines.home import HomeMissingError, KzuzHome

HomeOpt = Annotated[
    str | None, typer.Option("--home", envvar="KZUZ_HOME", help="Home folder (default ./data).", show_default=False)
]
err = Console(stderr=True, highlight=False)
out = Console(highlight=False, soft_wrap=False, width=200)


def _fail(message: str, code: int = 2) -> None:
    err.print(f"[bold red]kzuz:[/] {message}")
    raise typer.Exit(code)


def _short(value, width: int = 40) -> str:
    text = "" if value is None else " ".join(str(value).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def check(
    home: HomeOpt = None,
    docs: Annotated[bool, typer.Option("--docs/--no-docs", help="Rebuild the Data Docs in HOME/docs/gx.")] = True,
) -> None:
    """Run every expectation suite on the current warehouse (read-only); exit 1 on any failure."""
    from expectations.runner import run_suite  # noqa: PLC0415 - GX is slow to import
    from expectations.suites import all_suites  # noqa: PLC0415

    paths = KzuzHome.resolve(home)
    try:
        warehouse = paths.require_warehouse()
    except HomeMissingError as exc:
        _fail(str(exc))
    context = None
    if docs:
        from expectations.docs import docs_context  # noqa: PLC0415

        context = docs_context(paths.docs)
    table = Table(header_style="bold")
    for column in ("suite", "expectation", "severity", "result", "unexpected", "observed"):
        table.add_column(column)
    failed = 0
    with duckdb.connect(str(warehouse), read_only=True) as con:
        for suite in all_suites():
            result = run_suite(con, suite, context)
            for item in result.results:
                ok = item.success
                failed += not ok
                table.add_row(
                    suite.name,
                    item.name,
                    item.severity,
                    "[green]pass[/]" if ok else "[red]FAIL[/]",
                    str(item.unexpected_count or 0),
                    _short(item.error or item.observed_value),
                )
    out.print(table)
    if context is not None:
        from expectations.docs import build_docs  # noqa: PLC0415

        err.print(f"data docs: {build_docs(context)}")
    err.print(f"{failed} failed expectation(s)")
    raise typer.Exit(1 if failed else 0)


def alerts(
    since: Annotated[str | None, typer.Option("--since", help="ISO date or time, e.g. 2026-11-01.")] = None,
    home: HomeOpt = None,
) -> None:
    """List recent alerts (newest last)."""
    from pipelines.alerts import read_alerts  # noqa: PLC0415

    paths = KzuzHome.resolve(home)
    when = None
    if since:
        try:
            when = datetime.fromisoformat(since)
        except ValueError:
            _fail(f"--since {since!r} is not an ISO date or time")
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
    items = read_alerts(paths.alerts, when)
    table = Table(header_style="bold")
    for column in ("at", "kind", "severity", "summary"):
        table.add_column(column, overflow="fold")
    for item in items:
        table.add_row(item["at"], item["kind"], item["severity"], item["summary"])
    out.print(table)
    err.print(f"{len(items)} alert(s) in {paths.alerts}")


def register(app: typer.Typer) -> None:
    """Add `kzuz check` and `kzuz alerts` to ``app``."""
    app.command()(check)
    app.command()(alerts)
