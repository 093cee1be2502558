"""Decoding archived pages (BOM, the response charset, <meta>, UTF-8, the detector); garbled text is an error."""

from __future__ import annotations

import codecs
import random
from datetime import UTC, datetime
from pathlib import Path

import pytest

from sources.charset import REPLACEMENT_SHARE, decode_page
from sources.parsing import parse_capture

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "encodings"
FETCHED = datetime(2026, 11, 28, tzinfo=UTC)
ZAKON_URL = "https://www.zakon.kz/9000001-sary-agash.html"
ADILET_URL = "https://adilet.zan.kz/kaz/docs/V0900099997"
ZAKON_TITLE = "Пограничники Сарыагаша перешли на круглосуточный режим"
ZAKON_SENTENCE = "очередь из грузовиков с хлопком и фруктами"
ADILET_TITLE = "Шекаралық өткізу пункттерінің жұмыс уақытын бекіту туралы"
ADILET_SENTENCE = "Өзбекстанмен шекарадағы автомобиль өткізу пункттері тәулік бойы жұмыс істейді."


def encoded(name: str, codec: str, declare: str, label: str | None = None) -> tuple[bytes, dict[str, str]]:
    """The fixture ``name`` encoded in ``codec``, its charset declared by ``declare``: meta (http-equiv),
    meta-charset, header (the archived response's Content-Type), bom, or none."""
    label = label or codec
    html = (FIXTURES / name).read_text(encoding="utf-8")
    headers = {"Content-Type": "text/html"}
    if declare == "meta":
        html = html.replace("<head>", f'<head>\n<meta http-equiv="Content-Type" content="text/html; charset={label}">')
    elif declare == "meta-charset":
        html = html.replace("<head>", f'<head>\n<meta charset="{label}">')
    elif declare == "header":
        headers = {"Content-Type": f"text/html; charset={label}"}
    body = html.encode(codec)
    if declare == "bom":
        body = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE, "utf-8": codecs.BOM_UTF8}[
            codec
        ] + body
    return body, headers


RUSSIAN_CASES = [
    ("cp1251", "meta", "windows-1251", "meta"),
    ("cp1251", "meta-charset", "windows-1251", "meta"),
    ("cp1251", "header", "windows-1251", "header"),
    ("cp1251", "none", None, "detector"),
    ("koi8-r", "meta", "koi8-r", "meta"),
    ("koi8-r", "header", "KOI8-R", "header"),
    ("koi8-r", "none", None, "detector"),
]
KAZAKH_CASES = [
    ("utf-16-le", "bom", None, "bom"),
    ("utf-16-be", "bom", None, "bom"),
    ("utf-16-le", "none", None, "detector"),
    ("utf-16-be", "none", None, "detector"),
    ("utf-16-be", "header", "utf-16be", "header"),
]


@pytest.mark.parametrize(("codec", "declare", "label", "source"), RUSSIAN_CASES)
def test_single_byte_cyrillic_pages_read_with_and_without_a_declared_charset(codec, declare, label, source):
    body, headers = encoded("zakon-fullnews-ru.html", codec, declare, label)
    page = decode_page(body, headers)
    assert (codecs.lookup(page.charset).name, page.source) == (codecs.lookup(codec).name, source)
    result = parse_capture(body, ZAKON_URL, FETCHED, headers=headers)
    assert result.errors == []
    [doc] = result.rows["documents"]
    assert doc["title"] == ZAKON_TITLE
    assert ZAKON_SENTENCE in doc["body_text"]


@pytest.mark.parametrize(("codec", "declare", "label", "source"), KAZAKH_CASES)
def test_utf16_pages_read_with_and_without_a_bom_or_a_declared_charset(codec, declare, label, source):
    body, headers = encoded("adilet-kaz.html", codec, declare, label)
    assert b"\x00" in body[:100]  # really UTF-16: a NUL in every other byte of the markup
    page = decode_page(body, headers)
    assert (page.charset, page.source) == (codec, source)
    result = parse_capture(body, ADILET_URL, FETCHED, headers=headers)
    assert result.errors == []
    [doc] = result.rows["documents"]
    assert doc["title"] == ADILET_TITLE and doc["language"] == "kk"
    assert ADILET_SENTENCE in doc["body_text"]
    [act] = result.rows["legal_acts"]
    assert (act["act_type"], act["act_number"]) == ("other", "99997")  # an order: no act type of its own


def test_positional_call_without_headers_still_works():
    body, _ = encoded("zakon-fullnews-ru.html", "cp1251", "meta", "windows-1251")
    result = parse_capture(body, ZAKON_URL, FETCHED)  # the external checker's call
    assert result.rows["documents"][0]["title"] == ZAKON_TITLE


