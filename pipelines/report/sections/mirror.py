"""The mirror view: one country's reported trade against its partner's for the same period and direction.

Uses mart_trade_mirror when it is built with its documented columns; otherwise (no mart yet, or one of another
shape, which is then shown as a plain table) pairs the rows of fct_trade_flows itself: A's exports to B against
B's imports from A.
"""

from __future__ import annotations

from datetime import date

from pipelines.report.charts import MirrorPair, mirror_chart
from pipelines.report.content import Chart, Section, Table
from pipelines.report.context import ReportContext
from pipelines.report.labels import day, period_label, usd, usd_bn
from pipelines.report.sections.trade import TRADE_COLUMNS, latest_trade_rows
from pipelines.report.source_titles import sites_of

NONE_YET = "no period reported by both sides yet"


def _direction(row: dict) -> tuple[str, str, str]:
    """(exporter, importer, flow) so that A's export and B's import of the same goods share a key."""
    reporter, partner, flow = row["reporter_iso3"], row["partner_iso3"], row["flow"]
    if flow == "export":
        return reporter, partner, "goods"
    if flow == "import":
        return partner, reporter, "goods"
    return tuple(sorted((reporter, partner))) + ("total",)


def mirror_pairs(rows: list[dict]) -> list[tuple[tuple, dict, dict]]:
    """(key, exporter's row, importer's row) for every period and direction both sides report."""
    by_key: dict[tuple, dict[str, dict]] = {}
    for row in rows:
        if row["flow"] not in ("export", "import", "total"):
            continue
        key = (row["period_start"], row["period_end"], row["period_type"], *_direction(row))
        by_key.setdefault(key, {})[row["reporter_iso3"]] = row
    pairs = []
    for key, sides in sorted(by_key.items()):
        if len(sides) == 2:
            exporter = key[3]  # the exporter's statistics first (for totals: the first country alphabetically)
            first = exporter if exporter in sides else sorted(sides)[0]
            [second] = [s for s in sides if s != first]
            pairs.append((key, sides[first], sides[second]))
    return pairs


MART_COLUMNS = (
    "period_start",
    "period_end",
    "period_type",
    "reporter_iso3",
    "reporter_flow",
    "reporter_value_usd",
    "reporter_source_url",
    "partner_iso3",
    "partner_value_usd",
    "partner_source_url",
    "gap_usd",
    "gap_pct",
)


def _from_mart(ctx: ReportContext) -> list[dict]:
    """Pairs as mart_trade_mirror models them: gap = first side minus the other, as a share of the other."""
    pairs = []
    for r in ctx.reader.rows(
        f"select {', '.join(MART_COLUMNS)} from mart_trade_mirror "
        "order by period_start, period_end, reporter_flow, reporter_iso3"
    ):
        flow = r["reporter_flow"]
        exporter, importer = (
            (r["reporter_iso3"], r["partner_iso3"]) if flow == "export" else (r["partner_iso3"], r["reporter_iso3"])
        )
        pairs.append(
            dict(
                start=r["period_start"],
                end=r["period_end"],
                kind=r["period_type"],
                flow="total" if flow == "total" else "goods",
                exporter=exporter,
                importer=importer,
                first=(r["reporter_iso3"], r["reporter_value_usd"]),
                second=(r["partner_iso3"], r["partner_value_usd"]),
                gap=r["gap_usd"],
                pct=None if r["gap_pct"] is None else r["gap_pct"] / 100,
                urls=[r["reporter_source_url"], r["partner_source_url"]],
            )
        )
    return pairs


def _from_flows(ctx: ReportContext) -> list[dict]:
    """Pairs computed from fct_trade_flows: gap = exporter's figure minus the importer's, as a share of it."""
    pairs = []
    for (start, end, kind, exporter, importer, flow), a, b in mirror_pairs(latest_trade_rows(ctx)):
        gap = a["value_usd"] - b["value_usd"]
        pairs.append(
            dict(
                start=start,
                end=end,
                kind=kind,
                flow=flow,
                exporter=exporter,
                importer=importer,
                first=(a["reporter_iso3"], a["value_usd"]),
                second=(b["reporter_iso3"], b["value_usd"]),
                gap=gap,
                pct=gap / b["value_usd"] if b["value_usd"] else None,
                urls=[a["source_url"], b["source_url"]],
            )
        )
    return pairs


