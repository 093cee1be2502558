"""dbt build of dbt_project/ on a raw schema of known rows (FACTS.md reference 9 and two acts): marts and tests.

dbt writes its target/ and logs/ into the test's temporary directory, never into the repository.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb
import pytest
from raw_fixture import REPO_ROOT, build_raw_warehouse, catalog_rows

PROJECT_DIR = REPO_ROOT / "dbt_project"

GAZETA_URL = "https://www.gazeta.uz/ru/2022/01/07/kaz-uzb/"
GAZETA_2017_URL = "https://www.gazeta.uz/ru/2017/03/22/region/"
DECREE_URL = "https://lex.uz/ru/docs/3107042"
TREATY_URL = "https://online.zakon.kz/Document/?doc_id=1014669"
FLIGHTS_URL = (
    "https://podrobno.uz/cat/obchestvo/uzbekistan-i-kazakhstan-velichivayut-chislo-reysov-mezhdu-gorodami-dvukh-stran/"
)

# The trade table of reference 9 (Uzbek statistics, million USD), as printed: row -> flow, column -> period.
TRADE_PERIODS = [
    (date(2018, 1, 1), date(2018, 12, 31), "year", "2018"),
    (date(2019, 1, 1), date(2019, 12, 31), "year", "2019"),
    (date(2020, 1, 1), date(2020, 12, 31), "year", "2020"),
    (date(2021, 1, 1), date(2021, 11, 30), "ytd", "Январь–ноябрь 2021"),
]
TRADE_TABLE = {
    "total": ["2 920", "3 333 503", "3 006", "3 538"],
    "export": ["1 352", "1 393", "908", "1 057"],
    "import": ["1 567", "1 942", "2 097", "2 481"],
}
# The revised vintage of the page corrects the garbled 2019 total.
REVISED_CELLS = {("total", 1): "3 335"}


def _ts(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def _million_usd(cell: str) -> float:
    return float(cell.replace(" ", "")) * 1_000_000


def _capture(capture_id: str, url: str, site: str, fetched_at: str, http_status: int = 200) -> dict[str, Any]:
    return {
        "capture_id": capture_id,
        "source_url": url,
        "site": site,
        "fetched_at": _ts(fetched_at),
        "http_status": http_status,
        "content_type": "text/html; charset=utf-8",
        "content_sha256": f"sha256-of-{capture_id}",
        "content_length": 1000,
        "is_reconstruction": True,
        "parser": site.replace(".", "_"),
        "parser_version": "1",
    }


def _document(capture_id: str, url: str, site: str, title: str, published_at: str | None, **extra: Any):
    return {
        "capture_id": capture_id,
        "source_url": url,
        "site": site,
        "page_kind": extra.pop("page_kind", "article"),
        "layout": extra.pop("layout", "default"),
        "title": title,
        "published_at": _ts(published_at) if published_at else None,
        "language": extra.pop("language", "ru"),
        "body_text": extra.pop("body_text", f"{title}. The page's text."),
        **extra,
    }


def _trade_rows(capture_id: str, revised: dict[tuple[str, int], str]) -> list[dict[str, Any]]:
    rows = []
    for row_index, (flow, cells) in enumerate(TRADE_TABLE.items(), start=1):
        for col, (start, end, period_type, _header) in enumerate(TRADE_PERIODS):
            cell = revised.get((flow, col), cells[col])
            rows.append(
                {
                    "capture_id": capture_id,
                    "source_url": GAZETA_URL,
                    "reporter_iso3": "UZB",
                    "partner_iso3": "KAZ",
                    "flow": flow,
                    "period_start": start,
                    "period_end": end,
                    "period_type": period_type,
                    "value_usd": _million_usd(cell),
                    "qualifier": "=",
                    "evidence": cell,
                    "evidence_kind": "table_cell",
                    "table_index": 0,
                    "row_index": row_index,
                    "col_index": col + 1,
                }
            )
    return rows


def sample_rows() -> dict[str, list[dict[str, Any]]]:
    """Raw rows: two vintages (and a failed refetch) of reference 9, a decree, a treaty in two vintages."""
    rows: dict[str, list[dict[str, Any]]] = catalog_rows()
    rows["captures"] = [
        _capture("gz-1", GAZETA_URL, "gazeta.uz", "2022-01-07T10:00:00"),
        _capture("gz-2", GAZETA_URL, "gazeta.uz", "2022-01-10T10:00:00"),
        _capture("gz-3", GAZETA_URL, "gazeta.uz", "2022-02-01T10:00:00", http_status=503),
        _capture("gz17-1", GAZETA_2017_URL, "gazeta.uz", "2022-01-07T11:00:00"),
        _capture("lex-1", DECREE_URL, "lex.uz", "2022-01-08T10:00:00"),
        _capture("zk-1", TREATY_URL, "online.zakon.kz", "2021-12-01T10:00:00"),
        _capture("zk-2", TREATY_URL, "online.zakon.kz", "2022-01-09T10:00:00"),
        _capture("pd-1", FLIGHTS_URL, "podrobno.uz", "2022-01-09T12:00:00"),
    ]
    gazeta_title = "Казахстан и Узбекистан: товарооборот"
    rows["documents"] = [
        _document("gz-1", GAZETA_URL, "gazeta.uz", gazeta_title, "2022-01-07T09:00:00", author="Шухрат Латипов"),
        _document("gz-2", GAZETA_URL, "gazeta.uz", gazeta_title, "2022-01-07T09:00:00", author="Шухрат Латипов"),
        _document("gz17-1", GAZETA_2017_URL, "gazeta.uz", "Центральная Азия — единый организм", "2017-03-22T06:00:00"),
        _document("lex-1", DECREE_URL, "lex.uz", "О Стратегии действий", None, page_kind="legal_act"),
        _document("zk-1", TREATY_URL, "online.zakon.kz", "Договор о вечной дружбе", None, page_kind="legal_act"),
        _document(
            "zk-2", TREATY_URL, "online.zakon.kz", "Договор о вечной дружбе между РК и РУ", None, page_kind="legal_act"
        ),
        _document("pd-1", FLIGHTS_URL, "podrobno.uz", "Число рейсов увеличат", "2021-08-20T08:00:00"),
    ]
    rows["trade_observations"] = _trade_rows("gz-1", {}) + _trade_rows("gz-2", REVISED_CELLS)
    rows["table_cells"] = [
        {
            "capture_id": "gz-2",
            "source_url": GAZETA_URL,
            "table_index": 0,
            "row_index": 0,
            "col_index": 4,
            "is_header": True,
            "text": "Январь–ноябрь 2021",
            "caption": None,
        },
    ]
    decree = {
        "site": "lex.uz",
        "jurisdiction_iso3": "UZB",
        "act_type": "decree",
        "act_form_raw": "Указ Президента",
        "act_number": "УП-4947",
        "adopted_on": date(2017, 2, 7),
        "signed_place": "г. Ташкент",
        "issuing_body": "Президент Республики Узбекистан",
        "status": "unknown",
        "status_raw": None,
        "language": "ru",
        "is_partial": False,
        "title": "О Стратегии действий по пяти приоритетным направлениям развития Республики Узбекистан "
        "в 2017–2021 годах",
    }
    treaty = {
        "site": "online.zakon.kz",
        "jurisdiction_iso3": "KAZ",
        "act_type": "treaty",
        "act_form_raw": "Договор",
        "act_number": None,
        "adopted_on": date(1998, 10, 31),
        "signed_place": "Ташкент",
        "issuing_body": None,
        "status": "unknown",
        "status_raw": None,
        "language": "ru",
        "is_partial": False,
    }
    rows["legal_acts"] = [
        {"capture_id": "lex-1", "source_url": DECREE_URL, **decree},
        {"capture_id": "zk-1", "source_url": TREATY_URL, **treaty, "title": "Договор о вечной дружбе"},
        {
            "capture_id": "zk-2",
            "source_url": TREATY_URL,
            **treaty,
            "title": "Договор о вечной дружбе между Республикой Казахстан и Республикой Узбекистан",
        },
    ]

    def article(capture_id: str, url: str, position: int, number: str | None, text: str, **extra: Any):
        return {
            "capture_id": capture_id,
            "source_url": url,
            "position": position,
            "block_id": f"b{position}",
            "level": extra.pop("level", "article"),
            "number": number,
            "heading": None,
            "text": text,
            "is_editorial": extra.pop("is_editorial", False),
        }

    rows["legal_act_articles"] = [
        article("lex-1", DECREE_URL, 0, "1", "Утвердить Стратегию действий."),
        article("lex-1", DECREE_URL, 1, "2", "Образовать Национальную комиссию."),
        article("zk-1", TREATY_URL, 0, "1", "Старая редакция статьи 1."),
        article("zk-2", TREATY_URL, 0, "1", "Высокие Договаривающиеся Стороны..."),
        article("zk-2", TREATY_URL, 1, "2", "Стороны развивают сотрудничество..."),
        article("zk-2", TREATY_URL, 2, None, "(Ратифицирован Законом РК)", level="note", is_editorial=True),
    ]
    rows["events"] = [
        {
            "capture_id": "gz17-1",
            "source_url": GAZETA_2017_URL,
            "event_type": "state_visit",
            "start_date": date(2017, 3, 22),
            "end_date": date(2017, 3, 23),
            "place": "Астана",
            "actors": "Шавкат Мирзиёев, Нурсултан Назарбаев",
            "evidence": "государственный визит в Астану",
        },
        {
            "capture_id": "pd-1",
            "source_url": FLIGHTS_URL,
            "event_type": "state_visit",
            "start_date": date(2017, 3, 22),
            "end_date": date(2017, 3, 23),
            "place": "астана",
            "actors": "Мирзиёев",
            "evidence": "визит в Астану в марте 2017 года",
        },
    ]
    rows["indicator_observations"] = [
        {
            "capture_id": "pd-1",
            "source_url": FLIGHTS_URL,
            "indicator": "flights_per_week",
            "country_iso3": "UZB",
            "partner_iso3": "KAZ",
            "value": 20.0,
            "unit": "flights_per_week",
            "as_of": date(2021, 8, 20),
            "qualifier": "=",
            "evidence": "20 рейсов в неделю",
        },
    ]
    rows["trade_targets"] = [
        {
            "capture_id": capture_id,
            "source_url": GAZETA_URL,
            "value_usd": 5e9,
            "qualifier": "=",
            "horizon_text": "к 2022 году",
            "horizon_end": date(2022, 12, 31),
            "announced_by": "Руководство двух стран",
            "announced_on": date(2022, 1, 7),
            "evidence": "к 2022 году взаимная торговля должна выйти на 5 млрд долларов",
        }
        for capture_id in ("gz-1", "gz-2")  # the same sentence in both vintages: one target
    ]
    relation = {
        "source_url": DECREE_URL,
        "relation": "repeals",
        "evidence": "Признать утратившими силу ...",
    }
    rows["legal_act_relations"] = [
        # resolved by date (no number printed) to the treaty
        {
            **relation,
            "capture_id": "lex-1",
            "block_id": "b1",
            "target_title": "Договор от 31.10.1998",
            "target_date_text": "31.10.1998",
            "target_date": date(1998, 10, 31),
        },
        # not in the warehouse: kept as printed, unresolved
        {
            **relation,
            "capture_id": "lex-1",
            "block_id": "b1",
            "target_title": "Указ от 20.10.2016 № ПФ-4848",
            "target_number": "ПФ-4848",
            "target_date_text": "20.10.2016",
            "target_date": date(2016, 10, 20),
        },
        # from a superseded vintage of the treaty page: not shown
        {
            "capture_id": "zk-1",
            "source_url": TREATY_URL,
            "relation": "amends",
            "target_title": "Протокол",
            "evidence": "О внесении изменений в Протокол",
            "block_id": None,
        },
    ]
    rows["parse_errors"] = [
        {
            "capture_id": "gz-1",
            "source_url": GAZETA_URL,
            "site": "gazeta.uz",
            "parser": "gazeta_uz",
            "error_kind": "unknown_layout",
            "message": "sidebar widget not recognised",
        },
        {
            "capture_id": "gz-3",
            "source_url": GAZETA_URL,
            "site": "gazeta.uz",
            "parser": "gazeta_uz",
            "error_kind": "empty_body",
            "message": "HTTP 503",
        },
    ]
    return rows


def _dbt_executable() -> str:
    beside_python = Path(sys.executable).parent / "dbt"
    found = str(beside_python) if beside_python.exists() else shutil.which("dbt")
    if found is None:  # dbt-core is a dependency of the project: a missing dbt is a broken install, not a skip
        pytest.fail(f"no dbt executable beside {sys.executable} or on PATH: reinstall with `make install`")
    return found


def run_dbt_build(warehouse: Path, work_dir: Path) -> subprocess.CompletedProcess[str]:
    """`dbt build` of dbt_project/ into `warehouse`, with target/ and logs/ under work_dir."""
    env = {
        **os.environ,
        "KZUZ_WAREHOUSE_PATH": str(warehouse),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "DBT_VERSION_CHECK": "false",
        "DBT_USE_COLORS": "false",
    }
    command = [
        _dbt_executable(),
        "build",
        "--project-dir",
        str(PROJECT_DIR),
        "--profiles-dir",
        str(PROJECT_DIR),
        "--target-path",
        str(work_dir / "target"),
        "--log-path",
        str(work_dir / "logs"),
    ]
    return subprocess.run(command, cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=600)


def _query(warehouse: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work_dir = tmp_path_factory.mktemp("dbt_sample")
    # The pipeline builds warehouse.next.duckdb: use the same name so its catalog naming is exercised.
    path = build_raw_warehouse(work_dir / "warehouse.next.duckdb", sample_rows())
    result = run_dbt_build(path, work_dir)
    assert result.returncode == 0, result.stdout[-8000:] + result.stderr[-4000:]
    assert " WARN=0 " in result.stdout, result.stdout[-8000:]  # the sample data trips no warn-level test
    return path


MART_COLUMNS = {
    "dim_documents": [
        "document_id",
        "source_url",
        "site",
        "title",
        "published_at",
        "language",
        "captured_at",
        "content_sha256",
        "is_reconstruction",
        "page_kind",
        "layout",
        "is_latest_capture",
    ],
    "fct_trade_flows": [
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
    ],
    "fct_legal_acts": [
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
    ],
    "fct_legal_act_articles": ["act_key", "position", "block_id", "level", "number", "heading", "text", "is_editorial"],
    "fct_indicators": [
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
    ],
    "fct_events": [
        "event_id",
        "event_type",
        "start_date",
        "end_date",
        "place",
        "actors",
        "source_url",
        "evidence",
        "source_urls",
        "n_sources",
    ],
    "fct_legal_act_relations": [
        "relation_id",
        "act_key",
        "relation",
        "target_title",
        "target_number",
        "target_date_text",
        "target_date",
        "target_act_key",
        "source_url",
        "block_id",
        "evidence",
    ],
    "mart_trade_mirror": [
        "mirror_id",
        "period_start",
        "period_end",
        "period_type",
        "reporter_iso3",
        "reporter_flow",
        "reporter_value_usd",
        "reporter_qualifier",
        "reporter_observation_id",
        "reporter_source_url",
        "reporter_source_kind",
        "partner_iso3",
        "partner_flow",
        "partner_value_usd",
        "partner_qualifier",
        "partner_observation_id",
        "partner_source_url",
        "partner_source_kind",
        "gap_usd",
        "gap_pct",
    ],
    "mart_news_vs_official": [
        "comparison_id",
        "reporter_iso3",
        "partner_iso3",
        "flow",
        "period_start",
        "period_end",
        "period_type",
        "news_value_usd",
        "news_qualifier",
        "news_observation_id",
        "news_source_url",
        "news_published_at",
        "news_captured_at",
        "news_evidence",
        "news_evidence_kind",
        "official_value_usd",
        "official_basis",
        "official_figures",
        "official_observation_ids",
        "official_source_urls",
        "official_captured_at",
        "gap_usd",
        "gap_pct",
    ],
    "mart_trade_targets": [
        "target_progress_id",
        "target_id",
        "target_usd",
        "target_qualifier",
        "horizon_text",
        "horizon_end",
        "announced_by",
        "announced_on",
        "target_source_url",
        "target_evidence",
        "basis",
        "reporter_iso3",
        "partner_iso3",
        "period_start",
        "period_end",
        "period_type",
        "actual_usd",
        "actual_qualifier",
        "actual_observation_id",
        "actual_source_url",
        "actual_published_at",
        "actual_captured_at",
        "share_reached_pct",
    ],
    "dim_countries": ["iso3", "iso_numeric", "name_en", "name_ru", "name_uz", "name_kk"],
    "dim_sites": ["site", "country_iso3", "kind", "parser", "hosts"],
    "parse_errors": ["source_url", "site", "parser", "error_kind", "message", "capture_id", "captured_at", "severity"],
}


def test_marts_are_tables_in_main_with_contract_columns(warehouse: Path) -> None:
    for mart, columns in MART_COLUMNS.items():
        found = _query(
            warehouse,
            "select column_name from information_schema.columns "
            f"where table_schema = 'main' and table_name = '{mart}' order by ordinal_position",
        )
        assert [name for (name,) in found] == columns, mart
    kinds = _query(
        warehouse,
        "select table_schema, table_type, count(*) from information_schema.tables "
        "where table_schema in ('main', 'staging', 'intermediate') group by all order by all",
    )
    # The three marts derived from fct_trade_flows are views, so they read it after the quarantine step;
    # the vintage model is a table, rebuilt per changed URL (macros/refresh_scope.sql).
    assert [k[:2] for k in kinds] == [
        ("intermediate", "BASE TABLE"),
        ("intermediate", "VIEW"),
        ("main", "BASE TABLE"),
        ("main", "VIEW"),
        ("staging", "VIEW"),
    ]
    views = _query(
        warehouse,
        "select table_name from information_schema.tables "
        "where table_schema = 'main' and table_type = 'VIEW' order by 1",
    )
    assert views == [("mart_news_vs_official",), ("mart_trade_mirror",), ("mart_trade_targets",)]
    tables = _query(
        warehouse,
        "select table_name from information_schema.tables "
        "where table_schema = 'intermediate' and table_type = 'BASE TABLE' order by 1",
    )
    assert tables == [("int_captures__status",)]
    value_type = _query(
        warehouse,
        "select data_type from information_schema.columns "
        "where table_name = 'fct_trade_flows' and column_name = 'value_usd'",
    )
    assert value_type == [("DOUBLE",)]


def test_trade_flows_keep_every_vintage_and_pick_the_revised_one(warehouse: Path) -> None:
    assert _query(warehouse, "select count(*), count(*) filter (where is_latest) from fct_trade_flows") == [(24, 12)]
    latest = _query(
        warehouse,
        "select flow, period_start, period_end, period_type, value_usd, evidence, captured_at "
        "from fct_trade_flows where is_latest order by flow, period_start",
    )
    assert {row[6] for row in latest} == {_ts("2022-01-10T10:00:00")}  # all from the revised capture gz-2
    by_key = {(row[0], row[1].year): row[2:] for row in latest}
    assert by_key[("total", 2018)][2] == 2_920_000_000
    assert by_key[("total", 2019)][2] == 3_335_000_000
    assert by_key[("export", 2020)][2] == 908_000_000
    ytd = by_key[("total", 2021)]
    assert ytd[:3] == (date(2021, 11, 30), "ytd", 3_538_000_000)
    superseded = _query(
        warehouse,
        "select value_usd, is_latest from fct_trade_flows "
        "where flow = 'total' and period_start = date '2019-01-01' order by captured_at",
    )
    assert superseded == [(3_333_503_000_000, False), (3_335_000_000, True)]
    assert _query(warehouse, "select distinct reporter_iso3, partner_iso3, source_url from fct_trade_flows") == [
        ("UZB", "KAZ", GAZETA_URL)
    ]


def test_documents_flag_the_latest_usable_capture(warehouse: Path) -> None:
    assert _query(warehouse, "select count(*) from dim_documents") == [(7,)]
    latest = _query(
        warehouse,
        f"select document_id from dim_documents where source_url = '{GAZETA_URL}' and is_latest_capture",
    )
    assert latest == [("gz-2",)]  # gz-3 (HTTP 503) does not supersede it
    assert _query(warehouse, "select count(*) from dim_documents where is_latest_capture") == [(5,)]
    assert _query(warehouse, "select bool_and(is_reconstruction) from dim_documents") == [(True,)]


def test_legal_acts_come_from_the_latest_capture(warehouse: Path) -> None:
    acts = _query(
        warehouse,
        "select jurisdiction_iso3, act_type, act_number, adopted_on, title, status "
        "from fct_legal_acts order by adopted_on",
    )
    assert acts == [
        (
            "KAZ",
            "treaty",
            None,
            date(1998, 10, 31),
            "Договор о вечной дружбе между Республикой Казахстан и Республикой Узбекистан",
            "unknown",
        ),
        (
            "UZB",
            "decree",
            "УП-4947",
            date(2017, 2, 7),
            "О Стратегии действий по пяти приоритетным направлениям развития Республики Узбекистан в 2017–2021 годах",
            "unknown",
        ),
    ]
    articles = _query(
        warehouse,
        "select acts.source_url, count(*), count(*) filter (where articles.is_editorial) "
        "from fct_legal_act_articles as articles inner join fct_legal_acts as acts using (act_key) "
        "group by 1 order by 1",
    )
    assert articles == [(DECREE_URL, 2, 0), (TREATY_URL, 3, 1)]
    keys = _query(warehouse, "select act_key = md5(concat_ws('|', jurisdiction_iso3, source_url)) from fct_legal_acts")
    assert keys == [(True,), (True,)]


def test_other_marts(warehouse: Path) -> None:
    assert _query(warehouse, "select count(*) from dim_countries") == [(2,)]
    assert _query(warehouse, "select hosts from dim_sites where site = 'gazeta.uz'") == [("www.gazeta.uz,gazeta.uz",)]
    assert _query(warehouse, "select event_type, start_date, end_date, place from fct_events") == [
        ("state_visit", date(2017, 3, 22), date(2017, 3, 23), "Астана")
    ]
    assert _query(warehouse, "select indicator, value, as_of, captured_at from fct_indicators") == [
        ("flights_per_week", 20.0, date(2021, 8, 20), _ts("2022-01-09T12:00:00"))
    ]
    # Only the errors of the latest capture (the failed refetch), not those of older vintages.
    assert _query(warehouse, "select capture_id, error_kind, site, parser from parse_errors") == [
        ("gz-3", "empty_body", "gazeta.uz", "gazeta_uz")
    ]


def test_targets_compare_one_period_each_from_the_latest_vintage(warehouse: Path) -> None:
    rows = _query(
        warehouse,
        "select basis, reporter_iso3, period_end, period_type, target_usd, actual_usd, share_reached_pct "
        "from mart_trade_targets order by basis",
    )
    assert rows == [
        ("full_year", "UZB", date(2020, 12, 31), "year", 5e9, 3_006_000_000.0, 3_006 / 5_000 * 100),
        ("ytd", "UZB", date(2021, 11, 30), "ytd", 5e9, 3_538_000_000.0, 3_538 / 5_000 * 100),
    ]
    assert _query(warehouse, "select count(*) from mart_trade_mirror") == [(0,)]  # one reporter only


def test_legal_act_relations_resolve_targets_in_the_warehouse(warehouse: Path) -> None:
    rows = _query(
        warehouse,
        "select acts.act_number, relations.relation, relations.target_number, targets.adopted_on "
        "from fct_legal_act_relations as relations inner join fct_legal_acts as acts using (act_key) "
        "left join fct_legal_acts as targets on relations.target_act_key = targets.act_key "
        "order by relations.target_title",
    )
    assert rows == [("УП-4947", "repeals", None, date(1998, 10, 31)), ("УП-4947", "repeals", "ПФ-4848", None)]


def test_events_from_several_pages_merge(warehouse: Path) -> None:
    # The 2017 visit is reported by two pages: one event, the fuller list of participants, both URLs.
    assert _query(warehouse, "select actors, source_url, source_urls, n_sources from fct_events") == [
        ("Шавкат Мирзиёев, Нурсултан Назарбаев", GAZETA_2017_URL, sorted([GAZETA_2017_URL, FLIGHTS_URL]), 2)
    ]


def test_build_succeeds_on_empty_raw_tables(tmp_path: Path) -> None:
    # Without the pending raw tables too: stg_raw__legal_act_relations then reads as empty.
    path = build_raw_warehouse(tmp_path / "warehouse.next.duckdb", with_pending=False)
    result = run_dbt_build(path, tmp_path)
    assert result.returncode == 0, result.stdout[-8000:] + result.stderr[-4000:]
    for mart in MART_COLUMNS:
        assert _query(path, f"select count(*) from {mart}") == [(0,)], mart


def test_table_marts_enforce_not_null_and_not_blank_as_constraints(warehouse: Path) -> None:
    nullable = _query(
        warehouse,
        "select column_name, is_nullable from information_schema.columns "
        "where table_name = 'dim_sites' order by ordinal_position",
    )
    assert nullable == [("site", "NO"), ("country_iso3", "YES"), ("kind", "NO"), ("parser", "NO"), ("hosts", "NO")]
    con = duckdb.connect(str(warehouse))
    try:
        site = con.execute("select * from dim_sites limit 1").fetchone()
        with pytest.raises(duckdb.ConstraintException, match="CHECK constraint"):
            con.execute("insert into dim_sites values (?, ?, ?, ?, ?)", ["x.uz", site[1], site[2], "\u00a0\t", site[4]])
        with pytest.raises(duckdb.ConstraintException, match="NOT NULL"):
            con.execute("insert into dim_sites values (?, ?, ?, ?, null)", ["x.uz", site[1], site[2], site[3]])
    finally:
        con.close()
