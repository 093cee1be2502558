"""`kzuz report`: render the analyst's report (HOME/report/index.html and charts) from the current warehouse."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from pipelines.home import KzuzHome

err = Console(stderr=True, highlight=False, soft_wrap=True)


def report(
    home: Annotated[
        str | None, typer.Option("--home", envvar="KZUZ_HOME", help="Home folder (default ./data).", show_default=False)
    ] = None,
    open_browser: Annotated[
        bool, typer.Option("--open/--no-open", help="Open the report in the default browser when written.")
    ] = False,
) -> None:
    """Write a self-contained HTML report with charts (HOME/report/index.html); prints its path."""
    from pipelines.report import build_report  # noqa: PLC0415 - matplotlib loads only for this command

    paths = KzuzHome.resolve(home)
    index = build_report(paths)
    if not paths.warehouse.is_file():
        err.print(
            f"[yellow]kzuz:[/] no warehouse in {paths.root} yet: the report says what is missing; "
            "run `kzuz refresh --offline` to build it"
        )
    typer.echo(str(index))
    if open_browser:
        import webbrowser  # noqa: PLC0415

        webbrowser.open(index.as_uri())


def register(app: typer.Typer) -> None:
    """Add `kzuz report` to ``app``."""
    app.command("report")(report)