def build(ctx: ReportContext) -> Section:
    """The mirror section: each period and flow as both sides report it, and the gap."""
    section = Section(
        "mirror",
        "Mirror statistics: each side's figures for the same periods",
        intro="The same flow as each country's statistics report it (one side's exports are the other's imports), "
        "with the gap between them. Gaps come from valuation (FOB/CIF), timing and partner attribution.",
    )
    reader = ctx.reader
    if reader.has("mart_trade_mirror", *MART_COLUMNS):
        pairs, origin = _from_mart(ctx), "mart_trade_mirror"
        gap_rule = "first side's figure minus the other side's (share of the other side's)"
    else:
        if reader.has("mart_trade_mirror"):
            _mart_table(ctx, section)
        missing = reader.lacking("fct_trade_flows", *TRADE_COLUMNS)
        if missing:
            section.not_available(missing)
            return section
        pairs, origin = _from_flows(ctx), "fct_trade_flows"
        gap_rule = "exporter's figure minus the importer's (share of the importer's); totals: first minus second"
    if not pairs:
        section.notes.insert(0, NONE_YET.capitalize() + ": the warehouse holds each period from one side only.")
        return section
    name = ctx.countries
    drawn, table_rows, links = [], [], []
    for p in pairs:
        what = (
            f"trade {name(p['exporter'])}–{name(p['importer'])}"
            if p["flow"] == "total"
            else f"{name(p['exporter'])} → {name(p['importer'])}"
        )
        pct = p["pct"]
        gap_text = f"gap {p['gap'] / 1e9:+.2f} bn" + (f" ({pct:+.1%})" if pct is not None else "")
        label = period_label(p["start"], p["end"], p["kind"])
        (first, first_value), (second, second_value) = p["first"], p["second"]
        drawn.append(
            MirrorPair(
                f"{label.replace(' (', chr(10) + '(')}\n{what}",
                [(f"as reported by {name(first)}", first_value), (f"as reported by {name(second)}", second_value)],
                gap_text,
            )
        )
        pair_links = ctx.sources.links(p["urls"])
        links += pair_links
        table_rows.append(
            [
                label,
                what,
                f"{name(first)}: {usd_bn(first_value)}",
                f"{name(second)}: {usd_bn(second_value)}",
                f"{p['gap'] / 1e9:+.2f}",
                f"{pct:+.1%}" if pct is not None else "—",
                pair_links,
            ]
        )
    reporters = sorted({name(side) for p in pairs for side in (p["first"][0], p["second"][0])})
    title = "Mirror statistics: the same flows as each side reports them, billion US dollars"
    footer = (
        f"Units: billion US dollars, current prices. Statistics of: {' and '.join(reporters)}, as published by "
        f"{sites_of(links)}. Gap = {gap_rule}."
    )
    section.charts.append(
        Chart(
            "trade_mirror",
            title,
            mirror_chart(drawn, title, footer),
            alt=f"{title}. Paired bars per period and direction. X axis: period and direction; Y axis: billion US "
            "dollars. " + "; ".join(f"{d.label.replace(chr(10), ' ')}: {d.gap_text}" for d in drawn),
            caption=footer,
            sources=ctx.sources.links(link.href for link in links),
        )
    )
    section.tables.append(
        Table(
            f"Mirror pairs (from {origin}), billion US dollars; gap = {gap_rule}",
            [
                "Period",
                "Direction",
                "One side's statistics",
                "Other side's statistics",
                "Gap (bn USD)",
                "Gap (%)",
                "Sources",
            ],
            table_rows,
            numeric={4, 5},
        )
    )
    return section


def _mart_table(ctx: ReportContext, section: Section) -> None:
    rows = ctx.reader.rows("select * from mart_trade_mirror")
    if not rows:
        section.notes.append(f"mart_trade_mirror: {NONE_YET}.")
        return
    columns = [c for c in rows[0] if c not in ("evidence", "capture_id")]
    cells = []
    for row in rows:
        line: list[object] = []
        for column in columns:
            value = row[column]
            if isinstance(value, str) and value.startswith(("http://", "https://")):
                line.append(ctx.sources.link(value))
            elif isinstance(value, date):
                line.append(day(value))
            elif isinstance(value, float):
                line.append(usd(value) if "usd" in column else f"{value:,.3g}")
            else:
                line.append("—" if value is None else str(value))
        cells.append(line)
    section.tables.append(
        Table("mart_trade_mirror (as the warehouse models it)", [c.replace("_", " ") for c in columns], cells)
    )
