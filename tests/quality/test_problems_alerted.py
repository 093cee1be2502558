"""End to end: a refresh with four injected problems alerts each exactly once to a real webhook and SMTP server.

The problems come in as saved pages imported into a copy of the built home (no test hooks in production
code): a flights figure a thousand times too large (implausible value, quarantined), two different bodies
captured for one URL at the same instant (duplicated vintage key: a warning, the importer's input), a uza.uz
page fetched again in a new layout that yields nothing (the site's yield signal: "layout change?", while
the earlier capture stays current), and an adilet.zan.kz page last captured in January (stale). None of
them is of our own making, so the run promotes.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path

import pytest

from pipelines.alerts import read_alerts
from tests.conftest import REPO, run_kzuz

BUNDLED = REPO / "sources" / "bundled" / "pages"
FIXTURES = REPO / "tests" / "fixtures"
NOW = "2026-11-28T12:00:00Z"

IMPLAUSIBLE_URL = "https://podrobno.uz/cat/obchestvo/test-flights-implausible/"
DUPLICATED_URL = "https://podrobno.uz/cat/obchestvo/test-duplicated-vintage/"
UZA_URL = (
    "https://uza.uz/ru/posts/deklaraciya-o-soyuznicheskix-otnosheniyax-mezhdu-respublikoy-uzbekistan-i-"
    "respublikoy-kazaxstan_326819"
)
STALE_URL = "https://adilet.zan.kz/rus/docs/P990009999_"

EXPECTED = {
    "implausible value": "failed_check:fct_indicators:value_outside_the_indicator_s_plausible_range",
    "duplicated key": "failed_check:dim_documents:source_url_captured_at_duplicated",
    "layout changed": "yield_drop:uza.uz:refetch",
    "stale source": "stale_source:source_freshness:latest_capture_older_than_kzuz_stale_after_days:adilet.zan.kz",
}

PLAIN_PAGE = """<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>{title}</title></head>
<body><h1>{title}</h1><div class="story"><p>{text}</p></div></body></html>"""


def _import(home: Path, url: str, page: Path, fetched_at: str) -> None:
    run_kzuz("archive", "import", url, str(page), "--fetched-at", fetched_at, home=home)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def broken_run(home_copy, tmp_path, alert_env, webhook, mail):
    pages = tmp_path / "pages"
    pages.mkdir()
    flights = (BUNDLED / "ref11-podrobno-uz-flights.html").read_text(encoding="utf-8")
    (pages / "implausible.html").write_text(flights.replace("выполняют 20 рейсов", "выполняют 20 000 рейсов"))
    _import(home_copy, IMPLAUSIBLE_URL, pages / "implausible.html", NOW)
    for n in (1, 2):
        page = pages / f"vintage-{n}.html"
        text = f"Версия {n} заметки: в Ташкенте и Алматы ожидается тёплая погода без осадков, ветер слабый, " * 2
        page.write_text(PLAIN_PAGE.format(title="Заметка о погоде", text=text))
        _import(home_copy, DUPLICATED_URL, page, NOW)
    (pages / "uza-new-layout.html").write_text(
        PLAIN_PAGE.format(title="Новый дизайн сайта", text="Страница в новом оформлении, без текста документа.")
    )
    _import(home_copy, UZA_URL, pages / "uza-new-layout.html", NOW)
    _import(home_copy, STALE_URL, FIXTURES / "adilet_zan_kz" / "resolution-lost-force.html", "2026-01-02T00:00:00Z")

    earlier = {a["run_id"] for a in read_alerts(home_copy / "alerts.jsonl")}
    before = (_sha(home_copy / "warehouse.duckdb"), _trade_rows(home_copy), earlier)
    done = run_kzuz("refresh", "--offline", home=home_copy, check=False)
    return home_copy, done, before


def _trade_rows(home: Path) -> int:
    rows = run_kzuz("sql", "select count(*) as n from fct_trade_flows", "--format", "json", home=home)
    return json.loads(rows.stdout)[0]["n"]


def test_each_problem_is_alerted_once_and_the_run_promotes(broken_run, webhook, mail):
    home, done, before = broken_run
    sink, _ = mail
    alerts = [a for a in read_alerts(home / "alerts.jsonl") if a.get("problem") and a["run_id"] not in before[2]]
    run_ids = {a["run_id"] for a in alerts}
    assert len(run_ids) == 1, run_ids
    problems = Counter(a["problem"] for a in alerts)
    print(json.dumps(problems, indent=1), done.stderr[-3000:])

    for label, problem in EXPECTED.items():
        assert problems[problem] == 1, (label, problems)
        assert Counter(webhook.problems())[problem] == 1, (label, webhook.problems())
        assert Counter(sink.problems())[problem] == 1, (label, sink.problems())
    # nothing else, apart from the garbled 2019 total of the bundled archive (two checks catch it)
    bundled = {
        "failed_check:fct_trade_flows:value_usd_out_of_range_0_1e12",
        "failed_check:fct_trade_flows:total_differs_from_export_import",
    }
    assert set(problems) == set(EXPECTED.values()) | bundled, problems
    assert all(n == 1 for n in problems.values()), problems

    by_problem = {a["problem"]: a for a in alerts}
    implausible = by_problem[EXPECTED["implausible value"]]["details"]
    assert implausible["mart"] == "fct_indicators"
    assert implausible["sample_rows"][0]["value"] == 20_000
    assert implausible["source_urls"] == [IMPLAUSIBLE_URL]
    assert by_problem[EXPECTED["duplicated key"]]["details"]["source_urls"] == [DUPLICATED_URL]

    layout = by_problem[EXPECTED["layout changed"]]
    assert "Layout change?" in layout["summary"] and layout["details"]["source_urls"] == [UZA_URL]
    assert all(a["kind"] != "failed_run" for a in read_alerts(home / "alerts.jsonl"))
    # promoted: the earlier uza.uz capture is still the page's current vintage, its facts still there
    assert done.returncode == 0, done.stderr[-3000:]
    assert _sha(home / "warehouse.duckdb") != before[0]
    assert _trade_rows(home) == before[1]
    current = run_kzuz(
        "sql", f"select is_reconstruction from dim_documents where source_url = '{UZA_URL}' and is_latest_capture",
        "--format", "json", home=home,
    )  # fmt: skip
    assert json.loads(current.stdout) == [{"is_reconstruction": True}]
