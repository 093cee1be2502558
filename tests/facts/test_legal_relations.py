"""Relations between acts read from a parsed act's title and text blocks (ratifies, amends, repeals, lost_force_by)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from sources.facts.legal_relations import extract_legal_relations, target_date, target_number
from sources.parsing import parse_capture
from sources.records import ParseResult

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _act(title: str, *texts: str) -> ParseResult:
    parsed = ParseResult()
    parsed.add("legal_acts", title=title)
    for position, text in enumerate(texts):
        parsed.add("legal_act_articles", position=position, block_id=str(100 + position), text=text)
    return parsed


def test_ratification_reads_the_operative_clause_with_its_date_before_the_title():
    parsed = _act(
        "О ратификации Соглашения между Правительством Республики Казахстан и Правительством Республики "
        "Узбекистан о международных автомобильных перевозках",
        "Ратифицировать Соглашение между Правительством Республики Казахстан и Правительством Республики "
        "Узбекистан о международных автомобильных перевозках, совершенное в г. Ташкенте 6 декабря 2021 года.",
    )
    [row] = extract_legal_relations(parsed)
    assert row["relation"] == "ratifies"
    assert row["target_title"].startswith("Соглашение между Правительством")
    assert row["target_date"] == date(2021, 12, 6)
    assert row["target_date_text"] == "6 декабря 2021"
    assert row["block_id"] == "100"


def test_title_alone_gives_the_relation_in_russian_and_uzbek_latin():
    [ratifies] = extract_legal_relations(
        _act(
            "O‘zbekiston Respublikasi va Qozog‘iston Respublikasi o‘rtasidagi strategik sheriklik to‘g‘risidagi "
            "shartnomani ratifikatsiya qilish to‘g‘risida"
        )
    )
    assert ratifies["relation"] == "ratifies"
    assert ratifies["target_title"].endswith("shartnoma")
    [amends] = extract_legal_relations(
        _act("О внесении изменений и дополнений в постановление Кабинета Министров от 07.02.2017 г. № 56")
    )
    assert (amends["relation"], amends["target_number"], amends["target_date"]) == ("amends", "56", date(2017, 2, 7))


def test_repeal_and_lost_force_clauses_in_russian_and_uzbek_cyrillic():
    rows = extract_legal_relations(
        _act(
            "О мерах по развитию сотрудничества",
            "2. Признать утратившим силу постановление Правительства Республики Казахстан от 07.02.2017 г. № 56. "
            "Настоящее постановление вводится в действие со дня подписания.",
            "Ўзбекистон Республикаси Президентининг 2016 йил 20 октябрдаги ПФ-4848-сон Фармони кучини йўқотган "
            "деб ҳисоблансин.",
            "Утратил силу в соответствии с Указом Президента Республики Узбекистан от 28.01.2022 г. № УП-60",
        )
    )
    assert [(r["relation"], r["target_number"], r["target_date"]) for r in rows] == [
        ("repeals", "56", date(2017, 2, 7)),
        ("repeals", "ПФ-4848", date(2016, 10, 20)),
        ("lost_force_by", "УП-60", date(2022, 1, 28)),
    ]
    assert rows[0]["target_title"] == "постановление Правительства Республики Казахстан от 07.02.2017 г. № 56"


def test_pages_without_an_act_or_without_relations_give_nothing():
    assert extract_legal_relations(ParseResult()) == []
    assert extract_legal_relations(_act("Договор о вечной дружбе", "Стороны развивают сотрудничество.")) == []


def test_parsed_zakon_kz_ratification_page():
    body = (FIXTURES / "zakon_kz" / "online_act_full.html").read_bytes()
    parsed = parse_capture(body, "https://online.zakon.kz/Document/?doc_id=99999", datetime(2026, 1, 1, tzinfo=UTC))
    relations = extract_legal_relations(parsed)
    assert [r["relation"] for r in relations] == ["ratifies"]
    assert "международных автомобильных перевозках" in relations[0]["target_title"]


def test_helpers_read_numbers_and_dates_as_printed():
    assert target_number("Указ от 6 декабря 2022 года № 980") == "980"
    assert target_number("без номера") is None
    assert target_date("2022 жылғы 6 желтоқсан") is None  # Kazakh months are not in the table: no guess
    assert target_date("от 13 мая 2022 года") == date(2022, 5, 13)