def test_a_declared_charset_the_bytes_do_not_fit_is_passed_over():
    # An imported windows-1251 page archived with a guessed "charset=utf-8": the Russian must still read.
    body, _ = encoded("zakon-fullnews-ru.html", "cp1251", "none")
    page = decode_page(body, {"Content-Type": "text/html; charset=utf-8"})
    assert (page.charset, page.source, page.tried) == ("cp1251", "detector", ("header:utf-8",))
    assert ZAKON_TITLE in page.text
    body, _ = encoded("zakon-fullnews-ru.html", "cp1251", "meta", "windows-1251")
    page = decode_page(body, {"Content-Type": "text/html; charset=utf-8"})
    assert (page.charset, page.source) == ("cp1251", "meta")


def test_order_bom_then_header_then_meta():
    body, _ = encoded("zakon-fullnews-ru.html", "utf-8", "bom")
    assert decode_page(body, {"Content-Type": "text/html; charset=windows-1251"}).source == "bom"
    body, _ = encoded("zakon-fullnews-ru.html", "koi8-r", "meta", "windows-1251")
    # both read the bytes without a replacement character; the header comes first
    assert decode_page(body, {"Content-Type": "text/html; charset=koi8-r"}).charset == "koi8-r"
    assert decode_page(body, {}).charset == "cp1251"


def test_meta_declaring_utf16_on_an_ascii_compatible_page_reads_as_utf8():
    body, _ = encoded("zakon-fullnews-ru.html", "utf-8", "meta-charset", "utf-16")
    page = decode_page(body)
    assert (page.charset, page.source) == ("utf-8", "meta")
    assert ZAKON_TITLE in page.text


def test_a_few_broken_characters_are_tolerated():
    body, _ = encoded("zakon-fullnews-ru.html", "utf-8", "meta-charset", "utf-8")
    cut = body.replace("Жетысае".encode(), "Жетысае".encode()[:-1], 1)  # one character cut in half
    page = decode_page(cut)
    assert (page.charset, page.replacements, page.garbled) == ("utf-8", 1, False)
    assert parse_capture(cut, ZAKON_URL, FETCHED).errors == []


def _garbled(body: bytes, share: float, seed: int) -> bytes:
    """``body`` with ``share`` of its UTF-8 lead bytes of Cyrillic letters overwritten by continuation bytes."""
    rng = random.Random(seed)
    out = bytearray(body)
    for i, byte in enumerate(out):
        if byte in (0xD0, 0xD1) and rng.random() < share:
            out[i] = rng.randrange(0x80, 0xC0)
    return bytes(out)


def test_garbled_text_is_a_bad_encoding_error_naming_what_was_tried():
    body, headers = encoded("zakon-fullnews-ru.html", "utf-8", "header", "utf-8")
    bad = _garbled(body, 0.3, seed=1)
    page = decode_page(bad, headers)
    assert page.garbled and page.replacements > REPLACEMENT_SHARE * page.non_ascii
    result = parse_capture(bad, ZAKON_URL, FETCHED, headers=headers)
    assert result.rows == {}
    [error] = result.errors
    assert error.error_kind == "bad_encoding"
    assert error.message.startswith("zakon.kz: ") and "U+FFFD" in error.message
    assert "tried header:utf-8" in error.message and ZAKON_URL in error.message


@pytest.mark.parametrize("url", [ZAKON_URL, ADILET_URL, "https://lex.uz/docs/1", "https://www.gazeta.uz/ru/2022/01/07/x/",
                                 "https://online.zakon.kz/Document/?doc_id=1", "https://uzdaily.uz/ru/post/1",
                                 "https://lex.uz/actinfo/card1/1"])  # fmt: skip
def test_random_bytes_are_bad_encoding_on_every_html_parser(url):
    rng = random.Random(7)
    body = bytes(rng.randrange(256) for _ in range(5000))
    result = parse_capture(body, url, FETCHED)
    assert result.rows == {}
    assert [e.error_kind for e in result.errors] == ["bad_encoding"]


def test_a_parser_without_the_headers_keyword_is_still_called():
    # Comtrade's parser reads a data format with its own encoding rules and takes no headers keyword.
    body = (FIXTURES.parent / "comtrade" / "TEST-DATA-comtrade-860-uzb-annual-2019-2020.csv").read_bytes()
    url = "https://comtradeapi.un.org/data/v1/get/C/A/HS?reporterCode=860&period=2020"
    result = parse_capture(body, url, FETCHED, headers={"Content-Type": "text/csv; charset=utf-8"})
    assert "parser_crash" not in [e.error_kind for e in result.errors]
    assert result.rows.get("comtrade_records")
