"""A page's problems stay with that page: dbt routes bad page content to parse_errors instead of failing.

Each test builds the raw schema of test_dbt_project's sample (reference 9 in two vintages, two acts, ...)
with one kind of damage, runs the real `dbt build`, and checks that the build passes, the damaged rows or
captures are listed in parse_errors with their reason, and everything else is where it was.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pytest
from raw_fixture import build_raw_warehouse
from test_dbt_project import GAZETA_URL, TREATY_URL, _capture, _document, run_dbt_build, sample_rows

LATEST_TRADE = (
    "select flow, period_end, value_usd from fct_trade_flows where is_latest and source_url = ? "
    "order by period_end, flow"
)
LATEST_TRADE_CAPTURED = (
    "select flow, period_end, value_usd, captured_at from fct_trade_flows where is_latest and source_url = ? "
    "order by period_end, flow"
)


def _query(path: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def _build(tmp_path: Path, rows: dict[str, list[dict[str, Any]]]) -> Path:
    path = build_raw_warehouse(tmp_path / "warehouse.next.duckdb", rows)
    result = run_dbt_build(path, tmp_path)
    assert result.returncode == 0, result.stdout[-8000:] + result.stderr[-4000:]
    return path


def _errors(path: Path) -> list[tuple]:
    return _query(path, "select capture_id, error_kind, severity, message from parse_errors order by 1, 2, 4")


@pytest.fixture(scope="module")
def intact(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample as test_dbt_project builds it: what the damaged builds are compared with."""
    return _build(tmp_path_factory.mktemp("intact"), sample_rows())


def test_a_document_with_a_blank_body_is_a_parse_error_and_its_earlier_vintage_stays(intact, tmp_path):
    # The reported failure: a page whose text the parser did not find became a document with a blank body.
    rows = sample_rows()
    (newer,) = [d for d in rows["documents"] if d["capture_id"] == "gz-2"]
    newer["body_text"] = " \u00a0\n"
    path = _build(tmp_path, rows)

    assert (
        "gz-2",
        "rejected_document",
        "error",
        "gazeta.uz: the page's document was not used: body_text is blank",
    ) in (_errors(path))
    # gz-2 counts as unread: gz-1, the earlier vintage of the same kind, is current again and its figures
    # (the garbled 2019 total included) are the latest; gz-2's corrected figure is gone with its page.
    current = _query(
        path, "select document_id from dim_documents where source_url = ? and is_latest_capture", [GAZETA_URL]
    )
    assert current == [("gz-1",)]
    trade = _query(path, LATEST_TRADE, [GAZETA_URL])
    assert (1_393_000_000.0, 3_333_503_000_000.0) == tuple(v for f, e, v in trade if e.year == 2019 and f != "import")
    assert _query(
        path,
        "select count(*) from fct_trade_flows where observation_id in "
        "(select observation_id from fct_trade_flows where captured_at > timestamptz '2022-01-08')",
    ) == [(0,)]
    # nothing else moved
    for mart in ("fct_legal_acts", "fct_legal_act_articles", "fct_indicators", "fct_events", "fct_legal_act_relations"):
        assert _query(path, f"select * from {mart} order by all") == _query(
            intact, f"select * from {mart} order by all"
        ), mart


def test_rows_with_unusable_values_are_listed_and_the_rest_of_their_page_stays(intact, tmp_path):
    rows = sample_rows()
    gz2 = [r for r in rows["trade_observations"] if r["capture_id"] == "gz-2"]
    gz2[0]["flow"] = "sideways"  # a code no mart knows
    gz2[1]["value_usd"] = -5.0  # a reading error
    rows["indicator_observations"][0]["value"] = None
    rows["legal_acts"][0]["adopted_on"] = None  # optional: not a problem
    rows["legal_acts"][2]["act_type"] = ""  # the treaty's current vintage: blank type
    rows["documents"][3]["author"] = "   "  # optional text, blank: kept as no value
    path = _build(tmp_path, rows)

    errors = _errors(path)
    assert [e for e in errors if e[1] == "rejected_row"] == sorted(
        [
            ("gz-2", "rejected_row", "warning", "trade_observations row not used: flow not accepted: sideways (2 920)"),
            (
                "gz-2",
                "rejected_row",
                "warning",
                "trade_observations row not used: value_usd out of range: -5.0 (3 335)",
            ),
            (
                "pd-1",
                "rejected_row",
                "warning",
                "indicator_observations row not used: value is blank (20 рейсов в неделю)",
            ),
            (
                "zk-2",
                "rejected_row",
                "warning",
                "legal_acts row not used: act_type is blank (Договор о вечной дружбе между Республикой Казахстан и "
                "Республикой Узбекистан)",
            ),
        ]
    )
    # the two bad figures of gz-2 (the 2018 and 2019 totals) are not used: for those two the earlier vintage
    # gz-1 is the latest reading (2019 garbled there), every other figure is gz-2's as before
    latest = {(f, e.year): (v, c) for f, e, v, c in _query(path, LATEST_TRADE_CAPTURED, [GAZETA_URL])}
    before = {(f, e.year): (v, c) for f, e, v, c in _query(intact, LATEST_TRADE_CAPTURED, [GAZETA_URL])}
    gz1 = _query(path, "select captured_at from dim_documents where document_id = 'gz-1'")[0][0]
    assert latest[("total", 2018)] == (2_920_000_000.0, gz1)
    assert latest[("total", 2019)] == (3_333_503_000_000.0, gz1)
    assert {k: v for k, v in latest.items() if k[0] != "total" or k[1] > 2019} == {
        k: v for k, v in before.items() if k[0] != "total" or k[1] > 2019
    }
    assert _query(path, "select count(*) from fct_indicators") == [(0,)]
    assert _query(path, "select source_url from fct_legal_acts where adopted_on is null") == [
        (r["source_url"],) for r in rows["legal_acts"][:1]
    ]
    assert _query(path, "select count(*) from fct_legal_acts where source_url = ?", [TREATY_URL]) == [(0,)]
    assert _query(path, "select count(*) from dim_documents") == _query(intact, "select count(*) from dim_documents")


