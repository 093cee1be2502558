"""Trade by year and by reporter: stacked exports and imports, the total, year-to-date apart, announced targets."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from pipelines.report.charts import TargetLine, TradePanel, TradePeriod, trade_chart
from pipelines.report.content import Chart, Link, Section, Table
from pipelines.report.context import ReportContext
from pipelines.report.labels import day, period_label, usd, usd_bn
from pipelines.report.source_titles import sites_of

TRADE_COLUMNS = (
    "reporter_iso3",
    "partner_iso3",
    "flow",
    "period_start",
    "period_end",
    "period_type",
    "value_usd",
    "source_url",
)
TARGET_COLUMNS = ("value_usd", "announced_by", "announced_on", "source_url")
LABELLED_ANNOUNCEMENTS = 2  # announcements named in a target line's label on the chart


def latest_trade_rows(ctx: ReportContext, section: Section | None = None) -> list[dict]:
    """One value per reporter, partner, flow and period: the latest published observation (not official statistics)."""
    reader = ctx.reader
    where = "where is_latest" if reader.has("fct_trade_flows", "is_latest") else ""
    if reader.has("fct_trade_flows", "source_kind"):  # the official series has its own section
        where = (f"{where} and" if where else "where") + " source_kind <> 'official_statistics'"
    if not where and section is not None:
        section.notes.append("fct_trade_flows has no is_latest column: the most recently published value is used.")
    order = "published_at" if reader.has("fct_trade_flows", "published_at") else "period_end"
    return reader.rows(
        f"select {', '.join(TRADE_COLUMNS)} from fct_trade_flows {where} "
        "qualify row_number() over (partition by reporter_iso3, partner_iso3, flow, period_start, period_end "
        f"order by {order} desc nulls last, source_url) = 1 "
        "order by reporter_iso3, partner_iso3, period_start, period_end, flow, source_url"
    )


def _targets(ctx: ReportContext, section: Section) -> list[dict]:
    """Announced targets: the mart when it is built, else the raw table the parsers fill."""
    reader = ctx.reader
    for table in ("mart_trade_targets", "raw.trade_targets"):
        columns = reader.columns(table)
        value = next((c for c in ("target_usd", "target_value_usd", "value_usd") if c in columns), None)
        url = next((c for c in ("target_source_url", "source_url") if c in columns), None)
        if value and url and reader.has(table, "announced_by", "announced_on"):
            order = ", basis" if "basis" in columns else ""
            # a total order: the chart names the first announcements of a target, the same ones every time
            rows = reader.rows(
                f"select *, {value} as target_value, {url} as target_url from {table} "
                f"order by {value}, announced_on{order}, {url}, announced_by"
            )
            for row in rows:
                row["_table"] = table
            return rows
    section.not_available(
        "announced trade targets (mart_trade_targets, or raw.trade_targets with value_usd, "
        "announced_by, announced_on, source_url)"
    )
    return []


def _target_lines(targets: list[dict]) -> list[TargetLine]:
    by_value: dict[float, list[dict]] = defaultdict(list)
    for row in targets:
        by_value[row["target_value"]].append(row)
    lines = []
    for value, rows in sorted(by_value.items()):
        announcements = list(
            dict.fromkeys(
                f"«{r['announced_by'] or 'unknown'}» ({day(r['announced_on'])}, {Link('', r['target_url']).site})"
                for r in rows
            )
        )
        # A label is one line on the chart: the first announcements by name, the rest counted (a large
        # archive repeats a target in hundreds of articles; the table below the chart lists every one).
        who = "; ".join(announcements[:LABELLED_ANNOUNCEMENTS])
        if len(announcements) > LABELLED_ANNOUNCEMENTS:
            who += f" and {len(announcements) - LABELLED_ANNOUNCEMENTS} more (see the table)"
        lines.append(TargetLine(value, f"{value / 1e9:g} bn USD target — announced by {who}"))
    return lines


def build(ctx: ReportContext) -> Section:
    """The trade section: turnover, exports and imports by period, with the targets."""
    section = Section(
        "trade",
        "Trade by year and by reporter",
        intro="Mutual trade in goods as each country's statistics report it: exports and imports stacked, "
        "the total as a line. Year-to-date periods are hatched and never stacked with full years.",
    )
    targets = _targets(ctx, section)
    missing = ctx.reader.lacking("fct_trade_flows", *TRADE_COLUMNS)
    if missing:
        section.not_available(missing)
        rows = []
    else:
        rows = latest_trade_rows(ctx, section)
        if not rows:
            section.not_available("trade observations (fct_trade_flows is empty)")
    if rows:
        _trade_figures(ctx, section, rows, targets)
    if targets:
        section.tables.append(_targets_table(ctx, targets, rows))
    return section


def _trade_figures(ctx: ReportContext, section: Section, rows: list[dict], targets: list[dict]) -> None:
    name = ctx.countries
    grouped: dict[tuple[str, str], dict[tuple[date, date, str], dict[str, dict]]] = defaultdict(dict)
    for row in rows:
        period = (row["period_start"], row["period_end"], row["period_type"])
        grouped[(row["reporter_iso3"], row["partner_iso3"])].setdefault(period, {})[row["flow"]] = row
    quarantined = _quarantined_totals(ctx)
    panels, table_rows = [], []
    for (reporter, partner), periods in grouped.items():
        drawn = []
        for (start, end, kind), flows in sorted(periods.items()):
            exports, imports, total = (flows.get(f, {}).get("value_usd") for f in ("export", "import", "total"))
            label = period_label(start, end, kind)
            if kind in ("year", "ytd"):
                summed = total is None and exports is not None and imports is not None
                drawn.append(
                    TradePeriod(label, kind == "ytd", exports, imports, exports + imports if summed else total, summed)
                )
                if summed:
                    why = quarantined.get((reporter, partner, start, end))
                    section.notes.append(
                        f"{label}, {name(reporter)}: no valid reported total"
                        + (f" (the printed total was quarantined: {why})" if why else "")
                        + "; the chart shows exports + imports, marked *."
                    )
            table_rows.append(
                [
                    label,
                    name(reporter),
                    name(partner),
                    usd_bn(exports),
                    usd_bn(imports),
                    usd_bn(total),
                    ctx.sources.links(r["source_url"] for r in flows.values()),
                ]
            )
        if drawn:
            panels.append(
                TradePanel(
                    f"Statistics of {name(reporter)} (reporter), trade with {name(partner)}",
                    f"Exports of {name(reporter)} to {name(partner)}",
                    f"Imports of {name(reporter)} from {name(partner)}",
                    drawn,
                )
            )
    links = ctx.sources.links(r["source_url"] for r in rows)
    if panels:
        if len(panels) > 1:
            panels[0].export_label, panels[0].import_label = (
                "Reporter's exports to partner",
                "Reporter's imports from partner",
            )
        reporters = ", ".join(dict.fromkeys(name(r) for r, _ in grouped))
        pairs = sorted({name(r) for pair in grouped for r in pair})
        footer = (
            f"Units: billion US dollars, current prices. Statistics of: {reporters} (reporter), as published by "
            f"{sites_of(links)}. Hatched = year to date (part of a year), not comparable with full years."
        )
        chart_title = f"{'–'.join(pairs)} trade by year, billion US dollars"
        section.charts.append(
            Chart(
                "trade_by_year",
                chart_title,
                trade_chart(panels, _target_lines(targets), chart_title, footer),
                alt=f"{chart_title}. Stacked bars of exports and imports by period with a total line, per reporter "
                f"({reporters}). X axis: period (calendar year unless marked year to date); Y axis: billion US "
                f"dollars. "
                + " ".join(f"{p.label}: total {usd_bn(p.total)} bn" for pn in panels for p in pn.periods)
                + (". Reference lines: " + "; ".join(t.label for t in _target_lines(targets)) if targets else ""),
                caption=footer,
                sources=ctx.sources.links([link.href for link in links] + [t["target_url"] for t in targets]),
            )
        )
    else:
        section.not_available("yearly or year-to-date trade periods (only shorter periods are in fct_trade_flows)")
    section.tables.append(
        Table(
            "Trade by period and reporter, billion US dollars (the latest published value of each)",
            ["Period", "Reporter", "Partner", "Exports", "Imports", "Total (as reported)", "Source"],
            table_rows,
            numeric={3, 4, 5},
        )
    )


def _quarantined_totals(ctx: ReportContext) -> dict[tuple, str]:
    if not ctx.reader.has(
        "quarantine_fct_trade_flows",
        "reporter_iso3",
        "partner_iso3",
        "flow",
        "period_start",
        "period_end",
        "quarantine_reason",
    ):
        return {}
    return {
        (r["reporter_iso3"], r["partner_iso3"], r["period_start"], r["period_end"]): r["quarantine_reason"]
        for r in ctx.reader.rows("select * from quarantine_fct_trade_flows where flow = 'total'")
    }


PROGRESS_COLUMNS = (
    "actual_usd",
    "share_reached_pct",
    "period_start",
    "period_end",
    "period_type",
    "reporter_iso3",
    "actual_source_url",
)


def _targets_table(ctx: ReportContext, targets: list[dict], trade_rows: list[dict]) -> Table:
    table = targets[0]["_table"]
    if all(c in targets[0] for c in PROGRESS_COLUMNS):  # the mart compares each target with the latest actuals
        return Table(
            f"Announced targets for mutual trade against the latest comparable actuals (from {table})",
            [
                "Target",
                "Announced by",
                "Announced on",
                "Horizon (as printed)",
                "Compared with",
                "Actual",
                "Share reached",
                "Sources",
            ],
            [
                [
                    f"{t['target_value'] / 1e9:g} bn USD",
                    t["announced_by"] or "—",
                    day(t["announced_on"]),
                    t.get("horizon_text") or "—",
                    f"{period_label(t['period_start'], t['period_end'], t['period_type'])}, "
                    f"{ctx.countries(t['reporter_iso3'])}'s statistics"
                    if t["period_start"]
                    else "—",
                    f"{usd(t['actual_usd'])} USD" if t["actual_usd"] is not None else "—",
                    f"{t['share_reached_pct']:.0f} %" if t["share_reached_pct"] is not None else "—",
                    ctx.sources.links([t["target_url"], t["actual_source_url"]]),
                ]
                for t in targets
            ],
            numeric={5, 6},
        )
    full_years = [r for r in trade_rows if r["period_type"] == "year" and r["flow"] == "total"]
    latest = max(full_years, key=lambda r: r["period_end"], default=None)
    columns = ["Target", "Announced by", "Announced on", "Horizon (as printed)"]
    if latest:
        whose = ctx.countries(latest["reporter_iso3"])
        columns.append(f"Latest full-year total ({latest['period_start'].year}, {whose}'s statistics)")
    columns.append("Source")
    rows = []
    for t in targets:
        cells: list[object] = [
            f"{t['target_value'] / 1e9:g} bn USD",
            t["announced_by"] or "—",
            day(t["announced_on"]),
            t.get("horizon_text") or "—",
        ]
        if latest:
            cells.append(f"{usd(latest['value_usd'])} USD ({latest['value_usd'] / t['target_value']:.0%} of target)")
        cells.append(ctx.sources.link(t["target_url"]))
        rows.append(cells)
    return Table(f"Announced targets for mutual trade (from {table})", columns, rows)
