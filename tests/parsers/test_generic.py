"""Tests of the generic article extractor on the bundled news pages (refs 6-8, 10-13, 16) and fixtures."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sources.generic import parser
from sources.generic.language import language_from_lang_attr, language_from_script

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "sources" / "bundled"
FIXTURES = ROOT / "tests" / "fixtures" / "generic"
FETCHED = dt.datetime(2026, 11, 28, tzinfo=dt.UTC)


def _manifest() -> dict[str, str]:
    """ref prefix ("ref06") -> URL, from the bundled manifest."""
    refs = {}
    for line in (BUNDLED / "manifest.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            url, path, *_ = line.split("\t")
            refs[Path(path).name[:5]] = (url, BUNDLED / path)
    return refs


def _doc(ref: str) -> dict:
    url, path = _manifest()[ref]
    result = parser.parse(path.read_bytes(), url, FETCHED)
    assert result.errors == []
    [doc] = result.rows["documents"]
    assert doc["page_kind"] == "article"
    assert doc["language"] == "ru"
    return doc


def test_podrobno_allied_level_plain_date_text():
    doc = _doc("ref06")
    assert doc["site"] == "podrobno.uz"
    assert doc["layout"] == "generic:h1+text"
    assert doc["title"].startswith("Узбекистан и Казахстан договорились о повышении статуса")
    # "06.12.2021, 17:07" Tashkent time (UTC+5)
    assert doc["published_at"] == dt.datetime(2021, 12, 6, 12, 7, tzinfo=dt.UTC)
    assert "уровень союзничества" in doc["body_text"]
    assert "Читайте также" not in doc["body_text"]
    assert "Тарифы на электроэнергию" not in doc["body_text"]


def test_uza_declaration_json_ld():
    doc = _doc("ref07")
    assert doc["site"] == "uza.uz"
    assert doc["layout"] == "generic:h1+json_ld"
    assert doc["title"] == ("Декларация о союзнических отношениях между Республикой Узбекистан и Республикой Казахстан")
    assert doc["published_at"] == dt.datetime(2021, 12, 6, 14, 20, tzinfo=dt.UTC)
    for fact in (
        "Высший межгосударственный совет",
        "Совет межпарламентского сотрудничества",
        "Совет министров иностранных дел",
        "5 млрд долларов",
        "10 млрд долларов",
    ):
        assert fact in doc["body_text"]


def test_e_cis_state_visit_date_only():
    doc = _doc("ref08")
    assert doc["site"] == "e-cis.info"
    assert doc["published_at"] == dt.datetime(2021, 12, 6, tzinfo=dt.UTC)
    assert "первый государственный визит" in doc["body_text"]
    assert "региональной безопасности" in doc["body_text"]
    assert "Другие новости" not in doc["body_text"]


def test_uzdaily_enterprises_meta_date():
    doc = _doc("ref10")
    assert doc["site"] == "uzdaily.uz"
    assert doc["layout"] == "generic:h1+meta"
    assert doc["published_at"] == dt.datetime(2021, 11, 18, 10, 24, tzinfo=dt.UTC)
    for fact in (
        "1 056",
        "510",
        "2,1 раза",
        "166",
        "Tenge Bank",
        "Astana Motors",
        "Джизаке",
        "85 млн долларов",
        "500 тысяч",
        "2 144",
        "5,8 %",
    ):
        assert fact in doc["body_text"]
    assert doc["lead"].startswith("В Узбекистане сейчас действуют 1 056 предприятий")


def test_podrobno_flights():
    doc = _doc("ref11")
    assert doc["published_at"] == dt.datetime(2021, 10, 12, 10, 40, tzinfo=dt.UTC)
    assert "20 рейсов в неделю" in doc["body_text"]


def test_uzdaily_freight():
    doc = _doc("ref12")
    assert doc["published_at"] == dt.datetime(2021, 11, 19, 6, 2, tzinfo=dt.UTC)
    for fact in ("21 млн тонн", "19 %", "Бейнеу – Акжигит", "Учкудук – Кызылорда", "1,9 млн пассажиров"):
        assert fact in doc["body_text"]


def test_akorda_russian_date_words():
    doc = _doc("ref13")
    assert doc["site"] == "akorda.kz"
    assert doc["layout"] == "generic:h1+text"
    assert doc["published_at"] == dt.datetime(2021, 12, 6, tzinfo=dt.UTC)
    assert "Кызылорда – Учкудук на 2021–2025 годы" in doc["body_text"]
    assert "Президент" in doc["title"] or "Токаев" in doc["title"]


def test_un_news_time_element():
    doc = _doc("ref16")
    assert doc["site"] == "news.un.org"
    assert doc["layout"] == "generic:h1+time"
    assert doc["published_at"] == dt.datetime(2021, 5, 18, 17, 30, tzinfo=dt.UTC)
    assert "зоной экологических инноваций и технологий" in doc["body_text"]
    assert "Засуха" not in doc["body_text"]


def test_og_title_fallback_and_script_language():
    result = parser.parse((FIXTURES / "og_title_only.html").read_bytes(), "https://www.example.uz/post/1", FETCHED)
    assert result.errors == []
    [doc] = result.rows["documents"]
    assert doc["site"] == "example.uz"
    assert doc["layout"] == "generic:og_title+text"
    assert doc["title"] == "Ўзбекистон ва Қозоғистон ҳамкорлиги кенгаймоқда"
    assert doc["language"] == "uz-Cyrl"
    assert doc["published_at"] == dt.datetime(2023, 11, 10, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("fixture", "kind"),
    [
        ("empty.html", "empty_body"),
        ("whitespace.html", "empty_body"),
        ("truncated.html", "truncated"),
        ("unknown_layout.html", "unknown_layout"),
    ],
)
def test_bad_pages_are_parse_errors(fixture, kind):
    result = parser.parse((FIXTURES / fixture).read_bytes(), "https://uzdaily.uz/ru/post/1", FETCHED)
    assert result.rows == {}
    [error] = result.errors
    assert error.error_kind == kind
    assert "uzdaily.uz" in error.message


def test_unknown_layout_names_missing_parts():
    result = parser.parse((FIXTURES / "unknown_layout.html").read_bytes(), "https://uzdaily.uz/ru/post/1", FETCHED)
    assert "title" in result.errors[0].message and "body paragraphs" in result.errors[0].message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Президенты двух стран провели переговоры", "ru"),
        ("Қазақстан мен Өзбекстан арасындағы сауда өсті", "kk"),
        ("Ўзбекистон ва Қозоғистон ҳамкорлиги кенгаймоқда", "uz-Cyrl"),
        ("O‘zbekiston va Qozog‘iston hamkorligi", "uz"),
        ("The two presidents held talks", "en"),
        ("2021 — 17:07", None),
    ],
)
def test_language_from_script(text, expected):
    assert language_from_script(text) == expected


def test_language_from_lang_attr():
    assert language_from_lang_attr("ru-RU") == "ru"
    assert language_from_lang_attr("kz") == "kk"
    assert language_from_lang_attr("uz-Cyrl") == "uz-Cyrl"
    assert language_from_lang_attr("") is None


RECONSTRUCTION_COMMENT = "<!-- kzuz reconstruction: written for the bundled archive, not a copy of the live page -->"


@pytest.mark.parametrize(
    "ref", ["ref04", "ref05", "ref06", "ref07", "ref08", "ref10", "ref11", "ref12", "ref13", "ref15", "ref16"]
)
def test_bundled_pages_are_marked_as_reconstructions(ref):
    _, path = _manifest()[ref]
    html = path.read_text(encoding="utf-8")
    assert html.startswith(RECONSTRUCTION_COMMENT)
    assert '<meta name="kzuz:reconstruction" content="true">' in html


@pytest.mark.parametrize(
    "page",
    [
        # a maintenance notice: a heading that is no h1, one paragraph, no date
        """<html lang="ru"><head><meta charset="utf-8"><title>Профилактика</title></head><body>
        <div class="notice"><h3>Сайт на обслуживании</h3><p>Уважаемые читатели, сейчас мы переносим редакцию
        на новые серверы. Материалы снова станут доступны в ближайшее время, спасибо за терпение и за то, что
        остаётесь с нами. Если страница не откроется через час, напишите нам в редакцию.</p></div></body></html>""",
        # a consent wall in English
        """<html lang="en"><head><title>Your privacy choices</title></head><body><section id="consent">
        <h2>We value your privacy</h2><p>We and our partners store and access information on your device, such as
        cookies, to measure audiences and personalise what you see. Choose "Accept" to continue reading, or
        open the settings to decide which purposes you allow. You can change your choice at any time.</p>
        <button>Accept</button></section></body></html>""",
    ],
)
def test_a_page_with_no_headline_and_no_date_is_not_read_as_an_article(page):
    result = parser.parse(page.encode(), "https://uzdaily.uz/ru/post/65720", FETCHED)
    assert result.rows == {}
    [error] = result.errors
    assert error.error_kind == "unknown_layout" and "not an article page" in error.message


def test_a_period_is_not_read_as_a_publication_date():
    """ "За 11 месяцев 2021 года" names a period: dateparser once read it as the year 5, which rejected the page."""
    page = """<html lang="ru"><head><title>Итоги торговли</title></head><body><h1>Итоги торговли</h1>
    <p>За 11 месяцев 2021 года товарооборот двух стран вырос, сообщили в ведомстве статистики, уточнив,
    что рост дали поставки продовольствия и строительных материалов в обе стороны в течение всего года.</p>
    </body></html>"""
    result = parser.parse(page.encode(), "https://uzdaily.uz/ru/post/70001", FETCHED)
    [document] = result.rows["documents"]
    assert document["published_at"] is None
