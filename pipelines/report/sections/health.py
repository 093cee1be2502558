"""Data health: last capture per site, the latest refresh's checks, quarantined rows, open alerts, parse errors."""

from __future__ import annotations

import json
import os
from pathlib import Path

from pipelines.alerts import read_alerts
from pipelines.report.content import TABLE_ROWS, Link, Section, Table
from pipelines.report.context import ReportContext
from pipelines.report.labels import humanise

MAX_ALERTS = 25


def _when(value) -> str:
    if value is None:
        return "—"
    return value.strftime("%Y-%m-%d %H:%M %Z").strip() if hasattr(value, "strftime") else str(value)


def build(ctx: ReportContext, report_dir: Path) -> Section:
    """The data health section: captures per site, the latest run, quarantine, alerts, parse errors, source pages."""
    section = Section(
        "health",
        "Data health",
        intro="How fresh and how clean the data behind this report is: when each site was last captured, what "
        "the latest refresh's checks found, rows held back in quarantine, open alerts and pages that failed "
        "to parse.",
    )
    _links(ctx, section, report_dir)
    _captures(ctx, section)
    _latest_run(ctx, section)
    _quarantine(ctx, section)
    _alerts(ctx, section)
    _parse_errors(ctx, section)
    _source_pages(ctx, section)
    return section


def _links(ctx: ReportContext, section: Section, report_dir: Path) -> None:
    for index in (
        ctx.home.docs / "gx" / "index.html",
        ctx.home.docs / "gx" / "uncommitted" / "data_docs" / "local_site" / "index.html",
    ):
        if index.is_file():
            section.links.append(
                Link(
                    "Data Docs (Great Expectations validation results)",
                    Path(os.path.relpath(index, report_dir)).as_posix(),
                )
            )
            break
    else:
        section.not_available(f"Data Docs (no {ctx.home.docs / 'gx' / 'index.html'}; they are built by the checks)")


def _captures(ctx: ReportContext, section: Section) -> None:
    reader = ctx.reader
    if reader.has("raw.captures", "site", "fetched_at"):
        recon = (
            "count(*) filter (where is_reconstruction)" if reader.has("raw.captures", "is_reconstruction") else "null"
        )
        rows = reader.rows(
            f"select site, max(fetched_at) as last, count(*) as n, {recon} as recon "
            "from raw.captures group by site order by last desc, site"
        )
    elif reader.has("dim_documents", "site", "captured_at"):
        rows = reader.rows(
            "select site, max(captured_at) as last, count(*) as n, null as recon "
            "from dim_documents group by site order by last desc, site"
        )
    else:
        section.not_available(reader.lacking("raw.captures", "site", "fetched_at") or "captures")
        return
    section.tables.append(
        Table(
            "Last capture per site",
            ["Site", "Last capture (UTC)", "Captures", "Of which reconstructions"],
            [[r["site"], _when(r["last"]), str(r["n"]), "—" if r["recon"] is None else str(r["recon"])] for r in rows],
            numeric={2, 3},
        )
    )


