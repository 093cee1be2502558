"""Tests of the adilet.zan.kz parser on small fixtures written in the register's real layout."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from sources import adilet_zan_kz
from sources.adilet_zan_kz import listing_items, parse
from sources.adilet_zan_kz.parser import act_type, page_path, parse_requisites
from sources.parsing import parse_capture, site_parser
from sources.records import RAW_SCHEMAS

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "adilet_zan_kz"
FETCHED_AT = datetime(2026, 11, 28, tzinfo=UTC)
CODE_RUS = "https://adilet.zan.kz/rus/docs/K1500000375"


def _parse(name: str, url: str = CODE_RUS):
    return parse((FIXTURES / name).read_bytes(), url, FETCHED_AT)


@pytest.fixture(scope="module")
def code_rus():
    return _parse("code-rus.html")


def _columns_match(result) -> None:
    for table, rows in result.rows.items():
        expected = {f.name for f in RAW_SCHEMAS[table]} - {"capture_id", "source_url"}
        for row in rows:
            assert set(row) == expected, table


def test_code_rus_legal_act_fields(code_rus):
    assert code_rus.errors == []
    _columns_match(code_rus)
    [act] = code_rus.rows["legal_acts"]
    assert act == {
        "site": "adilet.zan.kz",
        "jurisdiction_iso3": "KAZ",
        "title": "Предпринимательский кодекс Республики Казахстан",
        "act_type": "code",
        "act_form_raw": "Кодекс Республики Казахстан",
        "act_number": "375-V ЗРК",
        "adopted_on": date(2015, 10, 29),
        "signed_place": None,
        "issuing_body": None,
        "status": "in_force",
        "status_raw": "upd",
        "language": "ru",
        "is_partial": False,
        "in_force_from": None,  # the act's note points to article 324 for it: no date is stated here
        "lost_force_on": None,
    }


def test_code_rus_document_row(code_rus):
    [doc] = code_rus.rows["documents"]
    assert (doc["site"], doc["page_kind"], doc["language"]) == ("adilet.zan.kz", "legal_act", "ru")
    assert doc["layout"] == "div.container_alpha.slogan h1; div.container_gamma.text article"
    assert doc["title"] == "Предпринимательский кодекс Республики Казахстан"
    assert doc["published_at"] is None
    assert doc["body_text"].startswith("РАЗДЕЛ 1. ОБЩИЕ ПОЛОЖЕНИЯ\nГлава 1.")
    assert "Сноска" not in doc["body_text"] and "Примечание ИЗПИ" not in doc["body_text"]
    assert "Информационно-правовая система" not in doc["body_text"]  # site chrome
    assert "© 2012" not in doc["body_text"]


def test_code_rus_articles_structure(code_rus):
    articles = code_rus.rows["legal_act_articles"]
    assert [a["position"] for a in articles] == list(range(14))
    assert [(a["level"], a["number"]) for a in articles] == [
        ("note", None),
        ("section", "1"),
        ("chapter", "1"),
        ("article", "1"),
        ("clause", "1"),
        ("clause", "2"),
        ("clause", "1"),
        ("clause", "2"),
        ("note", None),
        ("article", "2"),
        ("text", None),
        ("chapter", "2"),
        ("article", "3-1"),
        ("text", None),
    ]
    # anchors: p[id="zN"] and a[name="zN"] (inside the block or standing just before it)
    assert [a["block_id"] for a in articles if a["block_id"]] == ["z1", "z2", "z3", "z4", "z5", "z6"]
    assert articles[3]["heading"] == "Отношения, регулируемые настоящим Кодексом"
    assert articles[1]["heading"] == "ОБЩИЕ ПОЛОЖЕНИЯ"
    assert articles[12]["heading"] == "Принцип свободы предпринимательства"
    assert [a["position"] for a in articles if a["is_editorial"]] == [0, 8]
    assert articles[0]["text"].startswith("Примечание ИЗПИ! Порядок")
    assert articles[8]["text"].startswith("Сноска. Статья 1 с изменением")


def test_code_kaz():
    result = _parse("code-kaz.html", "https://adilet.zan.kz/kaz/docs/K1500000375")
    assert result.errors == []
    _columns_match(result)
    [act] = result.rows["legal_acts"]
    assert act["title"] == "Қазақстан Республикасының Кәсіпкерлік кодексі"
    assert (act["act_type"], act["act_form_raw"]) == ("code", "Қазақстан Республикасының Кодексі")
    assert act["act_number"] == "375-V"  # the Kazakh line prints no ЗРК suffix: kept as printed
    assert act["adopted_on"] == date(2015, 10, 29)
    assert (act["status"], act["status_raw"], act["language"]) == ("in_force", "upd", "kk")
    articles = result.rows["legal_act_articles"]
    assert [(a["level"], a["number"], a["is_editorial"]) for a in articles] == [
        ("note", None, True),
        ("section", "1", False),
        ("chapter", "1", False),
        ("article", "1", False),
        ("clause", "1", False),
        ("clause", "2", False),
        ("clause", "1", False),
        ("note", None, True),
        ("article", "2", False),
        ("text", None, False),
    ]
    assert articles[3]["heading"] == "Осы Кодекспен реттелетін қатынастар"
    assert articles[7]["text"].startswith("Ескерту. 1-бапқа")
    [doc] = result.rows["documents"]
    assert doc["language"] == "kk" and "Ескерту" not in doc["body_text"]


def test_code_eng():
    result = _parse("code-eng.html", "https://adilet.zan.kz/eng/docs/K1500000375")
    assert result.errors == []
    [act] = result.rows["legal_acts"]
    assert act["title"] == "Entrepreneurial Code of the Republic of Kazakhstan"
    assert (act["act_type"], act["act_form_raw"]) == ("code", "The Code of the Republic of Kazakhstan")
    assert (act["act_number"], act["adopted_on"]) == ("375-V ЗРК", date(2015, 10, 29))
    assert (act["status"], act["status_raw"], act["language"]) == ("in_force", "new", "en")
    articles = result.rows["legal_act_articles"]
    assert [(a["level"], a["number"], a["block_id"]) for a in articles] == [
        ("section", "1", "z1"),
        ("chapter", "1", "z2"),
        ("article", "1", "z3"),
        ("clause", "1", None),
        ("note", None, None),
        ("article", "2", "z4"),
        ("text", None, None),
    ]
    assert articles[4]["is_editorial"] is True


def test_lost_force_resolution_on_old_host():
    result = _parse("resolution-lost-force.html", "https://old.adilet.zan.kz/rus/docs/P990009999_")
    assert result.errors == []
    [act] = result.rows["legal_acts"]
    assert act["act_type"] == "resolution"
    assert act["act_form_raw"] == "Постановление Правительства Республики Казахстан"
    assert act["act_number"] == "9999"  # the repealing act's number (№ 9998) comes later in the line
    assert act["adopted_on"] == date(1999, 3, 15)
    assert (act["status"], act["status_raw"]) == ("lost_force", "yts")
    articles = result.rows["legal_act_articles"]
    assert [(a["level"], a["number"], a["block_id"], a["is_editorial"]) for a in articles] == [
        ("note", None, None, True),
        ("text", None, "z1", False),
        ("clause", "1", "z2", False),
        ("clause", "2", "z3", False),
        ("text", None, "z4", False),
    ]


def test_status_err_is_unknown_with_raw_class():
    body = (FIXTURES / "code-rus.html").read_bytes().replace(b"status status_upd", b"status status_err")
    [act] = parse(body, CODE_RUS, FETCHED_AT).rows["legal_acts"]
    assert (act["status"], act["status_raw"]) == ("unknown", "err")


def test_info_page():
    result = _parse("code-info.html", CODE_RUS + "/info")
    assert result.errors == []
    _columns_match(result)
    [doc] = result.rows["documents"]
    assert (doc["page_kind"], doc["layout"], doc["language"]) == ("legal_act_info", "table.params", "ru")
    [act] = result.rows["legal_acts"]
    assert act == {
        "site": "adilet.zan.kz",
        "jurisdiction_iso3": "KAZ",
        "title": "Предпринимательский кодекс Республики Казахстан",
        "act_type": "code",
        "act_form_raw": "Кодекс",
        "act_number": "375-V ЗРК",
        "adopted_on": date(2015, 10, 29),
        "signed_place": None,
        "issuing_body": "Парламент Республики Казахстан",
        "status": "in_force",
        "status_raw": "upd",
        "language": "ru",
        "is_partial": True,
        "in_force_from": None,
        "lost_force_on": None,
    }
    assert "legal_act_articles" not in result.rows
    # the page has no text of its own: its body_text is its rows, never blank
    assert doc["body_text"].splitlines()[:3] == [
        "Вид документа: Кодекс",
        "Номер документа: 375-V ЗРК",
        "Дата принятия: 29.10.2015",
    ]


def test_info_page_status_row_when_no_status_class():
    body = (FIXTURES / "code-info.html").read_bytes()
    body = body.replace(b'class="status status_upd"', b'class="badge"')
    body = body.replace("Действующий".encode(), "Утративший силу".encode())
    [act] = parse(body, CODE_RUS + "/info", FETCHED_AT).rows["legal_acts"]
    assert (act["status"], act["status_raw"]) == ("lost_force", "Утративший силу")


def test_info_page_without_table_is_an_error():
    body = (FIXTURES / "code-info.html").read_bytes().replace(b'class="params" id="ethernatable"', b'class="x"')
    result = parse(body, CODE_RUS + "/info", FETCHED_AT)
    assert result.rows == {}
    [error] = result.errors
    assert error.error_kind == "missing_part"  # the URL names an act's /info page: a part is missing
    assert "adilet.zan.kz" in error.message and "table.params" in error.message


def test_search_results_are_a_listing():
    url = "https://adilet.zan.kz/rus/search/docs?fulltext=%D1%82%D1%80%D0%B0%D0%BD%D0%B7%D0%B8%D1%82"
    result = _parse("search-results.html", url)
    assert result.errors == []
    [doc] = result.rows["documents"]
    assert (doc["page_kind"], doc["layout"], doc["title"]) == ("listing", "div.post_holder", "Результаты поиска")
    items = listing_items((FIXTURES / "search-results.html").read_bytes(), url)
    assert [(i["act_id"], i["status"]) for i in items] == [("K1500000375", "in_force"), ("P990009999_", "lost_force")]
    assert items[1]["url"] == "https://adilet.zan.kz/rus/docs/P990009999_"
    assert items[0]["requisites"] == "Кодекс Республики Казахстан от 29 октября 2015 года № 375-V ЗРК."


def test_empty_page():
    result = _parse("empty.html")
    assert result.rows == {}
    [error] = result.errors
    assert error.error_kind == "empty_body" and "adilet.zan.kz" in error.message


def test_truncated_page_keeps_what_was_read_and_says_so():
    result = _parse("truncated.html")
    [error] = result.errors
    assert error.error_kind == "truncated_text" and "adilet.zan.kz" in error.message
    assert error.is_warning
    assert result.rows["legal_acts"][0]["act_number"] == "375-V ЗРК"
    assert result.rows["legal_act_articles"][-1]["text"].endswith("о предприниматель")


def test_page_cut_before_the_text_is_a_truncation_error():
    body = (FIXTURES / "code-rus.html").read_bytes()
    result = parse(body[: body.index(b"<article>")], CODE_RUS, FETCHED_AT)
    assert result.rows == {}
    [error] = result.errors
    assert error.error_kind == "truncated"
    assert "div.container_gamma.text" in error.message


def test_page_without_the_register_markup_names_the_site_and_missing_parts():
    body = "<!DOCTYPE html><html><head><title>x</title></head><body><p>Ничего нет.</p></body></html>".encode()
    result = parse(body, "https://adilet.zan.kz/rus/search/x", FETCHED_AT)
    assert result.rows == {}
    [error] = result.errors
    assert error.error_kind == "unknown_layout"  # no act_id in the URL: nothing says what the page is
    assert error.message.startswith("adilet.zan.kz: no title (div.container_alpha.slogan h1, h1)")
    assert "div.container_gamma.text article" in error.message and "div.post_holder" in error.message
    known = parse(body, CODE_RUS, FETCHED_AT)
    assert [e.error_kind for e in known.errors] == ["missing_part"]  # the URL names an act
    assert known.errors[0].message.startswith("adilet.zan.kz: missing_part: title (div.container_alpha.slogan h1")


def test_requisites_lines():
    ru = parse_requisites("Закон Республики Казахстан от 3 января 2017 года № 000-VI ЗРК.", "Z1700000000")
    assert (ru.act_type, ru.act_number, ru.adopted_on) == ("law", "000-VI ЗРК", date(2017, 1, 3))
    kk = parse_requisites("Қазақстан Республикасы Үкіметінің 1999 жылғы 15 наурыздағы N 9999 Қаулысы.")
    assert (kk.act_type, kk.act_number, kk.adopted_on) == ("resolution", "9999", date(1999, 3, 15))
    assert kk.act_form_raw == "Қазақстан Республикасы Үкіметінің Қаулысы"
    order = parse_requisites(
        "Приказ Министра финансов Республики Казахстан от 12 мая 2020 года № 000. "
        "Зарегистрирован в Министерстве юстиции Республики Казахстан 15 мая 2020 года № 00000."
    )
    # an order is no act type of fct_legal_acts: "other", its form kept in act_form_raw
    assert (order.act_type, order.act_number, order.adopted_on) == ("other", "000", date(2020, 5, 12))
    assert order.act_form_raw == "Приказ Министра финансов Республики Казахстан"
    assert parse_requisites(None, "U0000000001").act_type == "decree"
    assert parse_requisites("", None).act_type is None


def test_act_type_falls_back_to_the_id_letter():
    assert act_type("Конституционный закон Республики Казахстан") == "law"
    assert act_type(None, "K1500000375") == "code"
    assert act_type(None, "V2000000000") == "other"


def test_page_path():
    assert page_path("https://old.adilet.zan.kz/kaz/docs/P990000287_/info") == page_path(
        "https://adilet.zan.kz/kaz/docs/P990000287_/info"
    )
    where = page_path("https://adilet.zan.kz/kaz/docs/P990000287_/info")
    assert (where.language, where.act_id, where.sub_page, where.is_search) == ("kk", "P990000287_", "info", False)
    assert page_path("https://adilet.zan.kz/eng/docs/Z1700000101").act_id == "Z1700000101"
    assert page_path("https://adilet.zan.kz/rus/search/docs?fulltext=x").is_search


def test_links_sub_page_is_reported_not_silently_empty():
    result = _parse("code-rus.html", CODE_RUS + "/links")
    assert result.rows == {}
    assert [e.error_kind for e in result.errors] == ["unsupported_page"]


def test_dispatch_through_the_catalog():
    assert site_parser("adilet_zan_kz") is adilet_zan_kz
    result = parse_capture(
        (FIXTURES / "code-rus.html").read_bytes(), "https://old.adilet.zan.kz/rus/docs/K1500000375", FETCHED_AT
    )
    assert result.errors == []
    assert result.rows["legal_acts"][0]["act_number"] == "375-V ЗРК"


@pytest.fixture(scope="module")
def code_deep():
    return _parse("code-rus-deep.html", "https://adilet.zan.kz/rus/docs/K1500000999")


def test_text_deeper_than_a_direct_child_article_gives_its_articles(code_deep):
    assert code_deep.errors == []
    articles = code_deep.rows["legal_act_articles"]
    headings = [(a["block_id"], a["number"], a["heading"]) for a in articles if a["level"] == "article"]
    assert headings == [
        ("z1", "1", "Понятия, используемые в настоящем Кодексе"),
        ("z2", "2", "Сфера действия Кодекса"),
        ("z3", "3", "Учет товаров"),
        ("z4", "4", "Открытие торгового центра"),
    ]
    [doc] = code_deep.rows["documents"]
    assert doc["layout"] == "div.container_alpha.slogan h1; div.container_gamma.text article"


def test_h3_joined_by_br_gives_one_block_a_line(code_deep):
    heads = [(a["block_id"], a["level"], a["number"], a["text"]) for a in code_deep.rows["legal_act_articles"][3:6]]
    assert heads == [
        ("z100", "section", None, "ОБЩАЯ ЧАСТЬ"),
        ("z101", "section", "1", "РАЗДЕЛ 1. ОСНОВЫ ПРИГРАНИЧНОЙ ТОРГОВЛИ"),
        ("z102", "chapter", "1", "Глава 1. ОБЩИЕ ПОЛОЖЕНИЯ"),
    ]


def test_loose_note_spans_are_one_editorial_block(code_deep):
    notes = [a["text"] for a in code_deep.rows["legal_act_articles"] if a["is_editorial"]]
    assert notes[-1] == (
        "Сноска. Статья 2 с изменением, внесенным Законом РК от 02.02.2020 № 000-VI (вводится в действие с 01.03.2020)."
    )
    assert "000-VI" not in code_deep.rows["documents"][0]["body_text"]


def test_entry_into_force_from_the_opening_note_not_from_an_amendment(code_deep):
    [act] = code_deep.rows["legal_acts"]
    assert (act["act_number"], act["adopted_on"]) == ("999-V ЗРК", date(2015, 4, 14))
    assert act["in_force_from"] == date(2015, 7, 1)  # not 01.03.2020, the date of an amendment's footnote


def test_kazakh_articles_and_archived_status():
    result = _parse("act-kaz-archived.html", "https://adilet.zan.kz/kaz/docs/P990009998_")
    assert result.errors == []
    [act] = result.rows["legal_acts"]
    assert (act["status"], act["status_raw"], act["language"]) == ("unknown", "arc", "kk")
    assert (act["act_type"], act["act_number"], act["adopted_on"]) == ("resolution", "9998", date(1999, 5, 20))
    assert act["in_force_from"] == date(1999, 7, 1)  # "1999 жылғы 1 шілдеден бастап қолданысқа енгізіледі"
    articles = result.rows["legal_act_articles"]
    assert [(a["number"], a["heading"]) for a in articles if a["level"] == "article"] == [
        ("1", "Қағидалардың мақсаты"),
        ("2", "Сауда орнын ашу"),
    ]
    assert [a["is_editorial"] for a in articles if a["text"].startswith(("ҚРЗАИ", "Ескерту"))] == [True, True]


@pytest.mark.parametrize("fixture", ["js-shell.html", "unknown-layout.html"])
@pytest.mark.parametrize("path", ["/rus/docs/K1500000375", "/kaz/docs/K1500000375/info", "/rus/search/docs/fulltext=x"])
def test_javascript_shell_is_its_own_error_on_every_path(fixture, path):
    result = _parse(fixture, "https://adilet.zan.kz" + path)
    assert result.rows == {}
    [error] = result.errors
    assert error.error_kind == "js_shell"
    assert "old.adilet.zan.kz" in error.message


def test_search_results_text_is_its_items():
    result = _parse("search-results.html", "https://adilet.zan.kz/rus/search/docs/fulltext=транзит")
    [doc] = result.rows["documents"]
    assert doc["body_text"].splitlines()[1] == (
        "Об утверждении Правил перевозки транзитных грузов · Постановление Правительства Республики Казахстан от "
        "15 марта 1999 года N 9999. · https://adilet.zan.kz/rus/docs/P990009999_"
    )


def test_a_loose_run_without_note_spans_is_enacted_text():
    article = (
        '<p id="z1">1. Первый пункт.</p><b>Второй</b> <i>пункт без абзаца.</i><br>'
        '<span class="note">Сноска. Пункт изменен</span> <a href="/rus/docs/Z1">№ 1-VI</a><span class="note">.</span>'
    )
    html = (FIXTURES / "code-rus.html").read_text(encoding="utf-8")
    start, end = html.index("<article>") + len("<article>"), html.index("</article>")
    result = parse((html[:start] + article + html[end:]).encode(), CODE_RUS, FETCHED_AT)
    blocks = [(a["text"], a["is_editorial"]) for a in result.rows["legal_act_articles"]]
    assert blocks == [
        ("1. Первый пункт.", False),
        ("Второй пункт без абзаца.", False),
        ("Сноска. Пункт изменен № 1-VI .", True),
    ]
