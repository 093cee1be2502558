"""Tests of the zakon.kz parsers: online.zakon.kz Document pages (bundled refs 4, 5, 15) and news fixtures."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sources.online_zakon_kz import parser as online
from sources.zakon_kz import news

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "sources" / "bundled" / "pages"
FIXTURES = ROOT / "tests" / "fixtures" / "zakon_kz"
FETCHED = dt.datetime(2026, 11, 28, tzinfo=dt.UTC)


def _online(name: str, doc_id: int):
    return online.parse((PAGES / name).read_bytes(), f"https://online.zakon.kz/Document/?doc_id={doc_id}", FETCHED)


def _news(name: str, url: str = "https://www.zakon.kz/6012345-kazakhstan-uzbekistan.html"):
    return news.parse((FIXTURES / name).read_bytes(), url, FETCHED)


def test_treaty_of_eternal_friendship_behind_login_wall():
    result = _online("ref04-online-zakon-kz-1014669.html", 1014669)
    assert result.errors == []
    [doc] = result.rows["documents"]
    assert doc["site"] == "online.zakon.kz"
    assert doc["page_kind"] == "partial"
    assert doc["layout"] == "document_bem"
    assert doc["title"] == "Договор о вечной дружбе между Республикой Казахстан и Республикой Узбекистан"
    assert doc["published_at"] is None
    assert doc["language"] == "ru"
    assert "Договор от 31 октября 1998 года" in doc["body_text"]
    [act] = result.rows["legal_acts"]
    assert act["site"] == "online.zakon.kz"
    assert act["jurisdiction_iso3"] == "KAZ"
    assert act["title"] == doc["title"]
    assert act["act_type"] == "treaty"
    assert act["act_form_raw"] == "Договор"
    assert act["act_number"] is None
    assert act["adopted_on"] == dt.date(1998, 10, 31)
    assert act["signed_place"] == "Ташкент"
    assert act["status"] == "unknown"
    assert act["status_raw"] is None
    assert act["is_partial"] is True


def test_strategic_partnership_treaty_public_part_only():
    result = _online("ref05-online-zakon-kz-31405389.html", 31405389)
    assert result.errors == []
    [doc] = result.rows["documents"]
    assert doc["page_kind"] == "partial"
    [act] = result.rows["legal_acts"]
    assert act["title"] == ("Договор о стратегическом партнерстве между Республикой Казахстан и Республикой Узбекистан")
    assert act["act_type"] == "treaty"
    assert act["adopted_on"] == dt.date(2013, 6, 14)
    assert act["act_number"] is None
    assert act["signed_place"] is None
    assert act["is_partial"] is True


def test_interregional_article_is_not_an_act():
    result = _online("ref15-online-zakon-kz-32045017.html", 32045017)
    assert result.errors == []
    assert "legal_acts" not in result.rows
    [doc] = result.rows["documents"]
    assert doc["page_kind"] == "article"
    assert doc["title"].startswith("Межрегиональное сотрудничество Казахстана и Узбекистана")
    assert doc["published_at"] == dt.datetime(2021, 12, 2, tzinfo=dt.UTC)
    for figure in (
        "16 меморандумов",
        "26 инвестиционных проектов",
        "110,5 млн долларов США",
        "69 торговых контрактов",
        "209,3 млн долларов США",
        "54 контракта",
        "611,3 млн долларов США",
    ):
        assert figure in doc["body_text"]
    assert "Туркестан" in doc["body_text"]
    assert "Вход" not in doc["body_text"]  # chrome stays out


def test_full_act_with_number_and_status():
    result = online.parse(
        (FIXTURES / "online_act_full.html").read_bytes(),
        "https://online.zakon.kz/Document/?doc_id=1",
        FETCHED,
    )
    assert result.errors == []
    [doc] = result.rows["documents"]
    assert doc["page_kind"] == "legal_act"
    [act] = result.rows["legal_acts"]
    assert act["act_type"] == "law"
    assert act["act_number"] == "62-VI"
    assert act["adopted_on"] == dt.date(2017, 5, 5)
    assert act["status"] == "in_force"
    assert act["is_partial"] is False


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        ("Договор", "treaty"),
        ("Соглашение", "agreement"),
        ("Декларация", "declaration"),
        ("Закон", "law"),
        ("Кодекс", "code"),
        ("Указ", "decree"),
        ("Постановление", "resolution"),
        ("Протокол", "protocol"),
        ("Меморандум", "other"),
    ],
)
def test_act_type_normalisation(form, expected):
    assert online.act_type_of(form) == expected


def test_news_current_layout_ru():
    result = _news("news_article_block_ru.html")
    assert result.errors == []
    [doc] = result.rows["documents"]
    assert doc["site"] == "zakon.kz"
    assert doc["page_kind"] == "article"
    assert doc["layout"] == "article_block"
    assert doc["title"] == "Казахстан и Узбекистан обсудили запуск новых грузовых маршрутов"
    # 12:15 in Almaty (UTC+6 in 2021)
    assert doc["published_at"] == dt.datetime(2021, 12, 7, 6, 15, tzinfo=dt.UTC)
    assert doc["language"] == "ru"
    assert doc["author"] == "Анна Иванова"
    assert doc["lead"] == "Транспортные ведомства двух стран договорились ускорить согласование маршрутов."
    assert doc["body_text"].startswith("Представители транспортных ведомств")
    assert doc["body_text"].count("\n\n") == 1
    assert "Zakon.kz" not in doc["body_text"]


def test_news_old_fullnews_layout():
    result = _news("news_fullnews_ru.html")
    assert result.errors == []
    [doc] = result.rows["documents"]
    assert doc["layout"] == "fullnews"
    assert doc["title"] == "Открыт новый пункт пропуска на казахстанско-узбекской границе"
    assert doc["published_at"] == dt.datetime(2018, 3, 14, 3, 40, tzinfo=dt.UTC)
    assert doc["author"] is None
    assert doc["body_text"].startswith("На границе Казахстана и Узбекистана")


def test_news_kazakh_edition():
    result = _news("news_article_block_kk.html", "https://kaz.zakon.kz/6012399-tauar-ainalymy.html")
    assert result.errors == []
    [doc] = result.rows["documents"]
    assert doc["layout"] == "article_block"
    assert doc["language"] == "kk"
    assert doc["title"] == "Қазақстан мен Өзбекстан арасындағы тауар айналымы өсті"
    assert doc["published_at"] == dt.datetime(2022, 4, 15, 4, 30, tzinfo=dt.UTC)
    assert doc["author"] == "Ерлан Сериков"
    assert "көлік дәліздерінің" in doc["body_text"]


@pytest.mark.parametrize("parse", [news.parse, online.parse], ids=["news", "online"])
@pytest.mark.parametrize(("fixture", "kind"), [("empty.html", "empty_body"), ("truncated.html", "truncated")])
def test_bad_pages_are_parse_errors(parse, fixture, kind):
    result = parse((FIXTURES / fixture).read_bytes(), "https://www.zakon.kz/1-x.html", FETCHED)
    assert result.rows == {}
    [error] = result.errors
    assert error.error_kind == kind
    assert "zakon.kz" in error.message


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://www.zakon.kz/finansy/6012345-tovarooborot.html", "missing_part"),  # today's URL, with a section
        ("https://www.zakon.kz/6012345-tovarooborot.html", "missing_part"),  # older URL, no section
        ("https://www.zakon.kz/about/", "unknown_layout"),  # nothing says the page is an article
    ],
)
def test_news_page_without_the_article_markup(url, kind):
    result = news.parse((FIXTURES / "unknown_layout.html").read_bytes(), url, FETCHED)
    assert result.rows == {}
    [error] = result.errors
    assert error.error_kind == kind
    assert "div.articleBlock, div.article__content" in error.message and "div.fullnews" in error.message
    assert "fallback: trafilatura found" in error.message


def test_online_page_without_the_document_markup_is_missing_its_title_and_text():
    url = "https://online.zakon.kz/Document/?doc_id=1"
    result = online.parse((FIXTURES / "unknown_layout.html").read_bytes(), url, FETCHED)
    assert result.rows == {}
    [error] = result.errors
    assert error.error_kind == "missing_part"
    assert error.message.startswith("online.zakon.kz: missing_part: document title and text; tried document_bem")
    assert "h1.document__title" in error.message and "fallback: trafilatura" in error.message


def test_news_block_without_body_names_missing_part():
    result = _news("news_article_block_no_body.html")
    assert result.rows == {}
    [error] = result.errors
    assert error.error_kind == "missing_part"
    assert error.message.startswith("zakon.kz: missing_part: article body")
    assert "div.content p" in error.message


CAPTURED = dt.datetime(2025, 8, 15, 10, 0, tzinfo=dt.UTC)  # 15:00 in Almaty


@pytest.mark.parametrize(
    ("fixture", "url", "layout", "published_at"),
    [
        # "сегодня, 13:51" on the capture's day in Almaty; the URL carries the section
        (
            "news_relative_date_ru.html",
            "https://www.zakon.kz/transport/6123456-zhibek-zholy.html",
            "article_block",
            dt.datetime(2025, 8, 15, 8, 51),
        ),
        # time first: "13:51, 15 тамыз 2025"
        (
            "news_time_first_kk.html",
            "https://kaz.zakon.kz/6123457-avtobus.html",
            "article_block",
            dt.datetime(2025, 8, 15, 8, 51),
        ),
        # "Вчера, 22:40" in the older layout
        (
            "news_yesterday_ru.html",
            "https://www.zakon.kz/6000001-cement.html",
            "fullnews",
            dt.datetime(2025, 8, 14, 17, 40),
        ),
    ],
)
def test_relative_and_time_first_visible_dates(fixture, url, layout, published_at):
    result = news.parse((FIXTURES / fixture).read_bytes(), url, CAPTURED)
    assert result.errors == []
    [doc] = result.rows["documents"]
    assert doc["layout"] == layout
    assert doc["published_at"] == published_at.replace(tzinfo=dt.UTC)


def test_article_urls_with_and_without_their_section():
    assert news.is_article_url("https://www.zakon.kz/finansy/6012345-tovarooborot.html")
    assert news.is_article_url("https://www.zakon.kz/vlast-kazakhstana/6012346-vizit.html")
    assert news.is_article_url("https://www.zakon.kz/6012345-tovarooborot.html")
    assert not news.is_article_url("https://www.zakon.kz/news/")


def test_online_act_states_its_entry_into_force_and_loss_of_force():
    result = online.parse(
        (FIXTURES / "online_act_lost_force.html").read_bytes(),
        "https://online.zakon.kz/Document/?doc_id=99990002",
        FETCHED,
    )
    assert result.errors == []
    [act] = result.rows["legal_acts"]
    assert (act["act_type"], act["act_number"], act["adopted_on"]) == ("resolution", "999", dt.date(2003, 3, 12))
    assert (act["status"], act["in_force_from"], act["lost_force_on"]) == (
        "lost_force",
        dt.date(2003, 4, 1),
        dt.date(2020, 1, 1),
    )


def test_login_wall_document_text_is_its_public_part():
    result = _online("ref05-online-zakon-kz-31405389.html", 31405389)
    [doc] = result.rows["documents"]
    assert doc["page_kind"] == "partial"
    assert doc["body_text"].splitlines()[:2] == [
        "Договор о стратегическом партнерстве между Республикой Казахстан и Республикой Узбекистан (14 июня 2013 года)",
        "Договор от 14 июня 2013 года",
    ]


def test_online_act_with_requisites_and_no_text_is_partial_not_blank():
    html = (FIXTURES / "online_act_full.html").read_text(encoding="utf-8")
    start, end = html.index('<div class="document__text">'), html.index("</main>")
    result = online.parse(
        html[:start].encode() + html[end:].encode(), "https://online.zakon.kz/Document/?doc_id=3", FETCHED
    )
    assert result.errors == []
    [doc] = result.rows["documents"]
    assert doc["page_kind"] == "partial"
    assert doc["body_text"].splitlines()[1] == "Закон Республики Казахстан от 5 мая 2017 года № 62-VI"
    [act] = result.rows["legal_acts"]
    assert act["is_partial"] is True and act["act_number"] == "62-VI"
