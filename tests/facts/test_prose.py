"""Facts read from prose: the bundled pages field by field, and sentence-level cases in five languages."""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path

import pytest

from sources.facts.prose import extract_prose_facts
from sources.facts.reporters import reporter_for, reporter_in_text
from sources.parsing import parse_capture

BUNDLED = Path(__file__).resolve().parents[2] / "sources" / "bundled"
FETCHED = datetime(2026, 11, 28, tzinfo=UTC)


def _manifest() -> dict[str, tuple[str, str]]:
    pages = {}
    for line in (BUNDLED / "manifest.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        url, file, _fetched, _mark = line.split("\t")
        pages[file.split("/")[-1].split("-")[0]] = (url, file)
    return pages


@cache
def facts(ref: str) -> dict[str, list[dict]]:
    url, file = _manifest()[ref]
    result = parse_capture((BUNDLED / file).read_bytes(), url, FETCHED)
    return result.rows


def prose_only(ref: str) -> dict[str, list[dict]]:
    """What the prose extractor alone reads from a bundled page (before deduplication against tables)."""
    url, file = _manifest()[ref]
    document = parse_capture((BUNDLED / file).read_bytes(), url, FETCHED).rows["documents"][0]
    return extract_prose_facts(document, "UZB")


def _norm(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def indicator(ref: str, name: str, value: float) -> dict:
    rows = [r for r in facts(ref).get("indicator_observations", []) if r["indicator"] == name and r["value"] == value]
    assert len(rows) == 1, (name, value, facts(ref).get("indicator_observations"))
    return rows[0]


def check(row: dict, evidence: str, **expected) -> None:
    for column, value in expected.items():
        assert row[column] == value, (column, row)
    assert evidence in _norm(row["evidence"])


# --- bundled pages --------------------------------------------------------------------------------------


def test_ref10_enterprises_with_partner_capital():
    now = indicator("ref10", "enterprises_with_partner_capital", 1056)
    check(
        now,
        "1 056 предприятий",
        country_iso3="UZB",
        partner_iso3="KAZ",
        unit="enterprises",
        as_of=date(2021, 11, 18),
        period_start=None,
        period_end=None,
        qualifier="=",
    )
    before = indicator("ref10", "enterprises_with_partner_capital", 510)
    check(before, "их было 510", country_iso3="UZB", partner_iso3="KAZ", as_of=date(2019, 1, 1))
    created = indicator("ref10", "enterprises_created", 166)
    check(
        created,
        "166 новых предприятий",
        country_iso3="UZB",
        partner_iso3="KAZ",
        unit="enterprises",
        period_start=date(2021, 1, 1),
        period_end=date(2021, 11, 18),
        as_of=None,
    )
    uzbek = indicator("ref10", "enterprises_with_partner_capital", 2144)
    check(uzbek, "2 144 предприятия", country_iso3="KAZ", partner_iso3="UZB", as_of=date(2021, 11, 18))
    share = indicator("ref10", "enterprises_with_partner_capital_share_pct", 5.8)
    check(share, "5,8 %", country_iso3="KAZ", partner_iso3="UZB", unit="percent", as_of=date(2021, 11, 18))


def test_ref10_artel_orbis_project():
    investment = indicator("ref10", "investment_usd", 85e6)
    check(investment, "85 млн долларов", country_iso3="UZB", partner_iso3="KAZ", unit="usd", as_of=date(2021, 11, 18))
    capacity = indicator("ref10", "production_units_per_year", 500_000)
    check(capacity, "500 тысяч единиц в год", unit="units_per_year", as_of=date(2021, 11, 18))
    assert not facts("ref10").get("unresolved_mentions")


def test_ref11_flights_per_week():
    row = indicator("ref11", "flights_per_week", 20)
    check(
        row,
        "20 рейсов в неделю",
        country_iso3="UZB",
        partner_iso3="KAZ",
        unit="flights_per_week",
        as_of=date(2021, 10, 12),
        qualifier="=",
    )


def test_ref12_cargo_and_passengers():
    cargo = indicator("ref12", "cargo_tonnes", 21e6)
    check(
        cargo,
        "21 млн тонн",
        country_iso3="UZB",
        partner_iso3="KAZ",
        unit="tonnes",
        period_start=date(2020, 1, 1),
        period_end=date(2020, 12, 31),
        as_of=None,
    )
    growth = indicator("ref12", "cargo_growth_pct", 19)
    check(growth, "19 %", unit="percent", period_start=date(2020, 1, 1), period_end=date(2020, 12, 31))
    forecast = indicator("ref12", "passengers_per_year_forecast", 1.9e6)
    check(forecast, "1,9 млн пассажиров в год", unit="passengers_per_year", qualifier="=", period_start=None)


def test_ref15_forum_totals():
    shymkent = dict(
        period_start=date(2018, 1, 1), period_end=date(2018, 12, 31), country_iso3="KAZ", partner_iso3="UZB"
    )
    check(indicator("ref15", "memoranda_count", 16), "16 меморандумов", unit="memoranda", **shymkent)
    check(indicator("ref15", "investment_projects_count", 26), "26 инвестиционных проектов", **shymkent)
    check(indicator("ref15", "investment_usd", 110.5e6), "110,5 млн долларов США", unit="usd", **shymkent)
    check(indicator("ref15", "contracts_count", 69), "69 торговых контрактов", **shymkent)
    check(indicator("ref15", "contracts_usd", 209.3e6), "209,3 млн долларов США", unit="usd", **shymkent)
    turkestan = dict(period_start=date(2021, 11, 1), period_end=date(2021, 11, 30))
    check(indicator("ref15", "contracts_count", 54), "54 контракта", **turkestan)
    check(indicator("ref15", "contracts_usd", 611.3e6), "611,3 млн долларов США", **turkestan)


def test_ref09_partner_shares_use_the_named_partner():
    for partner, value in (("KAZ", 9.3), ("CHN", 17.7), ("RUS", 17.4)):
        row = indicator("ref09", "trade_partner_share_pct", value)
        check(
            row,
            f"{value}".replace(".", ",") + "%",
            country_iso3="UZB",
            partner_iso3=partner,
            unit="percent",
            period_start=date(2020, 1, 1),
            period_end=date(2020, 12, 31),
        )


def test_ref09_trade_from_prose():
    prose = [r for r in facts("ref09")["trade_observations"] if r["evidence_kind"] == "sentence"]
    by_value = {r["value_usd"]: r for r in prose}
    # the prose repeats the table's 2020 export: extract_facts keeps the table cell only
    assert set(by_value) == {2e9}
    by_value.update({r["value_usd"]: r for r in prose_only("ref09")["trade_observations"]})
    total = by_value[2e9]
    check(
        total,
        "2 млрд долларов",
        reporter_iso3="UZB",
        partner_iso3="KAZ",
        flow="total",
        period_start=date(2017, 1, 1),
        period_end=date(2017, 12, 31),
        period_type="year",
        qualifier="=",
    )
    export = by_value[908e6]
    check(
        export,
        "908 млн долларов",
        reporter_iso3="UZB",
        partner_iso3="KAZ",
        flow="export",
        period_start=date(2020, 1, 1),
        period_type="year",
    )
    growth = indicator("ref09", "trade_turnover_growth_pct", 31)
    check(growth, "31%", country_iso3="UZB", partner_iso3="KAZ", period_start=date(2017, 1, 1))
    # the table extractor still runs next to prose
    assert any(r["evidence_kind"] == "table_cell" for r in facts("ref09")["trade_observations"])


def test_targets_ref07_and_ref09():
    ref07 = {r["value_usd"]: r for r in facts("ref07")["trade_targets"]}
    check(
        ref07[5e9],
        "5 млрд долларов",
        horizon_text="в ближайшие годы",
        horizon_end=None,
        announced_by="президенты двух государств",
        announced_on=date(2021, 12, 6),
    )
    check(ref07[10e9], "10 млрд долларов", horizon_text="в среднесрочной перспективе", horizon_end=None)
    ref09 = {r["value_usd"]: r for r in facts("ref09")["trade_targets"]}
    check(
        ref09[5e9],
        "5 млрд долларов",
        horizon_text="к 2022 году",
        horizon_end=date(2022, 12, 31),
        announced_by="Руководство двух стран",
        announced_on=date(2022, 1, 7),
    )
    check(ref09[10e9], "10 млрд долларов", horizon_text="в течение пяти лет", horizon_end=date(2026, 12, 31))
    # a target is not an observation
    assert all(r["value_usd"] not in (5e9, 10e9) for r in facts("ref07").get("trade_observations", []))


EVENTS = [
    ("ref01", "state_visit", date(2017, 3, 22), date(2017, 3, 23), "Астана", "Шавкат Мирзиёев"),
    ("ref06", "state_visit", date(2021, 12, 6), date(2021, 12, 6), "Нур-Султан", "Шавкат Мирзиёев"),
    ("ref08", "state_visit", date(2021, 12, 6), date(2021, 12, 6), "Нур-Султан", "Шавкат Мирзиёев"),
    (
        "ref13",
        "talks",
        date(2021, 12, 6),
        date(2021, 12, 6),
        "Нур-Султан",
        "Касым-Жомарта Токаева, Шавкатом Мирзиёевым",
    ),
    ("ref07", "signing", date(2021, 12, 6), date(2021, 12, 6), "Нур-Султан", "президенты двух государств"),
    ("ref15", "forum", date(2018, 1, 1), date(2018, 12, 31), "Шымкент", None),
    ("ref15", "forum", date(2021, 11, 1), date(2021, 11, 30), "Туркестан", None),
    ("ref14", "conference", date(2017, 1, 1), date(2017, 12, 31), None, "КИСИ, ИСМИ"),
    ("ref14", "conference", date(2018, 1, 1), date(2018, 12, 31), None, "КИСИ, ИСМИ"),
]


@pytest.mark.parametrize(("ref", "kind", "start", "end", "place", "actors"), EVENTS)
def test_events(ref, kind, start, end, place, actors):
    rows = [r for r in facts(ref).get("events", []) if (r["event_type"], r["start_date"]) == (kind, start)]
    assert len(rows) == 1, facts(ref).get("events")
    row = rows[0]
    assert (row["end_date"], row["place"], row["actors"]) == (end, place, actors)
    assert row["evidence"]


def test_event_counts_per_page():
    counts = {ref: len(facts(ref).get("events", [])) for ref in _manifest()}
    assert counts == {
        "ref01": 1,
        "ref02": 0,
        "ref03": 1,
        "ref04": 0,
        "ref05": 0,
        "ref06": 1,
        "ref07": 1,
        "ref08": 1,
        "ref09": 0,
        "ref10": 0,
        "ref11": 0,
        "ref12": 0,
        "ref13": 1,
        "ref14": 2,
        "ref15": 2,
        "ref16": 0,
    }


def test_legal_acts_yield_no_figures():
    for ref in ("ref02", "ref03", "ref04", "ref05"):
        rows = facts(ref)
        assert not rows.get("indicator_observations") and not rows.get("unresolved_mentions")


# --- sentence level -------------------------------------------------------------------------------------

PUBLISHED = datetime(2022, 12, 21, 9, 0, tzinfo=UTC)


def prose(body: str, site_country: str | None, language: str = "ru", title: str = "Узбекистан и Казахстан"):
    document = {
        "title": title,
        "lead": None,
        "body_text": body,
        "published_at": PUBLISHED,
        "language": language,
        "site": "example",
        "page_kind": "article",
        "layout": "generic",
    }
    return extract_prose_facts(document, site_country)


REPORTERS = [
    ("ru", "По данным Госкомстата Узбекистана, товарооборот вырос.", "UZB"),
    ("ru", "По данным Бюро национальной статистики, товарооборот вырос.", "KAZ"),
    ("ru", "По данным Комитета по статистике Казахстана, товарооборот вырос.", "KAZ"),
    ("ru", "Как сообщает Министерство торговли и интеграции РК, товарооборот вырос.", "KAZ"),
    ("ru", "Товарооборот Узбекистана с Казахстаном по данным Госкомстата вырос.", None),
    ("oz", "Statistika agentligi ma'lumotlariga ko'ra, savdo aylanmasi o'sdi.", "UZB"),
    ("oz", "O‘zbekiston Davlat statistika qo‘mitasi ma’lumotlariga ko‘ra, savdo o'sdi.", "UZB"),
    ("uz", "Давлат статистика қўмитаси маълумотларига кўра, савдо айланмаси ўсди.", "UZB"),
    ("kk", "Ұлттық статистика бюросының деректері бойынша, тауар айналымы өсті.", "KAZ"),
    ("kk", "ҚР Сауда және интеграция министрлігінің мәліметінше, сауда өсті.", "KAZ"),
    ("en", "According to Uzbekistan's statistics agency, trade grew.", "UZB"),
    ("en", "Kazakhstan's Bureau of National Statistics reported growth.", "KAZ"),
    ("en", "Trade grew, the ministry said.", None),
]


@pytest.mark.parametrize(("language", "sentence", "expected"), REPORTERS)
def test_reporter_in_text(language, sentence, expected):
    assert reporter_in_text(sentence) == expected


def test_reporter_falls_back_to_neighbour_then_site_then_unknown():
    sentences = ["Товарооборот вырос на 10%.", "Об этом сообщил Госкомстат Узбекистана."]
    assert reporter_for(sentences, 0, "KAZ") == ("UZB", "neighbour")
    assert reporter_for(["Товарооборот вырос."], 0, "KAZ") == ("KAZ", "site")
    assert reporter_for(["Товарооборот вырос."], 0, None) == (None, "unknown")


TRADE = [
    # language, sentence, site country, (reporter, partner, flow, period_start, period_end, value)
    (
        "ru",
        "По данным Госкомстата Узбекистана, в январе–ноябре 2022 года товарооборот Узбекистана с Казахстаном "
        "составил 4 098,3 млн долларов.",
        None,
        ("UZB", "KAZ", "total", date(2022, 1, 1), date(2022, 11, 30), 4_098.3e6),
    ),
    (
        "ru",
        "Экспорт Узбекистана в Казахстан в 2021 году составил 1,3 млрд долларов.",
        "UZB",
        ("UZB", "KAZ", "export", date(2021, 1, 1), date(2021, 12, 31), 1.3e9),
    ),
    (
        "ru",
        "Импорт из Казахстана в 2021 году составил 2,4 млрд долларов.",
        "UZB",
        ("UZB", "KAZ", "import", date(2021, 1, 1), date(2021, 12, 31), 2.4e9),
    ),
    (
        "oz",
        "Statistika agentligi ma'lumotlariga ko'ra, 2022-yilning 8 oyida O'zbekiston va Qozog'iston "
        "o'rtasidagi tovar aylanmasi 2,5 mlrd dollarni tashkil etdi.",
        "KAZ",
        ("UZB", "KAZ", "total", date(2022, 1, 1), date(2022, 8, 31), 2.5e9),
    ),
    (
        "uz",
        "Давлат статистика қўмитаси маълумотларига кўра, 2021 йилда Ўзбекистон ва Қозоғистон ўртасидаги товар "
        "айланмаси 3,8 млрд долларни ташкил этди.",
        "KAZ",
        ("UZB", "KAZ", "total", date(2021, 1, 1), date(2021, 12, 31), 3.8e9),
    ),
    (
        "kk",
        "Ұлттық статистика бюросының деректері бойынша, 2021 жылы Қазақстан мен Өзбекстан арасындағы тауар "
        "айналымы 3,7 млрд долларды құрады.",
        "UZB",
        ("KAZ", "UZB", "total", date(2021, 1, 1), date(2021, 12, 31), 3.7e9),
    ),
    (
        "en",
        "According to Uzbekistan's statistics agency, trade between Uzbekistan and Kazakhstan reached "
        "$3.5 billion in 2021.",
        "KAZ",
        ("UZB", "KAZ", "total", date(2021, 1, 1), date(2021, 12, 31), 3.5e9),
    ),
]


@pytest.mark.parametrize(("language", "sentence", "site_country", "expected"), TRADE)
def test_trade_sentence(language, sentence, site_country, expected):
    out = prose(sentence, site_country, language)
    assert not out["unresolved_mentions"]
    (row,) = out["trade_observations"]
    got = (
        row["reporter_iso3"],
        row["partner_iso3"],
        row["flow"],
        row["period_start"],
        row["period_end"],
        row["value_usd"],
    )
    assert got[:5] == expected[:5]
    assert got[5] == pytest.approx(expected[5])
    assert row["evidence_kind"] == "sentence" and row["evidence"] == sentence


UNRESOLVED = [
    ("ru", "Товарооборот двух стран составил 3 млрд долларов.", "UZB", "trade", 3e9, "period not read"),
    (
        "oz",
        "Ikki davlat o'rtasidagi savdo aylanmasi 3 mlrd dollarni tashkil etdi.",
        "UZB",
        "trade",
        3e9,
        "period not read",
    ),
    (
        "uz",
        "Икки давлат ўртасидаги товар айланмаси 3 млрд долларни ташкил этди.",
        "UZB",
        "trade",
        3e9,
        "period not read",
    ),
    ("kk", "Екі ел арасындағы тауар айналымы 3 млрд долларды құрады.", "KAZ", "trade", 3e9, "period not read"),
    ("en", "Trade between the two countries grew to $4 billion.", "UZB", "trade", 4e9, "period not read"),
    ("ru", "Экспорт составил 1,2 млрд долларов в 2021 году.", "UZB", "trade", 1.2e9, "direction not read"),
    ("ru", "Товарооборот двух стран в 2021 году составил 3 млрд долларов.", None, "trade", 3e9, "reporter unknown"),
    ("ru", "Товарооборот в 2021 году составил 5 трлн сумов.", "UZB", "trade", 5e12, "value not in US dollars"),
    # a month range with no year is not given the publication year
    ("ru", "В январе–ноябре товарооборот составил 3 млрд долларов.", "UZB", "trade", 3e9, "period not read"),
    (
        "ru",
        "Между Узбекистаном и Казахстаном перевезено 21 млн тонн грузов.",
        "UZB",
        "indicator",
        21e6,
        "cargo_tonnes: period not read",
    ),
]


@pytest.mark.parametrize(("language", "sentence", "site_country", "measure", "value", "reason"), UNRESOLVED)
def test_unresolved_not_guessed(language, sentence, site_country, measure, value, reason):
    out = prose(sentence, site_country, language)
    assert not out["trade_observations"] and not out["indicator_observations"]
    (row,) = out["unresolved_mentions"]
    assert (row["measure"], row["reason"]) == (measure, reason)
    assert row["value"] == pytest.approx(value)
    assert row["evidence"] == sentence


def test_comparison_base_is_not_the_period():
    out = prose("В 2021 году товарооборот составил 3 млрд долларов, что на 10% больше, чем в 2020 году.", "UZB")
    (row,) = out["trade_observations"]
    assert row["period_start"] == date(2021, 1, 1)
    growth = out["indicator_observations"][0]
    assert (growth["indicator"], growth["value"], growth["period_start"]) == (
        "trade_turnover_growth_pct",
        10,
        date(2021, 1, 1),
    )


def test_this_year_takes_the_publication_year():
    out = prose("За девять месяцев текущего года товарооборот составил 3 млрд долларов.", "UZB")
    (row,) = out["trade_observations"]
    assert (row["period_start"], row["period_end"], row["period_type"]) == (date(2022, 1, 1), date(2022, 9, 30), "ytd")


def test_enterprise_stock_tied_to_a_year_is_unresolved():
    out = prose("В 2019 году в Узбекистане работали 500 предприятий с казахстанским капиталом.", "UZB")
    assert not out["indicator_observations"]
    assert out["unresolved_mentions"][0]["reason"].endswith("stock tied to a period, not a date")


def test_target_in_english_and_uzbek():
    en = prose("The presidents agreed to bring mutual trade to $10 billion within five years.", "UZB", "en")
    (target,) = en["trade_targets"]
    assert (target["horizon_text"], target["horizon_end"], target["announced_by"]) == (
        "within five years",
        date(2026, 12, 31),
        "presidents",
    )
    uz = prose("Prezidentlar 2025-yilgacha savdo aylanmasini 10 mlrd dollarga yetkazishni maqsad qildi.", "UZB", "oz")
    (target,) = uz["trade_targets"]
    assert (target["value_usd"], target["horizon_end"]) == (10e9, date(2025, 12, 31))


def test_events_in_other_languages():
    kk = prose(
        "Шавкат Мирзиёев 2021 жылғы 6 желтоқсанда Астанаға мемлекеттік сапармен келді.", "KAZ", "kk", title="Сапар"
    )
    (event,) = kk["events"]
    assert (event["event_type"], event["start_date"]) == ("state_visit", date(2021, 12, 6))
    en = prose("Shavkat Mirziyoyev paid a state visit to Nur-Sultan on 6 December 2021.", "UZB", "en", title="Visit")
    (event,) = en["events"]
    assert (event["event_type"], event["start_date"], event["place"], event["actors"]) == (
        "state_visit",
        date(2021, 12, 6),
        "Nur-Sultan",
        "Shavkat Mirziyoyev",
    )
    undated = prose("Президенты провели переговоры.", "UZB", title="Новости")
    assert undated["events"] == []
