"""The suite guarding ``mart_news_vs_official``: its shape, and a warning per news figure far from the official one.

Threshold: 5 %. A news figure and the official one for the same reporter, flow and period should agree
closely: the news rounds to millions (0.05 % at most on a flow of a billion), and the usual honest causes of
a gap (the news printing a preliminary figure that the statistics office later revised, or a total of
monthly figures against the annual one) move a bilateral flow by a few per cent at most. Beyond 5 % the
likelier causes are a misprint, a wrong unit, swapped flows or another reporter's statistics, which a
reader should look at. A figure qualified as a bound ('>' more than, '<' less than) is flagged only when the
official figure contradicts the bound by more than the threshold.

Each warning is its own alert (kind ``news_vs_official``) that names the page and the sentence or table
cell: the suite's key is that description (``news_figure``), so it reaches the alert's summary.
"""

from __future__ import annotations

import great_expectations.expectations as gxe

from expectations.suite import Suite, SuiteExpectation
from expectations.suites.shape import mart_shape

COLUMNS = (
    "comparison_id",
    "reporter_iso3",
    "partner_iso3",
    "flow",
    "period_start",
    "period_end",
    "news_value_usd",
    "news_source_url",
    "news_evidence",
    "official_value_usd",
    "official_basis",
    "gap_usd",
    "gap_pct",
)
THRESHOLD_PCT = 5.0

SQL = """
with comparisons as (
    select * from main.mart_news_vs_official
),

final as (
    select
        comparisons.*,
        comparisons.news_source_url as source_url,
        -- the gap that contradicts the news: a bound ('>' / '<') only when the official figure breaks it
        abs(case comparisons.news_qualifier
            when '>' then least(comparisons.gap_pct, 0)
            when '<' then greatest(comparisons.gap_pct, 0)
            else comparisons.gap_pct
        end) as contradiction_pct,
        printf(
            '%s prints %s %s %s for %s–%s: %s USD in «%s»; UN Comtrade (%s): %.0f USD; gap %+.1f %%',
            comparisons.news_source_url,
            comparisons.reporter_iso3,
            case comparisons.flow
                when 'export' then 'exports to' when 'import' then 'imports from' else 'trade with'
            end,
            comparisons.partner_iso3,
            strftime(comparisons.period_start, '%Y-%m-%d'),
            strftime(comparisons.period_end, '%Y-%m-%d'),
            comparisons.news_qualifier || printf('%.0f', comparisons.news_value_usd),
            comparisons.news_evidence,
            comparisons.official_basis,
            comparisons.official_value_usd,
            comparisons.gap_pct
        ) as news_figure
    from comparisons
)

select * from final
"""

SUITE = Suite(
    name="mart_news_vs_official",
    mart="mart_news_vs_official",
    key="news_figure",
    sql=SQL,
    expectations=(
        *mart_shape(COLUMNS, "comparison_id", may_be_empty=True),
        SuiteExpectation(
            f"news figure differs from the official one by more than {THRESHOLD_PCT:g} %",
            "warn",
            gxe.ExpectColumnValuesToBeBetween(column="contradiction_pct", max_value=THRESHOLD_PCT),
            alert_kind="news_vs_official",
        ),
    ),
)
