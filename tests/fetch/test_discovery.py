"""Pure discovery: feeds and sitemaps parsed safely, zakon.kz JSON, the relevance filter, charset detection."""

from __future__ import annotations

import json
from datetime import date

import pytest

from sources.catalog import load_catalog
from sources.discovery import (
    HostileXmlError,
    decode_body,
    detect_charset,
    is_relevant,
    mentioned_countries,
    parse_rss,
    parse_sitemap,
    parse_zakon_news,
)

TERMS = load_catalog().relevance_terms

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&lol3;</loc></url></urlset>"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><item><title>&xxe;</title><link>https://lex.uz/docs/1</link></item></channel></rss>"""
DTD_ONLY = b"""<?xml version="1.0"?><!DOCTYPE rss SYSTEM "http://127.0.0.1:9/evil.dtd"><rss version="2.0"/>"""


@pytest.mark.parametrize("hostile", [BILLION_LAUGHS, EXTERNAL_ENTITY, DTD_ONLY])
def test_hostile_xml_is_refused(hostile):
    with pytest.raises(HostileXmlError):
        parse_sitemap(hostile)
    with pytest.raises(HostileXmlError):
        parse_rss(hostile)


def test_rss_and_atom():
    rss = """<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>
      <item><title>Токаев и Мирзиёев</title><link>https://www.gazeta.uz/ru/2024/05/10/a/</link>
      <description>&lt;p&gt;Лид &amp;amp; текст&lt;/p&gt;</description>
      <pubDate>Fri, 10 May 2024 09:00:00 +0500</pubDate></item>
    </channel></rss>""".encode()
    [item] = parse_rss(rss)
    assert (item.url, item.title, item.lead, item.published) == (
        "https://www.gazeta.uz/ru/2024/05/10/a/",
        "Токаев и Мирзиёев",
        "Лид & текст",
        date(2024, 5, 10),
    )
    atom = b"""<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>T</title>
      <link rel="alternate" href="/docs/-1815463"/><updated>2024-05-09T10:00:00Z</updated></entry></feed>"""
    [entry] = parse_rss(atom, "https://lex.uz/uz/rss")
    assert entry.url == "https://lex.uz/docs/-1815463" and entry.published == date(2024, 5, 9)


def test_sitemaps():
    plain = b"""<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <url><loc>https://www.gazeta.uz/ru/2024/05/09/kazakhstan-uzbekistan/</loc><lastmod>2024-05-09T12:00:00+05:00</lastmod></url>
    </urlset>"""
    [item] = parse_sitemap(plain)
    assert item.title == "" and item.published == date(2024, 5, 9)
    assert is_relevant(item.text, TERMS, "UZB"), "untitled items are judged on the slug"
    news = """<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
      xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>https://www.gazeta.uz/ru/x/</loc>
      <news:news><news:publication_date>2024-05-10</news:publication_date><news:title>Визит в Ташкент</news:title>
      </news:news></url></urlset>""".encode()
    [item] = parse_sitemap(news)
    assert item.title == "Визит в Ташкент" and item.published == date(2024, 5, 10)


def test_zakon_json_feed_shapes():
    groups = [
        {
            "data": "2024-05-10",
            "news_list": [
                {"alias": "6430001-tokaev", "page_title": "Токаев прибыл в Ташкент", "description": "Лид"},
                {"id": 6430002, "alias": "slug-only", "page_title": "Другое"},
            ],
        }
    ]
    items = parse_zakon_news(json.dumps(groups).encode())
    assert [i.url for i in items] == [
        "https://www.zakon.kz/6430001-tokaev.html",
        "https://www.zakon.kz/6430002-slug-only.html",
    ]
    assert items[0].published == date(2024, 5, 10) and items[0].lead == "Лид"
    wrapped = parse_zakon_news(json.dumps({"status": "ok", "data_list": groups}).encode())
    assert len(wrapped) == 2
    today = parse_zakon_news(
        json.dumps({"data": [{"alias": "1-a", "page_title": "t", "published_date": "2024-05-11 10:00:00"}]}).encode()
    )
    assert today[0].published == date(2024, 5, 11)


@pytest.mark.parametrize(
    ("text", "home", "relevant"),
    [
        ("Мирзиёев прибыл в Астану", "UZB", True),
        ("Узбекистан нарастил экспорт хлопка", "UZB", False),
        ("Qozog‘iston bilan savdo", "UZB", True),
        ("Qozogʻistonda yangi zavod", "UZB", True),  # the modifier-letter apostrophe, inflected
        ("Қозоғистон билан шартнома", "UZB", True),  # uz Cyrillic
        ("Өзбекстанмен сауда өсті", "KAZ", True),  # kk
        ("Токаев провёл совещание", "KAZ", False),
        ("Ўзбекистон ва Қозоғистон", None, True),
        ("Казахстан", None, False),
    ],
)
def test_relevance(text, home, relevant):
    assert is_relevant(text, TERMS, home) is relevant


def test_mentioned_countries_folds_case_and_yo():
    assert mentioned_countries("УЗБЕКИСТАН и КАЗАХСТАН", TERMS) == {"UZB", "KAZ"}


def test_charset_detection():
    text = "Қазақстан және Өзбекстан"
    assert detect_charset(text.encode("utf-8"), {"Content-Type": "text/html"}) == "utf-8"
    assert detect_charset("Казахстан".encode("cp1251"), {}) == "cp1251"
    assert detect_charset(b'<?xml version="1.0" encoding="windows-1251"?><rss/>') == "cp1251"
    assert detect_charset(b"\xef\xbb\xbfabc", {"content-type": "text/html; charset=cp1251"}) == "utf-8"
    assert detect_charset(b'<meta charset="bogus-label">abc') == "utf-8"
    assert decode_body(b"\xef\xbb\xbf" + text.encode()) == text
