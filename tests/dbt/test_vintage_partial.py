"""A login wall's partial page read by the site's own selectors is never hidden by a main-text fallback reading.

online.zakon.kz shows most acts only in part (title and requisites; the text behind a login): that partial
page is the act. A later capture the site's selectors cannot read but the main-text fallback can (what a
cookie wall or a maintenance notice gives: a "legal act" titled after the notice, with no requisites) must not
become the current vintage and take the act out of fct_legal_acts (the chaos test found it: a cookie wall as a
newer capture of reference 4, tests/chaos/test_chaos.py). Nor does a partial page hide the full text.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
from raw_fixture import build_raw_warehouse
from test_dbt_project import TREATY_URL, _capture, _document, run_dbt_build, sample_rows

CURRENT = "select document_id from dim_documents where source_url = ? and is_latest_capture"


def _query(path: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def _partial_treaty_rows() -> dict:
    """The sample with the treaty's pages as online.zakon.kz serves them: the public part behind the login."""
    rows = sample_rows()
    for document in rows["documents"]:
        if document["source_url"] == TREATY_URL:
            document.update(page_kind="partial", layout="document_bem")
    for act in rows["legal_acts"]:
        if act["source_url"] == TREATY_URL:
            act["is_partial"] = True
    return rows


def _build(tmp_path: Path, rows: dict) -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = build_raw_warehouse(tmp_path / "warehouse.next.duckdb", rows)
    result = run_dbt_build(path, tmp_path)
    assert result.returncode == 0, result.stdout[-8000:] + result.stderr[-4000:]
    return path


def test_a_fallback_reading_of_a_notice_does_not_hide_a_partial_act_page(tmp_path):
    rows = _partial_treaty_rows()
    rows["captures"].append(_capture("zk-3", TREATY_URL, "online.zakon.kz", "2022-02-09T10:00:00"))
    rows["documents"].append(
        _document(
            "zk-3",
            TREATY_URL,
            "online.zakon.kz",
            "Настройки конфиденциальности",
            None,
            page_kind="legal_act",
            layout="fallback:trafilatura",
        )
    )
    path = _build(tmp_path, rows)
    assert _query(path, CURRENT, [TREATY_URL]) == [("zk-2",)]
    acts = _query(
        path, "select title, act_type, adopted_on, is_partial from fct_legal_acts where source_url = ?", [TREATY_URL]
    )
    assert [(title, kind, str(day), partial) for title, kind, day, partial in acts] == [
        ("Договор о вечной дружбе между Республикой Казахстан и Республикой Узбекистан", "treaty", "1998-10-31", True)
    ]


def test_a_partial_page_does_not_hide_the_full_act(tmp_path):
    rows = sample_rows()  # zk-1 and zk-2: the full act text
    rows["captures"].append(_capture("zk-3", TREATY_URL, "online.zakon.kz", "2022-02-09T10:00:00"))
    rows["documents"].append(
        _document("zk-3", TREATY_URL, "online.zakon.kz", "Договор", None, page_kind="partial", layout="document_bem")
    )
    assert _query(_build(tmp_path, rows), CURRENT, [TREATY_URL]) == [("zk-2",)]


def test_a_listing_served_at_an_act_url_does_not_hide_its_partial_page(tmp_path):
    rows = _partial_treaty_rows()
    rows["captures"].append(_capture("zk-3", TREATY_URL, "online.zakon.kz", "2022-02-09T10:00:00"))
    rows["documents"].append(
        _document("zk-3", TREATY_URL, "online.zakon.kz", "Поиск по базе", None, page_kind="listing", layout="list")
    )
    path = _build(tmp_path, rows)
    assert _query(path, CURRENT, [TREATY_URL]) == [("zk-2",)]
    assert _query(path, "select count(*) from fct_legal_acts where source_url = ?", [TREATY_URL]) == [(1,)]
