"""Tests of the gazeta.uz parser on the bundled reconstructions and on small real-layout fixtures."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from sources.gazeta_uz import listing_items, parse

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "sources" / "bundled" / "pages"
FIXTURES = ROOT / "tests" / "fixtures" / "gazeta_uz"
FETCHED_AT = datetime(2026, 11, 28, tzinfo=UTC)
REF01_URL = "https://www.gazeta.uz/ru/2017/03/22/region/"
REF09_URL = "https://www.gazeta.uz/ru/2022/01/07/kaz-uzb/"


def _parse(path: Path, url: str):
    return parse(path.read_bytes(), url, FETCHED_AT)


@pytest.fixture(scope="module")
def ref09():
    return _parse(PAGES / "ref09-gazeta-uz-2022-01-07-kaz-uzb.html", REF09_URL)


def _cells(result) -> dict[tuple[int, int], dict]:
    return {(c["row_index"], c["col_index"]): c for c in result.rows["table_cells"] if c["table_index"] == 0}


def test_ref01_document_fields():
    result = _parse(PAGES / "ref01-gazeta-uz-2017-03-22-region.html", REF01_URL)
    assert result.errors == []
    [doc] = result.rows["documents"]
    assert doc["site"] == "gazeta.uz"
    assert doc["page_kind"] == "article"
    assert doc["layout"] == "h1#article_title; div.articleContent"
    assert doc["title"] == "Мирзиёев перед визитом в Астану: «Центральная Азия — единый организм»"
    assert doc["published_at"] == datetime(2017, 3, 22, 5, 15, tzinfo=UTC)
    assert doc["language"] == "ru"
    assert doc["author"] is None
    assert doc["lead"].startswith("Накануне государственного визита в Казахстан")
    assert "«Центральная Азия — единый организм»" in doc["body_text"]
    assert len(doc["body_text"].split("\n")) == 4
    assert "Популярное" not in doc["body_text"]
    assert result.count("table_cells") == 0


def test_ref01_visible_date_fallback_uses_russian_months():
    body = (PAGES / "ref01-gazeta-uz-2017-03-22-region.html").read_bytes()
    body = body.replace(b'property="article:published_time"', b'property="og:updated_time"')
    [doc] = parse(body, REF01_URL, FETCHED_AT).rows["documents"]
    assert doc["published_at"] == datetime(2017, 3, 22, 5, 15, tzinfo=UTC)


def test_ref09_document_fields(ref09):
    assert ref09.errors == []
    [doc] = ref09.rows["documents"]
    assert doc["title"] == "Узбекистан и Казахстан: торговля в цифрах"
    assert doc["published_at"] == datetime(2022, 1, 7, 11, 40, tzinfo=UTC)
    assert doc["published_at"].tzinfo is not None
    assert doc["author"] == "Шухрат Латипов"
    assert doc["language"] == "ru"
    assert doc["lead"].startswith("За одиннадцать месяцев 2021 года")
    assert "9,3%" in doc["body_text"] and "17,7%" in doc["body_text"] and "17,4%" in doc["body_text"]
    assert "Иллюстративное фото" not in doc["body_text"]  # picture caption, not prose
    assert "3 538" not in doc["body_text"]  # table cells are not paragraphs


def test_ref09_table_shape_and_header(ref09):
    cells = _cells(ref09)
    assert ref09.count("table_cells") == 20
    assert {c["table_index"] for c in ref09.rows["table_cells"]} == {0}
    assert [cells[(0, col)]["text"] for col in range(5)] == ["", "2018", "2019", "2020", "Январь–ноябрь 2021"]
    assert all(cells[(0, col)]["is_header"] for col in range(5))
    assert not any(cells[(row, col)]["is_header"] for row in (1, 2, 3) for col in range(5))


def test_ref09_table_values_keep_digits_and_plain_spaces(ref09):
    cells = _cells(ref09)
    assert cells[(1, 0)]["text"] == "Товарооборот"
    assert [cells[(1, col)]["text"] for col in range(1, 5)] == ["2 920", "3 333 503", "3 006", "3 538"]
    assert [cells[(2, col)]["text"] for col in range(5)] == [
        "Экспорт Узбекистана",
        "1 352",
        "1 393",
        "908",
        "1 057",
    ]
    assert [cells[(3, col)]["text"] for col in range(5)] == [
        "Импорт из Казахстана",
        "1 567",
        "1 942",
        "2 097",
        "2 481",
    ]
    assert all("\u00a0" not in c["text"] for c in ref09.rows["table_cells"])


def test_ref09_page_itself_mixes_nbsp_and_plain_spaces():
    raw = (PAGES / "ref09-gazeta-uz-2022-01-07-kaz-uzb.html").read_text(encoding="utf-8")
    assert "2&nbsp;920" in raw and "<td>3 538</td>" in raw


def test_ref09_caption_is_the_paragraph_before_the_table(ref09):
    captions = {c["caption"] for c in ref09.rows["table_cells"]}
    assert captions == {"Товарооборот Узбекистана с Казахстаном, млн долларов (по данным Госкомстата Узбекистана)"}


@pytest.mark.parametrize("name", ["ref01-gazeta-uz-2017-03-22-region.html", "ref09-gazeta-uz-2022-01-07-kaz-uzb.html"])
def test_bundled_pages_are_marked_as_reconstructions(name):
    raw = (PAGES / name).read_text(encoding="utf-8")
    assert raw.startswith("<!-- kzuz reconstruction:")
    assert '<meta name="kzuz:reconstruction" content="true">' in raw


def test_oz_article_current_layout_with_itemprop_body():
    result = _parse(FIXTURES / "oz-article.html", "https://www.gazeta.uz/oz/2021/09/14/flights/")
    assert result.errors == []
    [doc] = result.rows["documents"]
    assert doc["language"] == "uz-Latn"
    assert doc["layout"] == 'h1#article_title; div[itemprop="articleBody"]'
    assert doc["title"] == "Toshkent va Olmaota o‘rtasida qatnovlar ko‘paymoqda"
    assert doc["published_at"] == datetime(2021, 9, 14, 4, 5, tzinfo=UTC)
    assert doc["author"] == "Shuhrat Latipov"
    assert doc["lead"] == "Ikki davlat o‘rtasida havo qatnovi tiklandi, endi haftasiga 20 ta reys amalga oshiriladi."
    assert doc["body_text"].split("\n")[1] == "Aviakompaniyalar haftasiga jami 20 ta reys bajarishni rejalashtirmoqda."


def test_uz_article_plain_h1_itemprop_date_and_th_table():
    result = _parse(FIXTURES / "uz-article.html", "https://www.gazeta.uz/uz/2021/02/03/cargo/")
    assert result.errors == []
    [doc] = result.rows["documents"]
    assert doc["language"] == "uz-Cyrl"
    assert doc["layout"] == "h1; div.articleContent"
    assert doc["title"] == "Ўзбекистон ва Қозоғистон юк ташишни кўпайтирди"
    assert doc["published_at"] == datetime(2021, 2, 3, 13, 30, tzinfo=UTC)
    # the header's own h4 (a slogan) comes first in the page, the lead is the one next to the title
    assert doc["lead"] == "2020 йилда икки давлат ўртасида 21 миллион тонна юк ташилди."
    cells = _cells(result)
    assert cells[(0, 0)]["is_header"] and cells[(0, 1)]["is_header"]
    assert not cells[(1, 0)]["is_header"]
    assert cells[(1, 1)]["text"] == "21"
    assert cells[(1, 1)]["caption"] == "Юк ташиш, миллион тонна"


def test_en_article_older_layout_falls_back_to_visible_date():
    result = _parse(FIXTURES / "en-article.html", "https://www.gazeta.uz/en/2021/12/06/allied/")
    assert result.errors == []
    [doc] = result.rows["documents"]
    assert doc["language"] == "en"
    assert doc["layout"] == 'h1; div[itemprop="articleBody"]'
    assert doc["title"] == "Uzbekistan and Kazakhstan raise relations to allied level"
    assert doc["published_at"] == datetime(2021, 12, 6, 14, 20, tzinfo=UTC)
    assert doc["author"] is None
    cells = _cells(result)
    assert cells[(0, 0)]["is_header"] and not cells[(2, 1)]["is_header"]
    assert cells[(2, 1)]["text"] == "10"
    assert cells[(2, 1)]["caption"] is None  # the element before the table is a div, not a paragraph


def test_listing_page_is_a_listing_not_an_error():
    body = (FIXTURES / "listing.html").read_bytes()
    result = parse(body, "https://www.gazeta.uz/ru/economy/", FETCHED_AT)
    assert result.errors == []
    [doc] = result.rows["documents"]
    assert doc["page_kind"] == "listing"
    assert doc["title"] == "Экономика"
    assert result.count("table_cells") == 0
    items = listing_items(body, "https://www.gazeta.uz/ru/economy/")
    assert [i["url"] for i in items] == [
        "https://www.gazeta.uz/ru/2022/01/07/kaz-uzb/",
        "https://www.gazeta.uz/ru/2022/01/06/flights/",
    ]
    assert items[0]["date_text"] == "7 января 2022, 16:40"
    assert items[1]["title"] == "Число рейсов между странами растёт"


def test_empty_file_is_an_empty_body_error():
    result = _parse(FIXTURES / "empty.html", REF09_URL)
    assert result.rows == {}
    assert [e.error_kind for e in result.errors] == ["empty_body"]
    assert "gazeta.uz" in result.errors[0].message


def test_truncated_file_is_a_truncated_error():
    result = _parse(FIXTURES / "truncated.html", REF09_URL)
    assert result.rows == {}
    [error] = result.errors
    assert error.error_kind == "truncated"
    assert "gazeta.uz" in error.message and "</html>" in error.message


def test_page_cut_inside_the_body_keeps_the_paragraphs_and_reports_the_cut():
    raw = (PAGES / "ref09-gazeta-uz-2022-01-07-kaz-uzb.html").read_bytes()
    result = parse(raw[: raw.index(b"<table")], REF09_URL, FETCHED_AT)
    assert result.count("documents") == 1
    assert [e.error_kind for e in result.errors] == ["truncated_text"]  # a warning: the document is there
    assert result.errors[0].is_warning


def test_unknown_layout_names_the_site_and_missing_parts():
    # At an article URL the page is an article with its parts missing; elsewhere nothing says what it is.
    for url, kind in ((REF09_URL, "missing_part"), ("https://www.gazeta.uz/ru/about/", "unknown_layout")):
        result = _parse(FIXTURES / "unknown-layout.html", url)
        assert result.rows == {}
        [error] = result.errors
        assert error.error_kind == kind
        assert error.message.startswith("gazeta.uz:")
        assert "h1#article_title" in error.message and "div.articleContent" in error.message
        assert "fallback: trafilatura found" in error.message


# A capture at 01:30 on 16 August 2025 in Tashkent (20:30 UTC on the 15th): "today" is the 16th there.
LATE_CAPTURE = datetime(2025, 8, 15, 20, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("fixture", "url", "published_at"),
    [
        # "Сегодня, 13:51" in Tashkent on the capture's local day, the 16th
        ("ru-relative-date.html", "https://www.gazeta.uz/ru/2025/08/16/trade-house/", datetime(2025, 8, 16, 8, 51)),
        # "Kecha, 18:05": the day before the capture's local day
        ("oz-relative-date.html", "https://www.gazeta.uz/oz/2025/08/15/post/", datetime(2025, 8, 15, 13, 5)),
        # "Бугун, 09:30"
        ("uz-relative-date.html", "https://www.gazeta.uz/uz/2025/08/16/poezd/", datetime(2025, 8, 16, 4, 30)),
    ],
)
def test_relative_visible_dates_count_from_the_capture_day_in_tashkent(fixture, url, published_at):
    result = parse((FIXTURES / fixture).read_bytes(), url, LATE_CAPTURE)
    assert result.errors == []
    [doc] = result.rows["documents"]
    assert doc["published_at"] == published_at.replace(tzinfo=UTC)


def test_js_mediator_body_with_ltr_paragraphs():
    result = parse((FIXTURES / "ru-relative-date.html").read_bytes(), REF09_URL, LATE_CAPTURE)
    [doc] = result.rows["documents"]
    assert doc["layout"] == "h1#article_title; div.articleContent"
    assert doc["body_text"].startswith("Торговый дом на Юнусабаде будет работать без выходных")
    assert doc["lead"] == "На двух этажах разместились около сорока компаний из Туркестанской и Алматинской областей."


def test_listing_text_is_its_items_with_their_urls():
    result = _parse(FIXTURES / "listing.html", "https://www.gazeta.uz/ru/economy/")
    [doc] = result.rows["documents"]
    assert doc["body_text"].splitlines() == [
        "7 января 2022, 16:40 · Узбекистан и Казахстан: торговля в цифрах · https://www.gazeta.uz/ru/2022/01/07/kaz-uzb/",
        "6 января 2022, 12:00 · Число рейсов между странами растёт · https://www.gazeta.uz/ru/2022/01/06/flights/",
    ]


def test_listing_pages_yield_no_facts():
    # An item's headline states a trade figure: it is another page's, so the listing yields no fact rows,
    # though the same text read as an article would give one.
    from sources.catalog import load_catalog
    from sources.facts import extract_facts
    from sources.parsing import parse_capture
    from sources.records import ParseResult

    headline = "Товарооборот Узбекистана и Казахстана за 2020 год составил 3 006 млн долларов"
    html = (
        (FIXTURES / "listing.html").read_text(encoding="utf-8").replace("Число рейсов между странами растёт", headline)
    )
    url = "https://www.gazeta.uz/ru/economy/"
    result = parse_capture(html.encode(), url, FETCHED_AT)
    assert set(result.rows) == {"documents"} and headline in result.rows["documents"][0]["body_text"]
    as_article = ParseResult(rows={"documents": [{**result.rows["documents"][0], "page_kind": "article"}]})
    assert extract_facts(as_article, url, load_catalog().site_for_url(url)).count("trade_observations") == 1
