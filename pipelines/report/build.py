"""Build HOME/report/index.html and HOME/report/charts/*.png from the current warehouse, read-only.

Each section is built on its own: a missing mart or column becomes a "not available yet: ..." line of that
section, and an unexpected error in one section is shown in place of that section, never raised.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from pipelines.home import KzuzHome
from pipelines.report.charts import drawn_once
from pipelines.report.content import Section
from pipelines.report.context import ReportContext
from pipelines.report.page import render_page
from pipelines.report.sections import health, indicators, mirror, news_vs_official, official, timeline, trade

log = logging.getLogger(__name__)

TITLE = "Kazakhstan–Uzbekistan relations: warehouse report"
HINT = "Run `kzuz refresh --offline` to build the warehouse from the bundled archive, then `kzuz report` again."


def _guarded(section_id: str, title: str, build: Callable[[], Section]) -> Section:
    try:
        return build()
    except Exception as exc:  # noqa: BLE001 - one broken section must not cost the reader the others
        log.exception("report section %s failed", section_id)
        section = Section(section_id, title)
        section.missing.append(f"could not be drawn: {type(exc).__name__}: {' '.join(str(exc).split())[:300]}")
        return section


def _write(path: Path, data: bytes) -> None:
    """Write next to the target and rename, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)


def _reconstruction_note(ctx: ReportContext) -> str:
    if not ctx.reader.has("dim_documents", "is_reconstruction"):
        return ""
    [row] = ctx.reader.rows(
        "select count(*) filter (where is_reconstruction) as recon, count(*) as n from dim_documents"
    )
    if not row["recon"]:
        return ""
    return (
        f"{row['recon']} of {row['n']} source pages are reconstructions bundled with kzuz (written in each "
        "site's layout, carrying the facts the cited article attributes to them), not captures of the live "
        "pages; a live refresh stores the real pages as new captures."
    )


def build_report(home: KzuzHome) -> Path:
    """Write HOME/report/index.html (self-contained) and HOME/report/charts/*.png; return the HTML path.

    Charts are drawn again only when what they show changed (their PNGs are kept in HOME/state/charts).
    """
    report_dir = home.root / "report"
    charts_dir = report_dir / "charts"
    with ReportContext.open(home) as ctx, drawn_once(home.root / "state" / "charts"):
        sections = [
            _guarded("trade", "Trade by year and by reporter", lambda: trade.build(ctx)),
            _guarded("mirror", "Mirror statistics", lambda: mirror.build(ctx)),
            _guarded("official", "Official statistics (UN Comtrade)", lambda: official.build(ctx)),
            _guarded(
                "news_vs_official", "News figures against the official statistics", lambda: news_vs_official.build(ctx)
            ),
            _guarded("timeline", "Timeline of legal acts, visits and forums", lambda: timeline.build(ctx)),
            _guarded("indicators", "Indicators over time", lambda: indicators.build(ctx)),
            _guarded("health", "Data health", lambda: health.build(ctx, report_dir)),
        ]
        reconstructions = _reconstruction_note(ctx)
        problem = ctx.reader.problem
    written = set()
    for section in sections:
        for chart in section.charts:
            chart.path = charts_dir / f"{chart.name}.png"
            _write(chart.path, chart.png)
            written.add(chart.path.name)
    for stale in charts_dir.glob("*.png") if charts_dir.is_dir() else []:
        if stale.name not in written:  # a chart this warehouse cannot draw any more must not linger
            stale.unlink()
    built = (
        datetime.fromtimestamp(home.warehouse.stat().st_mtime, UTC).strftime("%Y-%m-%d %H:%M UTC")
        if home.warehouse.is_file()
        else None
    )
    html = render_page(
        title=TITLE,
        sections=sections,
        problem=problem,
        hint=HINT if problem else "",
        reconstructions=reconstructions,
        warehouse=str(home.warehouse),
        built=built,
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    )
    index = report_dir / "index.html"
    _write(index, html.encode("utf-8"))
    return index
