"""Tests of the lex.uz metadata card parser (/actinfo/card1/{id}) on fixtures in the site's real layout."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from sources.lex_uz import parse
from sources.lex_uz.card import card_language, card_status
from sources.records import RAW_SCHEMAS

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "lex_uz"
FETCHED_AT = datetime(2026, 11, 28, tzinfo=UTC)
CARD_URL = "https://lex.uz/ru/actinfo/card1/-9999998"


def _parse(name: str, url: str = CARD_URL, fetched_at: datetime = FETCHED_AT):
    return parse((FIXTURES / name).read_bytes(), url, fetched_at)


def test_card_in_force_russian_labels():
    result = _parse("card-in-force.html")
    assert result.errors == []
    [doc] = result.rows["documents"]
    assert (doc["site"], doc["page_kind"], doc["layout"], doc["language"]) == (
        "lex.uz",
        "legal_act_card",
        "td.lbl; table#bodyTab",
        "ru",
    )
    [act] = result.rows["legal_acts"]
    assert act == {
        "site": "lex.uz",
        "jurisdiction_iso3": "UZB",
        "title": "О ратификации Соглашения между Республикой Узбекистан и Республикой Казахстан о транзите грузов",
        "act_type": "law",
        "act_form_raw": "Закон",
        "act_number": "ЗРУ-9998",
        # the date of the body that numbered the act, not the chamber's earlier vote
        "adopted_on": date(2015, 5, 12),
        "signed_place": None,
        "issuing_body": "Законодательная палата Олий Мажлиса; Президент Республики Узбекистан",
        "status": "in_force",
        "status_raw": "Действующий",
        "language": "ru",
        "is_partial": True,
        "in_force_from": date(2015, 5, 13),
        "lost_force_on": None,  # the row is there, with no date
    }
    assert doc["body_text"].splitlines()[0] == (
        "Наименование акта: О ратификации Соглашения между Республикой Узбекистан и Республикой Казахстан о "
        "транзите грузов"
    )
    assert doc["body_text"].splitlines()[-1] == "Президент Республики Узбекистан · 12.05.2015 · ЗРУ-9998"
    for table, rows in result.rows.items():
        expected = {f.name for f in RAW_SCHEMAS[table]} - {"capture_id", "source_url"}
        assert all(set(row) == expected for row in rows)


def test_card_lost_force_uzbek_labels():
    result = _parse("card-lost-force.html", "https://lex.uz/actinfo/card1/9999997")
    assert result.errors == []
    [act] = result.rows["legal_acts"]
    assert act["title"] == "Транзит юкларини ташиш тўғрисида"
    assert (act["act_type"], act["act_form_raw"], act["act_number"]) == ("resolution", "Қарор", "ПҚ-9997")
    assert act["adopted_on"] == date(2015, 5, 12)
    assert act["issuing_body"] == "Ўзбекистон Республикаси Президенти"
    assert (act["status"], act["status_raw"]) == ("lost_force", "Утративший силу")
    assert act["language"] == "uz-Cyrl"
    assert (act["in_force_from"], act["lost_force_on"]) == (date(2015, 5, 12), date(2020, 9, 28))
    assert result.rows["documents"][0]["language"] == "uz-Cyrl"


def test_in_force_card_of_an_act_not_yet_in_force():
    result = _parse("card-in-force.html", fetched_at=datetime(2015, 5, 1, tzinfo=UTC))
    [act] = result.rows["legal_acts"]
    assert (act["status"], act["status_raw"]) == ("not_in_force", "Действующий")


def test_card_without_label_rows_is_an_error():
    result = parse(b"<html><body><div class='card1'><p>Hujjat topilmadi</p></div></body></html>", CARD_URL, FETCHED_AT)
    assert result.rows == {}
    [error] = result.errors
    assert error.error_kind == "missing_part"  # a card URL: the card's title row is the part missing
    assert error.message.startswith("lex.uz: missing_part: card title; tried td.lbl rows")
    assert "table#bodyTab" in error.message


def test_empty_and_truncated_cards():
    [empty] = parse(b"", CARD_URL, FETCHED_AT).errors
    assert empty.error_kind == "empty_body"
    body = (FIXTURES / "card-in-force.html").read_bytes()
    result = parse(body[: body.index(b'<table id="bodyTab"')], CARD_URL, FETCHED_AT)
    assert [e.error_kind for e in result.errors] == ["truncated_text"]
    [act] = result.rows["legal_acts"]
    assert act["act_number"] is None and act["status"] == "in_force"


def test_document_pages_still_go_to_the_act_parser():
    result = parse((FIXTURES / "cyrl-lost-force.html").read_bytes(), "https://lex.uz/docs/9999", FETCHED_AT)
    assert result.rows["documents"][0]["page_kind"] == "legal_act"


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Действующий", "in_force"),
        ("Amalda", "in_force"),
        ("Утративший силу", "lost_force"),
        ("Утратил силу", "lost_force"),
        ("Кучини йўқотган", "lost_force"),
        ("Kuchini yo‘qotgan", "lost_force"),
        ("Не вступил в силу", "not_in_force"),
        ("что-то новое", "unknown"),
        ("", "unknown"),
    ],
)
def test_card_status(text, status):
    assert card_status(text)[0] == status


def test_card_language():
    assert card_language("Узбекский (к)") == "uz-Cyrl"
    assert card_language("Узбекский (л)") == "uz-Latn"
    assert card_language("Русский") == "ru"
    assert card_language(None) is None
