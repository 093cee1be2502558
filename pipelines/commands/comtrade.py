"""`kzuz comtrade import FILE ...`: UN Comtrade files (CSV or JSON, Comtrade's own columns) into the archive."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from pipelines.home import KzuzHome

err = Console(stderr=True, highlight=False, soft_wrap=True)
comtrade_app = typer.Typer(help="UN Comtrade official statistics.", no_args_is_help=True)


@comtrade_app.command("import")
def comtrade_import(
    files: Annotated[list[Path], typer.Argument(help="Comtrade API JSON or CSV export files.")],
    fetched_at: Annotated[
        str | None,
        typer.Option("--fetched-at", help="ISO 8601 download time (default: each file's mtime)."),
    ] = None,
    home: Annotated[
        str | None, typer.Option("--home", envvar="KZUZ_HOME", help="Home folder (default ./data).", show_default=False)
    ] = None,
) -> None:
    """Store Comtrade files as official-statistics captures; the next refresh parses them.

    Each file becomes a capture of the data/v1/get URL it answers (its reporters, partners, periods, flows
    and codes), so a later download of the same selection is a new vintage. A file that is not Comtrade's
    is refused with the reason; the others are still imported (exit 1 when any was refused).
    """
    from sources.archive import ArchiveStore  # noqa: PLC0415 - keep `kzuz --help` fast
    from sources.archive.importer import ArchiveImportError, parse_fetched_at  # noqa: PLC0415
    from sources.comtrade.importer import ComtradeImportError, import_comtrade_file  # noqa: PLC0415

    try:
        when = parse_fetched_at(fetched_at) if fetched_at else None
    except ArchiveImportError as exc:
        err.print(f"[bold red]kzuz:[/] {exc}")
        raise typer.Exit(2) from exc
    store = ArchiveStore(KzuzHome.resolve(home).ensure().archive)
    refused = 0
    for path in files:
        try:
            done = import_comtrade_file(store, path, when)
        except ComtradeImportError as exc:
            refused += 1
            err.print(f"[red]refused[/] {exc}")
            continue
        state = "new capture" if done.created else "unchanged (same file already archived for this query)"
        err.print(f"{state}: {done.capture.capture_id} {done.capture.url} ({done.records} record(s) from {path.name})")
    imported = len(files) - refused
    err.print(f"{imported} file(s) imported, {refused} refused; run `kzuz refresh --offline` to load them")
    raise typer.Exit(1 if refused else 0)


def register(app: typer.Typer) -> None:
    """Add `kzuz comtrade` (import of UN Comtrade files) to ``app``."""
    app.add_typer(comtrade_app, name="comtrade")
