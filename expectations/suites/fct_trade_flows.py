"""The suite guarding ``fct_trade_flows``: keys, accepted codes, plausible values and periods, totals.

The cross-row rules are computed in SQL as derived columns so each stays a plain column expectation:
``total_gap_pct`` compares a total with export + import of the same reporter, partner, period and
source vintage (URL, publication and capture time); ``ytd_to_full_year_ratio`` compares a year-to-date
figure with the full year of the same flow.
"""

from __future__ import annotations

import great_expectations.expectations as gxe

from expectations.suite import ROWS_OF_CHANGED_URLS, Suite, SuiteExpectation
from expectations.suites.shape import mart_empty, not_null

MART_COLUMNS = (
    "observation_id",
    "reporter_iso3",
    "partner_iso3",
    "flow",
    "period_start",
    "period_end",
    "period_type",
    "value_usd",
    "qualifier",
    "source_url",
    "published_at",
    "captured_at",
    "evidence",
    "evidence_kind",
    "is_latest",
    "source_kind",
)
FLOWS = ("export", "import", "total")
# A row without these cannot be placed or summed: quarantined rather than guessed.
NOT_NULL = ("reporter_iso3", "partner_iso3", "flow", "period_start", "period_end", "value_usd")
PERIOD_TYPES = ("year", "ytd", "quarter", "half", "month")
QUALIFIERS = ("=", ">", "<", "~")
SOURCE_KINDS = ("news", "official_statistics", "legal_text")
# Totals are printed rounded to the unit (million USD): 2 920 against 1 352 + 1 567 is 0.03 %.
TOTAL_TOLERANCE_PCT = 0.5
MAX_VALUE_USD = 1e12  # a thousand billion dollars: far above any bilateral flow, so a unit or parse error

SQL = """
with flows as (
    select * from main.fct_trade_flows
),

vintage_parts as (
    select
        *,
        count(case when flow = 'export' then 1 end) over vintage as n_exports,
        count(case when flow = 'import' then 1 end) over vintage as n_imports,
        sum(case when flow = 'export' then value_usd end) over vintage as export_usd,
        sum(case when flow = 'import' then value_usd end) over vintage as import_usd
    from flows
    window vintage as (
        partition by reporter_iso3, partner_iso3, period_start, period_end,
        source_url, published_at, captured_at
    )
),

full_years as (
    select
        reporter_iso3,
        partner_iso3,
        flow,
        year(period_start) as calendar_year,
        value_usd as full_year_usd
    from flows
    where period_type = 'year'
    qualify row_number() over (
        partition by reporter_iso3, partner_iso3, flow, year(period_start)
        order by is_latest desc nulls last, captured_at desc nulls last
    ) = 1
),

final as (
    select
        v.* exclude (n_exports, n_imports, export_usd, import_usd),
        case
            when v.flow = 'total' and v.n_exports = 1 and v.n_imports = 1 and v.export_usd + v.import_usd > 0
                then abs(v.value_usd - (v.export_usd + v.import_usd)) / (v.export_usd + v.import_usd) * 100
        end as total_gap_pct,
        case
            when v.period_type = 'ytd' and y.full_year_usd > 0 then v.value_usd / y.full_year_usd
        end as ytd_to_full_year_ratio,
        date_diff('day', current_date, v.period_end) as period_end_days_ahead
    from vintage_parts as v
    left join full_years as y
        on
            v.period_type = 'ytd'
            and v.reporter_iso3 = y.reporter_iso3
            and v.partner_iso3 = y.partner_iso3
            and v.flow = y.flow
            and year(v.period_start) = y.calendar_year
)

select * from final
"""

SUITE = Suite(
    name="fct_trade_flows",
    mart="fct_trade_flows",
    key="observation_id",
    sql=SQL,
    changed_rows=ROWS_OF_CHANGED_URLS,
    expectations=(
        SuiteExpectation(
            "mart columns missing",
            "blocking",
            gxe.ExpectTableColumnsToMatchSet(column_set=list(MART_COLUMNS), exact_match=False),
        ),
        mart_empty("intermediate.int_trade_observations"),
        SuiteExpectation("observation_id null", "blocking", gxe.ExpectColumnValuesToNotBeNull(column="observation_id")),
        SuiteExpectation(
            "observation_id duplicated", "blocking", gxe.ExpectColumnValuesToBeUnique(column="observation_id")
        ),
        *(not_null(c) for c in NOT_NULL),
        SuiteExpectation(
            "flow not in accepted set", "row", gxe.ExpectColumnValuesToBeInSet(column="flow", value_set=list(FLOWS))
        ),
        SuiteExpectation(
            "period_type not in accepted set",
            "row",
            gxe.ExpectColumnValuesToBeInSet(column="period_type", value_set=list(PERIOD_TYPES)),
        ),
        SuiteExpectation(
            "qualifier not in accepted set",
            "row",
            gxe.ExpectColumnValuesToBeInSet(column="qualifier", value_set=list(QUALIFIERS)),
        ),
        SuiteExpectation(
            "source_kind not in accepted set",
            "row",
            gxe.ExpectColumnValuesToBeInSet(column="source_kind", value_set=list(SOURCE_KINDS)),
        ),
        SuiteExpectation(
            "value_usd out of range (0, 1e12)",
            "row",
            gxe.ExpectColumnValuesToBeBetween(
                column="value_usd", min_value=0, max_value=MAX_VALUE_USD, strict_min=True, strict_max=True
            ),
        ),
        SuiteExpectation(
            "period_end before period_start",
            "row",
            gxe.ExpectColumnPairValuesAToBeGreaterThanB(
                column_A="period_end",
                column_B="period_start",
                or_equal=True,
                ignore_row_if="either_value_is_missing",
            ),
        ),
        SuiteExpectation(
            "period_end in the future",
            "row",
            gxe.ExpectColumnValuesToBeBetween(column="period_end_days_ahead", max_value=0),
        ),
        SuiteExpectation(
            "total differs from export + import",
            "row",
            gxe.ExpectColumnValuesToBeBetween(column="total_gap_pct", max_value=TOTAL_TOLERANCE_PCT, mostly=1.0),
        ),
        SuiteExpectation(
            "ytd above full year",
            "warn",
            gxe.ExpectColumnValuesToBeBetween(column="ytd_to_full_year_ratio", max_value=1.0),
        ),
    ),
)
