"""The official series: trade as UN Comtrade records it for each reporter (latest vintage), annual and monthly."""

from __future__ import annotations

from collections import defaultdict

from pipelines.report.charts import TradePanel, TradePeriod, trade_chart
from pipelines.report.content import Chart, Section, Table
from pipelines.report.context import ReportContext
from pipelines.report.labels import day, period_label, usd_bn
from pipelines.report.sections.trade import TRADE_COLUMNS

OFFICIAL = "official_statistics"
HOW_TO = "import Comtrade files with `kzuz comtrade import FILE ...` or set KZUZ_COMTRADE=on for a live refresh"


def build(ctx: ReportContext) -> Section:
    """The official statistics section: the UN Comtrade figures in the warehouse."""
    section = Section(
        "official",
        "Official statistics (UN Comtrade)",
        intro="Mutual trade in goods as each country reports it to UN Comtrade (all commodities, all customs "
        "procedures and modes of transport), the latest vintage of each figure. Totals are derived as exports "
        "+ imports of the same Comtrade answer.",
    )
    missing = ctx.reader.lacking("fct_trade_flows", *TRADE_COLUMNS, "source_kind", "is_latest", "captured_at")
    if missing:
        section.not_available(missing)
        return section
    rows = ctx.reader.rows(
        f"select {', '.join(TRADE_COLUMNS)}, captured_at from fct_trade_flows "
        f"where is_latest and source_kind = '{OFFICIAL}' "
        "order by reporter_iso3, partner_iso3, period_start, period_end, flow"
    )
    if not rows:
        section.not_available(f"official statistics in fct_trade_flows ({HOW_TO})")
        return section
    name = ctx.countries
    grouped: dict[tuple[str, str], dict[tuple, dict[str, dict]]] = defaultdict(dict)
    for row in rows:
        period = (row["period_start"], row["period_end"], row["period_type"])
        grouped[(row["reporter_iso3"], row["partner_iso3"])].setdefault(period, {})[row["flow"]] = row
    panels, table_rows = [], []
    for (reporter, partner), periods in grouped.items():
        drawn = []
        for (start, end, kind), flows in sorted(periods.items()):
            exports, imports, total = (flows.get(f, {}).get("value_usd") for f in ("export", "import", "total"))
            label = period_label(start, end, kind)
            if kind == "year":
                drawn.append(TradePeriod(label, False, exports, imports, total))
            table_rows.append(
                [
                    label,
                    name(reporter),
                    name(partner),
                    usd_bn(exports),
                    usd_bn(imports),
                    usd_bn(total),
                    day(max(r["captured_at"] for r in flows.values()).date()),
                    ctx.sources.links(r["source_url"] for r in flows.values()),
                ]
            )
        if drawn:
            panels.append(
                TradePanel(
                    f"UN Comtrade: {name(reporter)} reporting, trade with {name(partner)}",
                    "Reporter's exports to partner",
                    "Reporter's imports from partner",
                    drawn,
                )
            )
    reporters = ", ".join(dict.fromkeys(name(r) for r, _ in grouped))
    if panels:
        title = "Official statistics (UN Comtrade) by year, billion US dollars"
        footer = (
            f"Units: billion US dollars, current prices (exports FOB, imports CIF). Reporters: {reporters}, as "
            "recorded by UN Comtrade (comtradeapi.un.org); the latest vintage of each figure."
        )
        section.charts.append(
            Chart(
                "official_by_year",
                title,
                trade_chart(panels, [], title, footer),
                alt=f"{title}. Stacked bars of exports and imports by year with a total line, per reporter "
                f"({reporters}). "
                + " ".join(f"{p.label}: total {usd_bn(p.total)} bn" for pn in panels for p in pn.periods),
                caption=footer,
                sources=ctx.sources.links(r["source_url"] for r in rows),
            )
        )
    else:
        section.notes.append("Only monthly official figures so far: they are listed below, not drawn.")
    section.tables.append(
        Table(
            "Official figures by period and reporter, billion US dollars (latest Comtrade vintage; total = exports + "
            "imports)",
            ["Period", "Reporter", "Partner", "Exports", "Imports", "Total", "Captured", "Source"],
            table_rows,
            numeric={3, 4, 5},
        )
    )
    return section
