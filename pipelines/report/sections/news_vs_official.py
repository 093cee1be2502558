"""News against the record: each figure the news prints beside the official (UN Comtrade) figure for that period."""

from __future__ import annotations

from pipelines.report.charts import MirrorPair, mirror_chart
from pipelines.report.content import Chart, Section, Table
from pipelines.report.context import ReportContext
from pipelines.report.labels import period_label, usd_bn
from pipelines.report.source_titles import sites_of

COLUMNS = (
    "reporter_iso3",
    "partner_iso3",
    "flow",
    "period_start",
    "period_end",
    "period_type",
    "news_value_usd",
    "news_source_url",
    "news_evidence",
    "official_value_usd",
    "official_basis",
    "official_figures",
    "gap_usd",
    "gap_pct",
)
THRESHOLD_PCT = 5.0  # the expectation's (expectations/suites/mart_news_vs_official.py)
FLOW_WORDS = {"export": "exports to", "import": "imports from", "total": "trade with"}


def build(ctx: ReportContext) -> Section:
    """The news-against-official section: news figures beside UN Comtrade's for the same period."""
    section = Section(
        "news_vs_official",
        "News figures against the official statistics",
        intro="Each trade figure printed in the news beside the official figure (UN Comtrade) for the same reporter, "
        f"partner, flow and period; year-to-date figures against the sum of the monthly figures when every month "
        f"is there. Gaps beyond {THRESHOLD_PCT:g} % raise a warning naming the page and the sentence.",
    )
    missing = ctx.reader.lacking("mart_news_vs_official", *COLUMNS)
    if missing:
        section.not_available(missing)
        return section
    rows = ctx.reader.rows(
        f"select {', '.join(COLUMNS)} from mart_news_vs_official "
        "order by period_start, period_end, reporter_iso3, flow, news_source_url"
    )
    if not rows:
        section.not_available(
            "a news figure with an official counterpart (no official statistics for the periods the news covers)"
        )
        return section
    name = ctx.countries
    drawn, table_rows = [], []
    for r in rows:
        label = period_label(r["period_start"], r["period_end"], r["period_type"])
        what = f"{name(r['reporter_iso3'])} {FLOW_WORDS.get(r['flow'], r['flow'])} {name(r['partner_iso3'])}"
        pct = r["gap_pct"]
        flagged = pct is not None and abs(pct) > THRESHOLD_PCT
        # the chart is narrow per pair: short labels there, the whole wording in the table
        gap_text = (f"{pct:+.1f} %" if pct is not None else f"{r['gap_usd'] / 1e9:+.3f} bn") + (" ⚠" if flagged else "")
        basis = "sum of months" if r["official_basis"] == "sum_of_months" else "same period"
        short = label.replace(" (year to date)", " ytd")
        drawn.append(
            MirrorPair(
                f"{short}\n{r['reporter_iso3']} {r['flow']}",
                [("in the news", r["news_value_usd"]), ("UN Comtrade", r["official_value_usd"])],
                gap_text,
            )
        )
        table_rows.append(
            [
                label,
                what,
                usd_bn(r["news_value_usd"]),
                f"{usd_bn(r['official_value_usd'])} ({basis}"
                + (f", {r['official_figures']} months)" if r["official_basis"] == "sum_of_months" else ")"),
                f"{r['gap_usd'] / 1e9:+.3f}",
                (f"{pct:+.1f} %" if pct is not None else "—") + (" (over the threshold)" if flagged else ""),
                r["news_evidence"],
                ctx.sources.links([r["news_source_url"]]),
            ]
        )
    links = ctx.sources.links(r["news_source_url"] for r in rows)
    title = "News figures against UN Comtrade, billion US dollars"
    footer = (
        f"Units: billion US dollars; reporter's export, import or total with its partner. News as published by "
        f"{sites_of(links)}; official: UN Comtrade, latest vintage (year to date: the sum of its months). "
        f"Gap = news minus official, as a share of official; ⚠ beyond {THRESHOLD_PCT:g} %."
    )
    section.charts.append(
        Chart(
            "news_vs_official",
            title,
            mirror_chart(drawn, title, footer),
            alt=f"{title}. Paired bars per figure: the news figure and the official one. "
            + "; ".join(f"{d.label.replace(chr(10), ' ')}: {d.gap_text}" for d in drawn),
            caption=footer,
            sources=links,
        )
    )
    section.tables.append(
        Table(
            f"Each news figure and the official one, billion US dollars (gap beyond {THRESHOLD_PCT:g} % flagged)",
            ["Period", "Figure", "News", "Official", "Gap (bn USD)", "Gap (%)", "As printed", "Page"],
            table_rows,
            numeric={2, 4, 5},
        )
    )
    return section
