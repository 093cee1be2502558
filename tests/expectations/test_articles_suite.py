"""The legal_act_articles suite reads article text cut to 80 characters and still checks every article."""

from __future__ import annotations

import duckdb

from expectations import run_suite
from expectations.suites.fct_legal_acts import ARTICLES_SUITE


def test_articles_suite_reads_short_text_and_flags_unknown_acts():
    con = duckdb.connect()
    con.execute("create table fct_legal_acts as select 'act-1' as act_key")
    con.execute(
        "create table legal_act_articles as select * from (values "
        "('act-1', 0, 'b0', 'article', '1', 'Статья 1', repeat('Договаривающиеся Стороны ', 40), false), "
        "('act-2', 0, 'b0', 'article', '1', 'Статья 1', 'short', false)) "
        "t(act_key, position, block_id, level, number, heading, text, is_editorial)"
    )
    df = con.execute(ARTICLES_SUITE.sql).df()
    assert df["text"].str.len().tolist() == [80, 5]
    assert df["text"][0] == ("Договаривающиеся Стороны " * 4)[:80]
    result = run_suite(con, ARTICLES_SUITE)
    unknown = next(r for r in result.results if r.name == "act_key not in fct_legal_acts")
    assert not unknown.success and unknown.unexpected_keys == ("act-2",)
    assert all(r.success for r in result.results if r.severity == "blocking")
