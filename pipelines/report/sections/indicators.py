"""Indicators over time: enterprises with partner capital on each side, flights a week, freight."""

from __future__ import annotations

from collections import defaultdict

from pipelines.report.charts import IndicatorPanel, IndicatorPoint, IndicatorSeries, indicators_chart
from pipelines.report.content import Chart, Section, Table
from pipelines.report.context import ReportContext
from pipelines.report.labels import day, humanise, number, period_label
from pipelines.report.source_titles import sites_of

COLUMNS = (
    "indicator",
    "country_iso3",
    "partner_iso3",
    "value",
    "unit",
    "period_start",
    "period_end",
    "as_of",
    "source_url",
)
# indicator -> (panel title, y-axis unit, scale, label of one series given country and partner names)
PANELS = {
    "enterprises_with_partner_capital": (
        "Enterprises with partner capital",
        "number of enterprises",
        1.0,
        "with capital from {partner}, in {country}",
    ),
    "flights_per_week": ("Flights a week between the countries", "flights a week", 1.0, "{country}–{partner}"),
    "cargo_tonnes": ("Freight between the countries", "million tonnes a year", 1e6, "{country}–{partner}"),
}


def build(ctx: ReportContext) -> Section:
    """The indicators section: other numeric facts over time, with their chart."""
    section = Section(
        "indicators",
        "Indicators over time",
        intro="Enterprises with the partner's capital on each side, scheduled flights a week and freight carried "
        "between the two countries, as the source pages report them.",
    )
    missing = ctx.reader.lacking("fct_indicators", *COLUMNS)
    if missing:
        section.not_available(missing)
        return section
    rows = ctx.reader.rows(
        f"select {', '.join(COLUMNS)} from fct_indicators order by indicator, country_iso3, coalesce(as_of, period_end)"
    )
    name = ctx.countries
    panels, links = [], []
    for indicator, (title, unit, scale, series_label) in PANELS.items():
        chosen = [r for r in rows if r["indicator"] == indicator and (r["as_of"] or r["period_start"])]
        if not chosen:
            section.not_available(f"indicator {indicator} in fct_indicators")
            continue
        series: dict[str, list[IndicatorPoint]] = defaultdict(list)
        for r in chosen:
            label = series_label.format(country=name(r["country_iso3"]), partner=name(r["partner_iso3"]))
            if r["as_of"]:
                point = IndicatorPoint(r["as_of"], r["value"], label=f"{r['value'] / scale:,.4g}")
            else:
                period = period_label(
                    r["period_start"],
                    r["period_end"],
                    "year" if r["period_start"].month == 1 and r["period_end"].month == 12 else "period",
                )
                point = IndicatorPoint(
                    r["period_start"], r["value"], r["period_end"], f"{r['value'] / scale:,.4g} ({period})"
                )
            series[label].append(point)
        panel_links = ctx.sources.links(r["source_url"] for r in chosen)
        links += panel_links
        panels.append(
            IndicatorPanel(
                title,
                unit,
                scale,
                [IndicatorSeries(k, v) for k, v in series.items()],
                note=f"as reported by {sites_of(panel_links)}",
            )
        )
    if panels:
        title = "Investment, flights and freight over time"
        footer = (
            "Units: on each panel's axis. Figures as reported by the source pages "
            f"({sites_of(links)}), citing the countries' statistics and ministries; dots = as of a date, "
            "bars = a whole period."
        )
        section.charts.append(
            Chart(
                "indicators",
                title,
                indicators_chart(panels, title, footer),
                alt=f"{title}. Panels: "
                + "; ".join(
                    f"{p.title} (X axis: date (year); Y axis: {p.unit}): " + ", ".join(_series_alt(s) for s in p.series)
                    for p in panels
                ),
                caption=footer,
                sources=ctx.sources.links(link.href for link in links),
            )
        )
    if rows:
        section.tables.append(
            Table(
                "All indicators in the warehouse (country = where it is measured; partner = the other side)",
                ["Indicator", "Country", "Partner", "Value", "Unit", "Period or as of", "Source"],
                [
                    [
                        humanise(r["indicator"]),
                        name(r["country_iso3"]),
                        name(r["partner_iso3"]),
                        number(r["value"]),
                        (r["unit"] or "—").replace("_", " "),
                        f"as of {day(r['as_of'])}"
                        if r["as_of"]
                        else f"{day(r['period_start'])} – {day(r['period_end'])}",
                        ctx.sources.link(r["source_url"]),
                    ]
                    for r in rows
                ],
                numeric={3},
            )
        )
    return section


ALT_POINTS = 5  # a series with more values is summed up in the alt text: how many, since when, the latest


def _series_alt(series: IndicatorSeries) -> str:
    points = sorted(series.points, key=lambda pt: pt.when)
    if len(points) <= ALT_POINTS:
        return ", ".join(f"{series.label} {pt.label} on {day(pt.when)}" for pt in points)
    first, last = points[0], points[-1]
    return (
        f"{series.label}: {len(points)} values from {day(first.when)} to {day(last.when)}, "
        f"the latest {last.label} on {day(last.when)}"
    )
