"""The parsers' fast paths give exactly what the plain code they replace gave.

Each fast path rests on a claim about Python's str and re semantics (checked here over every code point)
or about which pages may skip a step (checked on small pages built to sit on the edge).
"""

from __future__ import annotations

import random
import re
import sys
from datetime import UTC, datetime

import pytest

from sources.adilet_zan_kz import parser as adilet
from sources.gazeta_uz import parser as gazeta
from sources.generic.tree import ends_with_html_close
from sources.lex_uz import parser as lex
from sources.lex_uz import requisites
from sources.normalise.spelling import squash_spaces

FETCHED_AT = datetime(2026, 11, 28, tzinfo=UTC)
_WHITESPACE = re.compile(r"\s+")
ALL_CHARS = [chr(c) for c in range(sys.maxunicode + 1)]


def _regex_clean(text: str | None) -> str:
    """The clean() every parser had before: a regex over unicode whitespace."""
    return _WHITESPACE.sub(" ", text or "").strip()


def test_squash_spaces_is_the_regex_clean_for_every_code_point():
    for char in ALL_CHARS:
        for text in (char, f"a{char}b", f" {char}", f"{char} ", f"a {char} b", f"{char}{char}"):
            assert squash_spaces(text) == _regex_clean(text), repr(text)
    assert squash_spaces(None) == "" and squash_spaces("") == ""


def test_squash_spaces_is_the_regex_clean_on_mixed_text():
    alphabet = [c for c in ALL_CHARS if c.isspace()] + list("ab жʻ\u200b\u00ad\ufeff") + [chr(c) for c in range(64)]
    rng = random.Random(7)
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(12)))
        assert squash_spaces(text) == _regex_clean(text), repr(text)


def test_lex_letter_table_is_the_regex_letter_classes():
    classes = {
        requisites._CYRILLIC: r"[а-яёўқғҳ]",
        requisites._LATIN: r"[a-z]",
        requisites._UZBEK_CYRL: r"[ўқғҳ]",
        requisites._RUSSIAN: r"[ыщ]",
    }
    for bit, pattern in classes.items():
        match = re.compile(pattern, re.IGNORECASE).match
        expected = [c for c in ALL_CHARS if match(c)]
        assert all(ord(c) < 0x10000 for c in expected)  # so UTF-16 code units can index the table
        assert [c for c in ALL_CHARS[:0x10000] if requisites._LETTER_TABLE[ord(c)] & bit] == expected, pattern
    astral = "".join(ALL_CHARS[0x10000 : 0x10000 + 5000]) + "\U0010ffff\ud800"
    assert requisites.letter_counts(astral) == {bit: 0 for bit in classes}


@pytest.mark.parametrize(
    "text",
    ["", "Ўзбекистон қонун ҳужжат", "Республика щит ы", "Oʻzbekiston va qonun bilan", "the law of the land",
     "ᲀ K ſ İ ı", "12345 ...", "Смешанный mixed текст text"],
)  # fmt: skip
def test_detect_language_counts_as_findall_did(text):
    def old(text: str) -> str | None:
        cyrillic = len(re.findall(r"[а-яёўқғҳ]", text, re.IGNORECASE))
        latin = len(re.findall(r"[a-z]", text, re.IGNORECASE))
        if not cyrillic and not latin:
            return None
        if cyrillic >= latin:
            uzbek = len(re.findall(r"[ўқғҳ]", text, re.IGNORECASE))
            russian = len(re.findall(r"[ыщ]", text, re.IGNORECASE))
            return "uz-Cyrl" if uzbek > russian else "ru"
        uzbek = len(re.findall(r"[og][‘ʻ'’`]|\b(?:va|bilan|uchun|yil|respublikasi)\b|q", text, re.IGNORECASE))
        english = len(re.findall(r"\b(?:the|of|and|to|in|is)\b", text, re.IGNORECASE))
        return "uz-Latn" if uzbek > english else "en"

    assert lex.detect_language(text) == old(text)


def test_lex_block_id_check_is_the_regex():
    for char in ALL_CHARS:
        for block_id in (char, f"-{char}", f"{char}1", f"1{char}", f"-1{char}"):
            fast = block_id.isdecimal() or lex._negative_number(block_id)
            assert fast == bool(re.fullmatch(r"-?\d+", block_id)), repr(block_id)


def test_adilet_numbered_clause_without_hyphen_matches_only_clause():
    """A text that starts with a digit and has no "-" can match none of the patterns tried before CLAUSE."""
    tails = ["", " ", ". Text", ") x", "раздел 1", "section 1", "глава 2", "статья 3", "article 4", "сноска.",
             "note of the rcli", "примечание изпи", "бап", " бөлім", "тарау"]  # fmt: skip
    for digit in (c for c in ALL_CHARS if c.isdecimal()):
        for tail in tails:
            for pattern in (adilet.EDITORIAL, adilet.SECTION, adilet.CHAPTER, adilet.ARTICLE):
                assert pattern.match(digit + tail) is None, (digit + tail, pattern.pattern)


def _page(body: str, title: str = "ПП-1-сон 01.02.2020. О мерах") -> bytes:
    return f"<!DOCTYPE html><html><head><title>{title}</title></head><body>{body}</body></html>".encode()


