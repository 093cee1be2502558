"""Tests of the lex.uz parser on the bundled reconstructions and on small real-layout fixtures."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from sources.lex_uz import parse
from sources.lex_uz.requisites import act_type, detect_language, signed_place

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "sources" / "bundled" / "pages"
FIXTURES = ROOT / "tests" / "fixtures" / "lex_uz"
FETCHED_AT = datetime(2026, 11, 28, tzinfo=UTC)
REF02 = PAGES / "ref02-lex-uz-3107042.html"
REF03 = PAGES / "ref03-lex-uz-2553826.html"


def _parse(path: Path, url: str = "https://lex.uz/docs/1"):
    return parse(path.read_bytes(), url, FETCHED_AT)


@pytest.fixture(scope="module")
def ref02():
    return _parse(REF02, "https://lex.uz/ru/docs/3107042")


@pytest.fixture(scope="module")
def ref03():
    return _parse(REF03, "https://lex.uz/docs/2553826")


def test_ref02_legal_act_fields(ref02):
    assert ref02.errors == []
    [act] = ref02.rows["legal_acts"]
    assert act["site"] == "lex.uz"
    assert act["jurisdiction_iso3"] == "UZB"
    # the <title> keeps the act's capitalisation; the ACT_TITLE block is in capitals
    assert act["title"].startswith("О Стратегии действий по пяти приоритетным направлениям")
    assert act["act_type"] == "decree"
    assert act["act_form_raw"] == "УКАЗ"
    assert act["act_number"] == "УП-4947"
    assert act["adopted_on"] == date(2017, 2, 7)
    assert act["signed_place"] == "Ташкент"
    assert act["issuing_body"] == "ПРЕЗИДЕНТА РЕСПУБЛИКИ УЗБЕКИСТАН"
    assert act["status"] == "unknown" and act["status_raw"] is None
    assert act["language"] == "ru"
    assert act["is_partial"] is False


def test_ref02_document_row(ref02):
    [doc] = ref02.rows["documents"]
    assert (doc["site"], doc["page_kind"], doc["layout"], doc["language"]) == (
        "lex.uz",
        "legal_act",
        "divCont",
        "ru",
    )
    assert doc["title"] == ref02.rows["legal_acts"][0]["title"]
    assert "Центральной Азии" in doc["body_text"]
    assert "Примечание редакции" not in doc["body_text"]


def test_ref02_articles_in_order_with_editorial_split(ref02):
    articles = ref02.rows["legal_act_articles"]
    assert len(articles) == 17
    assert [a["position"] for a in articles] == list(range(17))
    assert articles[0]["block_id"] == "3107043" and articles[-1]["block_id"] == "3107059"
    assert [a["block_id"] for a in articles if a["is_editorial"]] == ["3107046"]
    assert articles[3]["level"] == "note"
    clauses = [a for a in articles if a["level"] == "clause"]
    assert [a["number"] for a in clauses] == ["1", "2", "3", "4", "1", "2", "3"]
    [section] = [a for a in articles if a["level"] == "section"]
    assert section["number"] == "V"
    [article] = [a for a in articles if a["level"] == "article"]
    assert (article["number"], article["heading"]) == ("5.1", "Внешняя политика")


def test_ref02_toolbar_elements_are_dropped(ref02):
    texts = [a["text"] for a in ref02.rows["legal_act_articles"]]
    assert not any("¶" in t or "Поделиться" in t or "Печать" in t for t in texts)
    assert texts[5].startswith("1. Утвердить Стратегию действий")


def test_ref02_in_force_when_the_header_says_so():
    body = REF02.read_bytes().replace(
        b'<div class="docHeader__item-value">\xd0\xa3\xd0\x9f-4947</div>',
        '<div class="docHeader__item-value">Действующий</div>'.encode(),
    )
    [act] = parse(body, "https://lex.uz/ru/docs/3107042", FETCHED_AT).rows["legal_acts"]
    assert (act["status"], act["status_raw"]) == ("in_force", "Действующий")


def test_ref03_treaty_fields(ref03):
    assert ref03.errors == []
    [act] = ref03.rows["legal_acts"]
    assert act["title"] == (
        "Ўзбекистон Республикаси ва Қозоғистон Республикаси ўртасидаги стратегик шериклик тўғрисида шартнома"
    )
    assert act["act_type"] == "treaty"
    assert act["act_form_raw"] is None
    assert act["act_number"] is None
    assert act["adopted_on"] == date(2013, 6, 14)
    assert act["signed_place"] == "Астана"
    assert act["status"] == "unknown"
    assert act["language"] == "uz-Cyrl"


def test_ref03_articles(ref03):
    articles = ref03.rows["legal_act_articles"]
    assert len(articles) == 17
    moddas = [a for a in articles if a["level"] == "article"]
    assert [a["number"] for a in moddas] == ["1", "2", "3", "4"]
    assert all(a["heading"] is None for a in moddas)
    assert moddas[0]["text"] == "1-модда"
    assert sum(a["is_editorial"] for a in articles) == 1


def test_title_falls_back_to_the_act_title_block_without_a_title_form():
    body = REF03.read_bytes().replace(b"<title>14.06.2013.", b"<title>")
    [act] = parse(body, "https://lex.uz/docs/2553826", FETCHED_AT).rows["legal_acts"]
    assert act["title"] == (
        "ЎЗБЕКИСТОН РЕСПУБЛИКАСИ ВА ҚОЗОҒИСТОН РЕСПУБЛИКАСИ ЎРТАСИДАГИ СТРАТЕГИК ШЕРИКЛИК ТЎҒРИСИДА ШАРТНОМА"
    )
    assert act["adopted_on"] == date(2013, 6, 14)  # from the header when <title> has no date


@pytest.mark.parametrize("path", [REF02, REF03])
def test_bundled_pages_are_marked_as_reconstructions(path):
    raw = path.read_text(encoding="utf-8")
    assert raw.startswith("<!-- kzuz reconstruction:")
    assert '<meta name="kzuz:reconstruction" content="true">' in raw


def test_latin_act_that_lost_force():
    result = _parse(FIXTURES / "latn-lost-force.html")
    assert result.errors == []
    [act] = result.rows["legal_acts"]
    assert act["status"] == "lost_force"
    assert act["status_raw"] == "Hujjat kuchini yo‘qotgan 02.07.2019"
    assert act["language"] == "uz-Latn"
    assert act["act_type"] == "resolution"
    assert act["act_form_raw"] == "QARORI"
    assert act["act_number"] == "PQ-9999"
    assert act["adopted_on"] == date(2018, 3, 15)
    assert act["signed_place"] == "Toshkent"
    articles = result.rows["legal_act_articles"]
    assert articles[0]["block_id"] == "-9999001"
    [chapter] = [a for a in articles if a["level"] == "chapter"]
    assert chapter["number"] == "1"
    [modda] = [a for a in articles if a["level"] == "article"]
    assert (modda["number"], modda["heading"]) == ("1", "Nizomning maqsadi")
    assert [a["block_id"] for a in articles if a["is_editorial"]] == ["-9999013"]


def test_cyrillic_act_that_lost_force():
    result = _parse(FIXTURES / "cyrl-lost-force.html")
    assert result.errors == []
    [act] = result.rows["legal_acts"]
    assert act["status"] == "lost_force"
    assert act["status_raw"] == "Ҳужжат кучини йўқотган 28.09.2020"
    assert act["language"] == "uz-Cyrl"
    assert act["act_type"] == "law"
    assert act["act_number"] == "ЎРҚ-9998"
    assert act["adopted_on"] == date(2015, 5, 12)
    assert act["signed_place"] == "Тошкент"
    articles = result.rows["legal_act_articles"]
    assert len(articles) == 13
    assert [a["level"] for a in articles if a["is_editorial"]] == ["note", "note"]
    assert [(a["number"], a["heading"]) for a in articles if a["level"] == "article"] == [
        ("1", "Ушбу Қонуннинг мақсади"),
        ("2", "Асосий тушунчалар"),
    ]
    assert [a["number"] for a in articles if a["level"] == "clause"] == ["а"]
    assert [a["level"] for a in articles if a["block_id"] == "8880004"] == ["chapter"]


def test_pdf_only_page():
    result = _parse(FIXTURES / "pdf-only.html", "https://lex.uz/pdfs/-9997000")
    assert result.errors == []
    [doc] = result.rows["documents"]
    assert (doc["page_kind"], doc["layout"]) == ("legal_act", "pdfBody")
    assert doc["title"] == "О мерах по развитию приграничной торговли с Республикой Казахстан"
    [act] = result.rows["legal_acts"]
    assert (act["act_number"], act["adopted_on"]) == ("9997", date(2020, 2, 1))
    assert act["status"] == "in_force"
    assert act["is_partial"] is True
    assert result.count("legal_act_articles") == 0


def test_empty_truncated_and_unknown_pages_are_errors():
    empty = parse(b"", "https://lex.uz/docs/1", FETCHED_AT)
    assert [e.error_kind for e in empty.errors] == ["empty_body"] and empty.rows == {}
    raw = REF02.read_bytes()
    cut = parse(raw[: raw.index(b'<div id="divCont"')], "https://lex.uz/docs/1", FETCHED_AT)
    assert [e.error_kind for e in cut.errors] == ["truncated"] and cut.rows == {}
    unknown = parse(b"<html><body><p>Service unavailable</p></body></html>", "https://lex.uz/docs/1", FETCHED_AT)
    assert [e.error_kind for e in unknown.errors] == ["unknown_layout"] and unknown.rows == {}
    assert unknown.errors[0].message.startswith("lex.uz:") and "divCont" in unknown.errors[0].message


@pytest.mark.parametrize(
    ("form", "number", "title", "expected"),
    [
        ("ПОСТАНОВЛЕНИЕ", None, "Об утверждении Соглашения", "resolution"),
        (None, "ПФ-5000", "Ўзбекистон Республикаси тараққиётини таъминлаш", "decree"),
        (None, None, "Soliq kodeksi", "code"),
        (None, None, "Ўзбекистон ва Қозоғистон ўртасидаги ҳамкорлик тўғрисида битим", "agreement"),
        (None, None, "Декларация о союзнических отношениях", "declaration"),
        (None, None, "Протокол о внесении изменений", "protocol"),
        (None, None, "О совершенствовании законодательства", "other"),
    ],
)
def test_act_type(form, number, title, expected):
    assert act_type(form, number, title) == expected


def test_signed_place_and_language_helpers():
    assert signed_place("г. Ташкент, 7 февраля 2017 г.") == "Ташкент"
    assert signed_place("Астана ш., 2013 йил 14 июнь") == "Астана"
    assert signed_place(None) is None
    assert detect_language("Указ Президента Республики Узбекистан о мерах") == "ru"
    assert detect_language("Ўзбекистон Республикаси Президентининг қарори") == "uz-Cyrl"
    assert detect_language("O‘zbekiston Respublikasi Prezidentining qarori") == "uz-Latn"
    assert detect_language("Decree of the President of the Republic of Uzbekistan") == "en"


@pytest.fixture(scope="module")
def inner_ids():
    return _parse(FIXTURES / "latn-inner-ids.html", "https://lex.uz/docs/-9996000")


def test_clause_ids_on_inner_divs_and_toolbars_left_out(inner_ids):
    assert inner_ids.errors == []
    articles = inner_ids.rows["legal_act_articles"]
    enacted = [a for a in articles if not a["is_editorial"]]
    assert [a["block_id"] for a in enacted] == [f"-99960{n:02d}" for n in (1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14)]
    assert not any("Hujjatga taklif yuborish" in a["text"] or "Audioni tinglash" in a["text"] for a in articles)
    [clause1] = [a for a in articles if a["block_id"] == "-9996005"]
    assert (clause1["level"], clause1["number"]) == ("clause", "1")


def test_editorial_blocks_are_marked_and_kept_out_of_the_text(inner_ids):
    notes = [a for a in inner_ids.rows["legal_act_articles"] if a["is_editorial"]]
    assert [a["text"][:22] for a in notes] == [
        "O‘zbekiston Respublika",
        "Oldingi tahrirga qaran",
        "OKOZ: 01.07.00.00 Tash",
    ]
    assert all(a["level"] == "note" for a in notes)
    [doc] = inner_ids.rows["documents"]
    assert (
        "tahririda" not in doc["body_text"]
        and "LexUZ sharhi" not in doc["body_text"]
        and "OKOZ" not in doc["body_text"]
    )
    assert "3. Markazlar qurilishi 2025-yil 1-iyulgacha yakunlansin." in doc["body_text"]  # NEW_EDITION is law


def test_annex_banner_and_title_start_a_section(inner_ids):
    sections = [a for a in inner_ids.rows["legal_act_articles"] if a["level"] == "section"]
    assert [a["block_id"] for a in sections] == ["-9996012", "-9996013"]
    assert sections[1]["heading"] == "Savdo markazlari joylashadigan tumanlar ro‘yxati"


def test_first_header_value_is_entry_into_force_not_adoption(inner_ids):
    [act] = inner_ids.rows["legal_acts"]
    assert (act["act_type"], act["act_number"]) == ("resolution", "PQ-9996")
    assert act["adopted_on"] == date(2024, 3, 12)  # from the <title>
    assert act["in_force_from"] == date(2024, 3, 14)  # span#lblNEffectDate
    assert act["language"] == "uz-Latn" and act["lost_force_on"] is None


def test_lost_force_date_from_the_status_line():
    [act] = _parse(FIXTURES / "cyrl-lost-force.html").rows["legal_acts"]
    assert (act["status"], act["lost_force_on"], act["in_force_from"]) == ("lost_force", date(2020, 9, 28), None)
    [act] = _parse(FIXTURES / "latn-lost-force.html").rows["legal_acts"]
    assert (act["status"], act["lost_force_on"]) == ("lost_force", date(2019, 7, 2))


def test_pdf_only_act_says_its_text_is_in_a_pdf():
    result = _parse(FIXTURES / "pdf-only-header.html", "https://lex.uz/docs/-9995000")
    assert result.errors == []
    [doc] = result.rows["documents"]
    assert (doc["page_kind"], doc["layout"]) == ("legal_act", "pdfBody")
    assert doc["body_text"].splitlines() == [
        "Oʻzbekiston Respublikasi Prezidentining Farmoni, 02.05.2025 yildagi PF-9995-son",
        "Кучга кириш санаси: 05.05.2025",
        "[text published only as a PDF: https://lex.uz/pdffile/-9995000]",
    ]
    [act] = result.rows["legal_acts"]
    assert (act["act_type"], act["act_number"]) == ("decree", "PF-9995")
    assert (act["adopted_on"], act["in_force_from"]) == (date(2025, 5, 2), date(2025, 5, 5))
    assert act["is_partial"] is True and act["language"] == "uz-Latn"


def test_header_adoption_date_when_the_title_has_none():
    html = (FIXTURES / "pdf-only-header.html").read_text(encoding="utf-8")
    html = html.replace("PF-9995-сон 02.05.2025.&nbsp;", "")  # a <title> without number and date
    [act] = parse(html.encode(), "https://lex.uz/docs/-9995000", FETCHED_AT).rows["legal_acts"]
    assert act["adopted_on"] == date(2025, 5, 2)  # "..., 02.05.2025 yildagi PF-9995-son" in the header
