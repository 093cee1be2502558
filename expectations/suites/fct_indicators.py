"""The suite guarding ``fct_indicators``: key, accepted qualifiers, and a plausible range for every indicator.

Ranges are per unit, with shares held to 0–100 %; growth rates may be negative or above 100 %. A value
outside its range is quarantined (a unit slip or a misread figure); an indicator with no known range is
reported so that someone adds one.
"""

from __future__ import annotations

import great_expectations.expectations as gxe

from expectations.suite import ROWS_OF_CHANGED_URLS, Suite, SuiteExpectation
from expectations.suites.shape import in_set, mart_shape, not_null

COLUMNS = (
    "indicator_observation_id",
    "indicator",
    "country_iso3",
    "partner_iso3",
    "value",
    "unit",
    "period_start",
    "period_end",
    "as_of",
    "qualifier",
    "source_url",
    "evidence",
    "captured_at",
)
QUALIFIERS = ("=", ">", "<", "~")

# (indicator LIKE pattern, unit, lowest, highest): the first matching row decides. Bounds are generous:
# they catch a figure read in the wrong unit or a garbled cell, not an unusual year.
RANGES: tuple[tuple[str, str, float, float], ...] = (
    ("%share_pct", "percent", 0, 100),
    ("%_pct", "percent", -100, 10_000),
    ("%", "usd", 0, 1e12),
    ("%", "tonnes", 0, 1e10),
    ("%", "flights_per_week", 0, 5_000),
    ("%", "passengers_per_year", 0, 1e9),
    ("%", "units_per_year", 0, 1e9),
    ("%", "enterprises", 0, 1e7),
    ("%", "contracts", 0, 1e6),
    ("%", "projects", 0, 1e6),
    ("%", "memoranda", 0, 1e5),
)


def _ranges_sql() -> str:
    rows = ",\n        ".join(
        f"({i}, '{pattern}', '{unit}', {low!r}, {high!r})" for i, (pattern, unit, low, high) in enumerate(RANGES)
    )
    return f"(values\n        {rows}\n    ) as r (priority, indicator_pattern, unit, lowest, highest)"


SQL = f"""
with indicators as (
    select * from main.fct_indicators
),

ranges as (
    select * from {_ranges_sql()}
),

matched as (
    select
        indicators.indicator_observation_id,
        ranges.lowest,
        ranges.highest
    from indicators
    inner join ranges
        on indicators.unit = ranges.unit and indicators.indicator like ranges.indicator_pattern
    qualify row_number() over (partition by indicators.indicator_observation_id order by ranges.priority) = 1
),

final as (
    select
        indicators.*,
        matched.lowest as range_lowest,
        matched.highest as range_highest,
        matched.lowest is not null as has_known_range,
        case
            when matched.lowest is not null then indicators.value between matched.lowest and matched.highest
        end as value_in_range,
        date_diff('day', current_date, coalesce(indicators.period_end, indicators.as_of)) as period_end_days_ahead
    from indicators
    left join matched on indicators.indicator_observation_id = matched.indicator_observation_id
)

select * from final
"""

SUITE = Suite(
    name="fct_indicators",
    mart="fct_indicators",
    key="indicator_observation_id",
    sql=SQL,
    changed_rows=ROWS_OF_CHANGED_URLS,
    expectations=(
        *mart_shape(COLUMNS, "indicator_observation_id", inputs="intermediate.int_indicators"),
        not_null("indicator"),
        not_null("value"),
        not_null("unit"),
        in_set("qualifier", QUALIFIERS),
        SuiteExpectation(
            "value outside the indicator's plausible range",
            "row",
            gxe.ExpectColumnValuesToBeInSet(column="value_in_range", value_set=[True]),
        ),
        SuiteExpectation(
            "indicator has no known range",
            "warn",
            gxe.ExpectColumnValuesToBeInSet(column="has_known_range", value_set=[True]),
        ),
        SuiteExpectation(
            "period_end before period_start",
            "row",
            gxe.ExpectColumnPairValuesAToBeGreaterThanB(
                column_A="period_end", column_B="period_start", or_equal=True, ignore_row_if="either_value_is_missing"
            ),
        ),
        SuiteExpectation(
            "period_end in the future",
            "row",
            gxe.ExpectColumnValuesToBeBetween(column="period_end_days_ahead", max_value=0),
        ),
    ),
)
