"""The last resort (trafilatura) when a site's selectors find no body, and the rules every parse result keeps."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from sources.fallback import FALLBACK_LAYOUT, MIN_CHARS, main_text
from sources.parsing import parse_capture
from sources.records import NO_DOCUMENT_KINDS, WARNING_KINDS

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
FETCHED = datetime(2026, 11, 28, tzinfo=UTC)


def _parse(relative: str, url: str):
    return parse_capture((FIXTURES / relative).read_bytes(), url, FETCHED)


@pytest.mark.parametrize(
    ("fixture", "url", "title", "sentence", "selectors"),
    [
        (
            "gazeta_uz/renamed-classes.html",
            "https://www.gazeta.uz/ru/2022/06/03/fruit-export/",
            "Экспорт фруктов в Казахстан вырос",
            "новые холодильные склады у границы",
            "div.articleContent",
        ),
        (
            "gazeta_uz/tilda-longread.html",
            "https://www.gazeta.uz/ru/2021/10/02/beineu-road/",
            "Дорога через степь: как строят трассу Бейнеу — Акжигит",  # trafilatura's title: no h1 on Tilda
            "экономию почти полусуток на каждом рейсе",
            "div.articleContent",
        ),
        (
            "generic/div_text.html",
            "https://uzdaily.uz/ru/post/70001",
            "Грузовые поезда между Ташкентом и Шымкентом пойдут чаще",
            "единый тариф на транзит зерна",
            "<p> block",
        ),
        (
            "zakon_kz/online_renamed.html",
            "https://online.zakon.kz/Document/?doc_id=99990001",
            "Соглашение о сотрудничестве в области карантина растений",
            "обмениваются сведениями о выявленных карантинных объектах",
            "h1.document__title",
        ),
    ],
)
def test_a_page_whose_selectors_find_no_body_gets_it_from_the_fallback(fixture, url, title, sentence, selectors):
    result = _parse(fixture, url)
    [warning] = result.errors
    assert warning.error_kind == "layout_fallback" and warning.is_warning
    assert selectors in warning.message and url in warning.message
    [doc] = result.rows["documents"]
    assert doc["layout"] == FALLBACK_LAYOUT
    assert doc["title"] == title
    assert sentence in doc["body_text"]


def test_fallback_keeps_the_site_parsers_dates():
    result = _parse("gazeta_uz/renamed-classes.html", "https://www.gazeta.uz/ru/2022/06/03/fruit-export/")
    # article:published_time, not trafilatura's guess (htmldate)
    assert result.rows["documents"][0]["published_at"] == datetime(2022, 6, 3, 10, 20, tzinfo=UTC)


def test_fallback_act_keeps_the_registers_requisites():
    lex = _parse("lex_uz/renamed-container.html", "https://lex.uz/ru/docs/-9994000")
    assert [e.error_kind for e in lex.errors] == ["layout_fallback"]
    [doc] = lex.rows["documents"]
    assert (doc["page_kind"], doc["layout"], doc["title"]) == (
        "legal_act",
        FALLBACK_LAYOUT,
        "О приграничном сотрудничестве",
    )
    assert "создания совместных торговых зон" in doc["body_text"]
    [act] = lex.rows["legal_acts"]
    assert (act["act_type"], act["act_number"], act["adopted_on"]) == ("law", "ЗРУ-9994", date(2023, 1, 20))
    assert act["in_force_from"] == date(2023, 4, 21)  # the header's "Дата вступления в силу"
    assert "legal_act_articles" not in lex.rows

    adilet = _parse("adilet_zan_kz/renamed-text.html", "https://adilet.zan.kz/rus/docs/V2000099999")
    assert [e.error_kind for e in adilet.errors] == ["layout_fallback"]
    [doc] = adilet.rows["documents"]
    assert doc["layout"] == FALLBACK_LAYOUT and "Правила учета грузов" in doc["body_text"]
    [act] = adilet.rows["legal_acts"]
    assert (act["act_type"], act["act_number"], act["adopted_on"]) == ("other", "99", date(2020, 3, 3))  # an order
    assert (act["status"], act["status_raw"]) == ("in_force", "new")


@pytest.mark.parametrize(
    ("fixture", "url", "part"),
    [
        ("generic/maintenance.html", "https://uzdaily.uz/ru/post/70002", "article body"),
        ("zakon_kz/news_article_block_no_body.html", "https://www.zakon.kz/6012345-x.html", "article body"),
    ],
)
def test_when_the_fallback_finds_too_little_it_is_a_missing_part(fixture, url, part):
    result = _parse(fixture, url)
    assert result.rows == {}
    [error] = result.errors
    assert error.error_kind == "missing_part"
    assert f"missing_part: {part}" in error.message
    assert f"(fewer than {MIN_CHARS})" in error.message


def test_main_text_reports_what_it_found():
    html = (FIXTURES / "generic" / "maintenance.html").read_text(encoding="utf-8")
    found = main_text(html)
    assert found.text is None and found.note.startswith("trafilatura found ")
    found = main_text((FIXTURES / "generic" / "div_text.html").read_text(encoding="utf-8"), want_title=True)
    assert found.text is not None and len(found.text) >= MIN_CHARS
    assert found.title == "Грузовые поезда между Ташкентом и Шымкентом пойдут чаще"


def _every_fixture():
    urls = {
        "gazeta_uz": "https://www.gazeta.uz/ru/2022/01/07/kaz-uzb/",
        "lex_uz": "https://lex.uz/docs/-9999000",
        "zakon_kz": "https://www.zakon.kz/finansy/6012345-x.html",
        "adilet_zan_kz": "https://adilet.zan.kz/rus/docs/K1500000375",
        "generic": "https://uzdaily.uz/ru/post/1",
        "encodings": "https://uzdaily.uz/ru/post/2",
    }
    for path in sorted(FIXTURES.glob("*/*.html")):
        if path.parent.name in urls:
            url = urls[path.parent.name]
            if path.name.startswith("card"):
                url = "https://lex.uz/actinfo/card1/-9999000"
            elif path.name.startswith("online"):
                url = "https://online.zakon.kz/Document/?doc_id=1"
            elif path.name.endswith("info.html"):
                url += "/info"
            yield pytest.param(path, url, id=f"{path.parent.name}/{path.name}")


@pytest.mark.parametrize(("path", "url"), list(_every_fixture()))
def test_every_parse_is_a_document_or_an_error_never_a_blank_document(path, url):
    result = parse_capture(path.read_bytes(), url, FETCHED)
    kinds = [error.error_kind for error in result.errors]
    assert set(kinds) <= NO_DOCUMENT_KINDS | WARNING_KINDS, kinds
    documents = result.rows.get("documents", [])
    if documents:
        assert all(kind in WARNING_KINDS for kind in kinds), f"{path.name}: an error kind came with a document"
        [doc] = documents
        assert (doc["title"] or "").strip(), f"{path.name}: blank title"
        assert (doc["body_text"] or "").strip(), f"{path.name}: blank body_text"
    else:
        assert kinds and all(kind in NO_DOCUMENT_KINDS for kind in kinds), f"{path.name}: no document, {kinds}"
        assert result.rows == {}