def test_a_refetch_that_does_not_parse_or_is_another_kind_never_hides_the_current_vintage(intact, tmp_path):
    rows = sample_rows()
    # after gz-2 (current) and gz-3 (HTTP 503): a page the parser could not read, then a listing
    rows["captures"] += [
        _capture("gz-4", GAZETA_URL, "gazeta.uz", "2022-03-01T10:00:00"),
        _capture("gz-5", GAZETA_URL, "gazeta.uz", "2022-04-01T10:00:00"),
    ]
    rows["parse_errors"].append(
        {"capture_id": "gz-4", "source_url": GAZETA_URL, "site": "gazeta.uz", "parser": "gazeta_uz",
         "error_kind": "missing_part", "message": "gazeta.uz: missing_part: article body (tried div.articleContent p)"}
    )  # fmt: skip
    rows["documents"].append(_document("gz-5", GAZETA_URL, "gazeta.uz", "Поиск", None, page_kind="listing"))
    path = _build(tmp_path, rows)

    current = _query(
        path, "select document_id from dim_documents where source_url = ? and is_latest_capture", [GAZETA_URL]
    )
    assert current == [("gz-2",)]
    assert _query(path, LATEST_TRADE, [GAZETA_URL]) == _query(intact, LATEST_TRADE, [GAZETA_URL])
    assert _query(path, "select count(*) from mart_trade_targets") == _query(
        intact, "select count(*) from mart_trade_targets"
    )
    assert [(c, k, s) for c, k, s, _ in _errors(path)] == [
        ("gz-3", "empty_body", "error"),
        ("gz-4", "missing_part", "error"),
    ]

    # a later capture that parses into the page's kind again takes over as usual
    rows["captures"].append(_capture("gz-6", GAZETA_URL, "gazeta.uz", "2022-05-01T10:00:00"))
    rows["documents"].append(
        _document("gz-6", GAZETA_URL, "gazeta.uz", "Казахстан и Узбекистан", "2022-01-07T09:00:00")
    )
    rows["trade_observations"] += [
        {**r, "capture_id": "gz-6"}
        for r in rows["trade_observations"]
        if r["capture_id"] == "gz-2" and r["flow"] == "total"
    ]
    (tmp_path / "again").mkdir()
    again = _build(tmp_path / "again", rows)
    current = _query(
        again, "select document_id from dim_documents where source_url = ? and is_latest_capture", [GAZETA_URL]
    )
    assert current == [("gz-6",)]
    assert _query(again, "select distinct captured_at from fct_trade_flows where is_latest and flow = 'total'") == [
        (_query(again, "select captured_at from dim_documents where document_id = 'gz-6'")[0][0],)
    ]
    assert _errors(again) == []  # the failures before gz-6 are history now


def test_a_fallback_reading_does_not_replace_a_page_read_by_its_own_selectors(tmp_path):
    rows = sample_rows()
    rows["captures"].append(_capture("zk-3", TREATY_URL, "online.zakon.kz", "2022-02-09T10:00:00"))
    rows["documents"].append(
        _document(
            "zk-3", TREATY_URL, "online.zakon.kz", "Договор", None, page_kind="legal_act", layout="fallback:trafilatura"
        )
    )
    path = _build(tmp_path, rows)
    current = _query(
        path, "select document_id from dim_documents where source_url = ? and is_latest_capture", [TREATY_URL]
    )
    assert current == [("zk-2",)]
