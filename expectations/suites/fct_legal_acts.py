"""The suites guarding ``fct_legal_acts`` and ``fct_legal_act_articles``: keys, accepted codes, plausible dates."""

from __future__ import annotations

import great_expectations.expectations as gxe

from expectations.suite import ROWS_OF_CHANGED_URLS, Suite, SuiteExpectation
from expectations.suites.shape import EARLIEST_YEAR, in_set, mart_shape, not_null

# The text blocks fct_legal_act_articles is built from: the usable blocks of the acts' current captures.
ARTICLE_INPUTS = (
    "(select 1 from staging.stg_raw__legal_act_articles where rejected_reason is null "
    "and capture_id in (select capture_id from intermediate.int_legal_acts)) as article_inputs"
)

COLUMNS = (
    "act_key",
    "jurisdiction_iso3",
    "source_url",
    "title",
    "act_type",
    "act_number",
    "adopted_on",
    "signed_place",
    "status",
    "in_force_from",
    "lost_force_on",
    "language",
    "issuing_body",
    "is_partial",
    "captured_at",
)
ACT_TYPES = ("treaty", "agreement", "declaration", "law", "code", "decree", "resolution", "protocol", "other")
STATUSES = ("in_force", "lost_force", "not_in_force", "unknown")
LEVELS = ("section", "chapter", "article", "clause", "text", "note")

SQL = """
with acts as (
    select * from main.fct_legal_acts
),

final as (
    select
        acts.*,
        acts.jurisdiction_iso3 in (select iso3 from main.dim_countries) as jurisdiction_known,
        year(acts.adopted_on) as adopted_year,
        date_diff('day', current_date, acts.adopted_on) as adopted_days_ahead
    from acts
)

select * from final
"""

SUITE = Suite(
    name="fct_legal_acts",
    mart="fct_legal_acts",
    key="act_key",
    sql=SQL,
    changed_rows=ROWS_OF_CHANGED_URLS,
    expectations=(
        *mart_shape(COLUMNS, "act_key", inputs="intermediate.int_legal_acts"),
        SuiteExpectation("source_url duplicated", "blocking", gxe.ExpectColumnValuesToBeUnique(column="source_url")),
        not_null("title"),
        in_set("act_type", ACT_TYPES),
        in_set("status", STATUSES),
        SuiteExpectation(
            "jurisdiction_iso3 not in dim_countries",
            "row",
            gxe.ExpectColumnValuesToBeInSet(column="jurisdiction_known", value_set=[True]),
        ),
        SuiteExpectation(
            "adopted_on before 1991",
            "row",
            gxe.ExpectColumnValuesToBeBetween(column="adopted_year", min_value=EARLIEST_YEAR),
        ),
        SuiteExpectation(
            "adopted_on in the future",
            "row",
            gxe.ExpectColumnValuesToBeBetween(column="adopted_days_ahead", max_value=0),
        ),
    ),
)

ARTICLES_SQL = """
with articles as (
    select * from main.fct_legal_act_articles
),

final as (
    -- The free text (heading, text) is left out: no expectation reads it, and at 100k pages it made this
    -- read of ~2M articles peak near 3 GB (bench/README.md). A failing row is named by act_key, position
    -- and block_id. EXCLUDE fails on a missing column, so the mart still needs both (every expectation
    -- then fails with the binder error, the blocking ones stop promotion).
    select
        articles.* exclude (heading, text),
        articles.act_key in (select act_key from main.fct_legal_acts) as act_known
    from articles
)

select * from final
"""

# Articles have a compound key (act_key, position), so nothing here quarantines: a bad block is reported.
ARTICLES_SUITE = Suite(
    name="fct_legal_act_articles",
    mart="fct_legal_act_articles",
    key="act_key",
    sql=ARTICLES_SQL,
    # the blocks of the acts whose page changed (the act may be in quarantine: int_legal_acts has them all)
    changed_rows="act_key in (select act_key from intermediate.int_legal_acts where source_url in {changed_urls})",
    expectations=(
        *mart_shape(
            ("act_key", "position", "block_id", "level", "number", "is_editorial"),  # + heading, text: see SQL
            ("act_key", "position"),
            inputs=ARTICLE_INPUTS,
        ),
        in_set("level", LEVELS, "warn"),
        SuiteExpectation(
            "act_key not in fct_legal_acts",
            "warn",
            gxe.ExpectColumnValuesToBeInSet(column="act_known", value_set=[True]),
        ),
        SuiteExpectation(
            "position negative", "warn", gxe.ExpectColumnValuesToBeBetween(column="position", min_value=0)
        ),
    ),
)