def test_lex_empty_body_check_still_sees_the_page_before_toolbars_go():
    # Text only in a toolbar: the body was not empty when checked, so the page has no text blocks.
    # (missing_part: the <title> names an act, whose text is missing)
    result = lex.parse(_page('<div class="lx_elem2">¶</div>'), "https://lex.uz/docs/1", FETCHED_AT)
    assert [e.error_kind for e in result.errors] == ["missing_part"]
    result = lex.parse(_page("<script>var a = 1;</script>"), "https://lex.uz/docs/1", FETCHED_AT)
    assert [e.error_kind for e in result.errors] == ["missing_part"]  # script text counts, as before
    result = lex.parse(_page("\xa0\u3000"), "https://lex.uz/docs/1", FETCHED_AT)
    assert [e.error_kind for e in result.errors] == ["empty_body"]


def test_lex_blocks_keep_the_semantic_class_pick_and_ids():
    body = (
        '<div id="divCont"><div class="ACT_TEXT lx_elem" id="-12">1) a</div><div class="ACT_TEXT" id="١٢">2) b</div>'
        '<div class="ACT_TEXT" id="--1">3) c</div><div class="CLAUSE_DEFAULT" id="4">Статья 4. Заголовок</div>'
        '<div class="ACT_TEXT" id="5"><span class="lx_elem2">¶</span> 5)\xa0 d </div></div>'
    )
    rows = lex.parse(_page(body), "https://lex.uz/docs/1", FETCHED_AT).rows["legal_act_articles"]
    assert [r["block_id"] for r in rows] == ["-12", "١٢", None, "4", "5"]
    assert [r["level"] for r in rows] == ["clause", "clause", "clause", "article", "clause"]
    assert rows[3]["heading"] == "Заголовок" and rows[4]["text"] == "5) d"
    assert list(rows[0]) == ["position", "block_id", "level", "number", "heading", "text", "is_editorial"]


def test_adilet_anchor_and_note_checks_include_the_block_itself():
    article = (
        '<p id="x" name="z3">1. own id is not an anchor, own name is</p>'
        '<span class="note">2. the block is the note</span><p><span class="note">Note text</span></p>'
        '<p>3. <a name="z4"></a>inner anchor</p>'
    )
    body = (
        '<div class="container_alpha slogan"><h1>Title</h1><p>Закон от 1 марта 2020 года № 5-VI</p></div>'
        f'<div class="container_gamma text"><article>{article}</article></div>'
    )
    rows = adilet.parse(_page(body), "https://adilet.zan.kz/rus/docs/Z2000000005", FETCHED_AT).rows
    blocks = rows["legal_act_articles"]
    assert [b["block_id"] for b in blocks] == ["z3", None, None, "z4"]
    assert [b["is_editorial"] for b in blocks] == [False, True, True, False]


def test_gazeta_paragraph_checks_without_and_with_tables():
    body = (
        '<div class="articleContainer"><h1 id="article_title">T</h1><div class="articleContent">'
        '<p>One.</p><p class="xarticlePicDescx">caption</p><table><tr><td><p>cell</p></td></tr></table>'
        "<p>Имя / «Газета.uz»</p></div></div>"
    )
    result = gazeta.parse(_page(body), "https://www.gazeta.uz/ru/2022/01/07/x/", FETCHED_AT)
    [doc] = result.rows["documents"]
    assert doc["body_text"] == "One.\nИмя / «Газета.uz»" and doc["author"] == "Имя"
    assert [c["text"] for c in result.rows["table_cells"]] == ["cell"]
    assert ends_with_html_close("<p>x</P></HTML>") and not ends_with_html_close("<p>x</p>")


@pytest.mark.parametrize(
    "body",
    [b"<p>\xd0\x96</p>", b"<p>\xff bad</p>", "<p>\ufffd literal</p>".encode(), b"<p>\xed\xa0\x80 surrogate</p>",
     b"<p>\xc0\xaf overlong</p>", b""],
)  # fmt: skip
def test_lexbor_tree_is_the_tree_of_the_decoded_text(body):
    from selectolax.lexbor import LexborHTMLParser

    from sources.charset import decode_page

    page = decode_page(body)
    html = page.text
    fast, plain = page.tree(body), LexborHTMLParser(html)
    assert fast.raw_html == plain.raw_html
    assert fast.html == plain.html and fast.body.text() == plain.body.text()


@pytest.mark.parametrize("where", ["head", "body"])
def test_generic_meta_selectors_still_run_when_a_meta_may_match(where):
    from sources.generic import parser as generic

    meta = '<meta itemprop="datePublished" content="2020-05-06T07:08:09+05:00"><meta NAME="author" content="A">'
    paragraph = "<div><p>" + "Абзац текста. " * 10 + "</p></div>"
    html = (
        f"<!DOCTYPE html><html><head><title>t</title>{meta if where == 'head' else ''}</head>"
        f"<body><h1>Заголовок</h1>{paragraph}{meta if where == 'body' else ''}</body></html>"
    )
    [doc] = generic.parse(html.encode(), "https://uzdaily.uz/ru/post/1", FETCHED_AT).rows["documents"]
    assert doc["layout"] == "generic:h1+meta"
    assert doc["published_at"] == datetime(2020, 5, 6, 2, 8, 9, tzinfo=UTC)
    assert doc["author"] == "A"
