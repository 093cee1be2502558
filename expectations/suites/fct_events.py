"""The suite guarding ``fct_events``: key, accepted event types, dates from 1991, not ending before starting."""

from __future__ import annotations

import great_expectations.expectations as gxe

from expectations.suite import Suite, SuiteExpectation
from expectations.suites.shape import EARLIEST_YEAR, in_set, mart_shape, not_null

COLUMNS = ("event_id", "event_type", "start_date", "end_date", "place", "actors", "source_url", "evidence")
EVENT_TYPES = ("state_visit", "official_visit", "working_visit", "forum", "signing", "talks", "conference")

SQL = """
select
    *,
    year(start_date) as start_year,
    date_diff('day', current_date, start_date) as start_days_ahead
from main.fct_events
"""

SUITE = Suite(
    name="fct_events",
    mart="fct_events",
    key="event_id",
    sql=SQL,
    expectations=(
        *mart_shape(COLUMNS, "event_id", inputs="intermediate.int_events"),
        in_set("event_type", EVENT_TYPES),
        not_null("start_date"),
        SuiteExpectation(
            "start_date before 1991",
            "row",
            gxe.ExpectColumnValuesToBeBetween(column="start_year", min_value=EARLIEST_YEAR),
        ),
        # Announced (future) events are legitimate news: reported, not quarantined.
        SuiteExpectation(
            "start_date in the future",
            "warn",
            gxe.ExpectColumnValuesToBeBetween(column="start_days_ahead", max_value=0),
        ),
        SuiteExpectation(
            "end_date before start_date",
            "row",
            gxe.ExpectColumnPairValuesAToBeGreaterThanB(
                column_A="end_date", column_B="start_date", or_equal=True, ignore_row_if="either_value_is_missing"
            ),
        ),
    ),
)
