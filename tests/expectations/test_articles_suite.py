"""The fct_legal_act_articles suite leaves the free text out of its read and still checks every article."""

from __future__ import annotations

import duckdb

from expectations import blocking_failures, run_suite
from expectations.suites.fct_legal_acts import ARTICLES_SUITE


def test_articles_suite_reads_short_text_and_flags_unknown_acts():
    con = duckdb.connect()
    con.execute("create table fct_legal_acts as select 'act-1' as act_key")
    con.execute(
        "create table fct_legal_act_articles as select * from (values "
        "('act-1', 0, 'b0', 'article', '1', 'Статья 1', repeat('Договаривающиеся Стороны ', 40), false), "
        "('act-2', 0, 'b0', 'article', '1', 'Статья 1', 'short', false)) "
        "t(act_key, position, block_id, level, number, heading, text, is_editorial)"
    )
    df = con.execute(ARTICLES_SUITE.sql).df()
    assert "text" not in df and "heading" not in df and len(df) == 2
    result = run_suite(con, ARTICLES_SUITE)
    unknown = next(r for r in result.results if r.name == "act_key not in fct_legal_acts")
    assert not unknown.success and unknown.unexpected_keys == ("act-2",)
    assert unknown.sample_rows[0]["block_id"] == "b0"
    assert all(r.success for r in result.results if r.severity == "blocking")


def test_articles_mart_without_its_text_column_blocks():
    con = duckdb.connect()
    con.execute("create table fct_legal_acts as select 'act-1' as act_key")
    con.execute(
        "create table fct_legal_act_articles as select 'act-1' as act_key, 0 as position, 'b0' as block_id, "
        "'article' as level, '1' as number, 'Статья 1' as heading, false as is_editorial"
    )
    result = run_suite(con, ARTICLES_SUITE)
    assert result.error is not None and '"text"' in result.error
    assert blocking_failures(result), "a mart that lost a column is not promoted"