def _latest_run(ctx: ReportContext, section: Section) -> None:
    runs = sorted(ctx.home.runs.glob("*.json")) if ctx.home.runs.is_dir() else []
    if not runs:
        section.not_available(f"refresh summaries (no {ctx.home.runs}/*.json)")
        return
    try:
        run = json.loads(runs[-1].read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        section.notes.append(f"The latest refresh summary {runs[-1].name} could not be read: {exc}")
        return
    checks = run.get("checks") or []
    failed = [c for c in checks if not c.get("passed", True)]
    section.notes.append(
        f"Latest refresh ({runs[-1].stem}): {'promoted' if run.get('promoted') else 'NOT promoted'}; "
        f"{run.get('new_captures', '?')} new capture(s); {len(checks)} check(s), {len(failed)} failed."
    )
    if failed:
        section.tables.append(
            Table(
                "Failed checks in the latest refresh",
                ["Table", "Check", "Severity", "Unexpected rows", "Observed"],
                [
                    [
                        c.get("asset", "—"),
                        c.get("check", "—"),
                        c.get("severity", "—"),
                        str(c.get("unexpected_count", "—")),
                        str(c.get("observed_value", "—"))[:120],
                    ]
                    for c in failed
                ],
                numeric={3},
            )
        )


def _quarantine(ctx: ReportContext, section: Section) -> None:
    tables = [t for t in ctx.reader.tables if t.startswith("quarantine_")]
    if not tables:
        section.not_available(ctx.reader.problem or "quarantine tables (quarantine_fct_trade_flows)")
        return
    rows = []
    for table in tables:
        columns = ctx.reader.columns(table)
        if "quarantine_reason" not in columns:
            continue
        for r in ctx.reader.rows(f'select * from "{table}"'):
            what = ", ".join(
                f"{c}={r[c]:,.0f}" if isinstance(r[c], float) else f"{c}={r[c]}"
                for c in (
                    "reporter_iso3",
                    "flow",
                    "period_start",
                    "period_end",
                    "value_usd",
                    "indicator",
                    "value",
                    "title",
                )
                if c in r
            )
            url = r.get("source_url")
            rows.append(
                [table.removeprefix("quarantine_"), what, r["quarantine_reason"], ctx.sources.link(url) if url else "—"]
            )
    section.tables.append(
        Table(
            f"Quarantined rows ({len(rows)}): held out of the marts, with the reason",
            ["Table", "Row", "Reason", "Source"],
            rows,
        )
    )


def _alerts(ctx: ReportContext, section: Section) -> None:
    try:
        alerts = [a for a in read_alerts(ctx.home.alerts) if not a.get("resolved")]
    except (OSError, ValueError) as exc:
        section.notes.append(f"alerts.jsonl could not be read: {exc}")
        return
    shown = alerts[::-1][:MAX_ALERTS]
    caption = f"Open alerts ({len(alerts)}{f', newest {MAX_ALERTS} shown' if len(alerts) > MAX_ALERTS else ''})"
    section.tables.append(
        Table(
            caption,
            ["At (UTC)", "Kind", "Severity", "Summary"],
            [[a.get("at", "—"), humanise(a.get("kind")), a.get("severity", "—"), a.get("summary", "")] for a in shown],
        )
    )


def _parse_errors(ctx: ReportContext, section: Section) -> None:
    missing = ctx.reader.lacking("parse_errors", "source_url", "error_kind", "message")
    if missing:
        section.not_available(missing)
        return
    rows = ctx.reader.rows("select * from parse_errors order by source_url")
    section.tables.append(
        Table(
            f"Parse errors ({len(rows)})",
            ["Page", "Site", "Kind", "Message"],
            [[ctx.sources.link(r["source_url"]), r.get("site") or "—", r["error_kind"], r["message"]] for r in rows],
        )
    )


def _source_pages(ctx: ReportContext, section: Section) -> None:
    cols = ("source_url", "site", "title", "published_at", "language", "captured_at")
    missing = ctx.reader.lacking("dim_documents", *cols)
    if missing:
        section.not_available(missing)
        return
    where = "where is_latest_capture" if ctx.reader.has("dim_documents", "is_latest_capture") else ""
    recon = ctx.reader.has("dim_documents", "is_reconstruction")
    # only the rows the table shows are read (a large archive has 100,000 pages), and the count
    [count] = ctx.reader.rows(f"select count(*) as n from dim_documents {where}")
    rows = ctx.reader.rows(
        f"select *{'' if recon else ', null as is_reconstruction'} from dim_documents {where} "
        f"order by site, published_at, source_url limit {TABLE_ROWS}"
    )
    section.tables.append(
        Table(
            f"Source pages ({count['n']}), titles in their own language",
            ["Site", "Title (links to the page)", "Language", "Published", "Captured", "Reconstruction"],
            [
                [
                    r["site"],
                    Link(r["title"] or r["source_url"], r["source_url"], r["language"]),
                    r["language"] or "—",
                    _when(r["published_at"])[:10],
                    _when(r["captured_at"])[:10],
                    "yes" if r["is_reconstruction"] else "no" if r["is_reconstruction"] is not None else "—",
                ]
                for r in rows
            ],
            total_rows=count["n"],
        )
    )
