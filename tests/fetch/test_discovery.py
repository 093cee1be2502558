"""Pure discovery: feeds and sitemaps parsed safely, weekly maps of a window, zakon.kz JSON, lex.uz RSS and
editions, the relevance filter, charset detection."""

from __future__ import annotations

import json
from datetime import date

import pytest

from sources.catalog import load_catalog
from sources.discovery import (
    FEEDS,
    HostileXmlError,
    decode_body,
    detect_charset,
    feed_urls,
    gazeta_weekly_sitemap_url,
    is_relevant,
    listed_editions,
    mentioned_countries,
    ondate_of,
    parse_feed,
    parse_rss,
    parse_sitemap,
    parse_zakon_news,
    weeks_between,
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
    """all-news-ajax: data_list day groups; the alias holds the section path and is the URL as it stands."""
    groups = [
        {
            "data": "2024-05-10",
            "news_list": [
                {
                    "id": 6430001,
                    "alias": "vlast-kazakhstana/6430001-tokaev-pribyl-v-tashkent.html",
                    "page_title": "Токаев прибыл в Ташкент",
                    "description": "Лид",
                },
                {"id": 6430002, "alias": "finansy/6430002-kurs-tenge.html", "page_title": "Курс тенге"},
            ],
        },
        {"data": "2024-05-09", "news_list": [{"id": 6429990, "alias": "6429990-old-style.html", "page_title": "t"}]},
    ]
    items = parse_zakon_news(json.dumps({"data_list": groups}, ensure_ascii=False).encode())
    assert [i.url for i in items] == [
        "https://www.zakon.kz/vlast-kazakhstana/6430001-tokaev-pribyl-v-tashkent.html",
        "https://www.zakon.kz/finansy/6430002-kurs-tenge.html",
        "https://www.zakon.kz/6429990-old-style.html",
    ], "never an id prepended to an alias that already holds it"
    assert [i.published for i in items] == [date(2024, 5, 10), date(2024, 5, 10), date(2024, 5, 9)]
    assert items[0].lead == "Лид"
    assert len(parse_zakon_news(json.dumps(groups).encode())) == 3, "a bare list of day groups also reads"
    today = parse_zakon_news(
        json.dumps(
            {"data": [{"alias": "novosti/1-a.html", "page_title": "t", "published_date": "2024-05-11 10:00:00"}]}
        ).encode()
    )
    assert [(i.url, i.published) for i in today] == [("https://www.zakon.kz/novosti/1-a.html", date(2024, 5, 11))]


@pytest.mark.parametrize(
    ("since", "until", "mondays"),
    [
        (date(2024, 5, 9), date(2024, 5, 10), [date(2024, 5, 6)]),  # Thursday..Friday: that week's Monday
        (date(2024, 5, 6), date(2024, 5, 12), [date(2024, 5, 6)]),  # a whole week: one map
        (date(2024, 5, 9), date(2024, 5, 14), [date(2024, 5, 6), date(2024, 5, 13)]),  # across weeks: each once
        (date(2023, 12, 31), date(2024, 1, 1), [date(2023, 12, 25), date(2024, 1, 1)]),  # ISO week across years
        (date(2024, 5, 10), date(2024, 5, 9), []),
    ],
)
def test_weekly_sitemaps_of_a_window(since, until, mondays):
    assert weeks_between(since, until) == mondays
    [weekly] = [f for f in FEEDS if f.name == "gazeta.uz/sitemap-ru"]
    assert feed_urls(weekly, since, until) == [
        f"https://www.gazeta.uz/sitemap/materials-ru-{m.isoformat()}.xml" for m in mondays
    ]


def test_gazeta_feeds_cover_every_language_and_the_news_map():
    gazeta = {f.name: f for f in FEEDS if f.site == "gazeta.uz"}
    assert {f.url for f in gazeta.values() if f.kind == "weekly_sitemap"} == {
        f"https://www.gazeta.uz/sitemap/materials-{lang}-{{week}}.xml" for lang in ("ru", "oz", "uz", "en")
    }
    assert gazeta["gazeta.uz/google-news-ru"].url == "https://www.gazeta.uz/sitemap/google-news-ru.xml"
    assert {f.name for f in gazeta.values() if f.kind == "rss"} == {"gazeta.uz/rss-ru", "gazeta.uz/rss-oz"}
    assert gazeta_weekly_sitemap_url(date(2024, 5, 9), "oz") == (
        "https://www.gazeta.uz/sitemap/materials-oz-2024-05-06.xml"
    )


def test_lex_rss_relative_links_keep_negative_ids():
    body = """<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>
      <item><title>Ўзбекистон ва Қозоғистон ўртасидаги битим</title><link>/uz/docs/-8509858</link>
      <description>ҚАРОРИ, № 412, қабул қилинган сана 02.05.2024</description>
      <pubDate>Thu, 02 May 2024 10:00:00 +0500</pubDate></item>
      <item><title>Бошқа ҳужжат</title><link> /docs/7001234 </link></item>
    </channel></rss>""".encode()
    [lex_rss] = [f for f in FEEDS if f.site == "lex.uz"]
    items = parse_feed(lex_rss, body)
    assert [i.url for i in items] == ["https://lex.uz/uz/docs/-8509858", "https://lex.uz/docs/7001234"]
    assert items[0].published == date(2024, 5, 2)


def test_lex_editions_come_only_from_the_listed_dates():
    page = (
        '<html><body><div class="lx_date_ddm"><a class="lx_date_link" href="/docs/-3107042?ONDATE=12.05.2021">'
        '12.05.2021</a><a class="lx_date_link" href="#">01.02.2019</a><a class="lx_date_link">неизвестно</a>'
        '</div><a class="lx_date_link" href="?ONDATE=05.05.2005">05.05.2005</a></body></html>'
    ).encode()
    assert listed_editions(page, "https://lex.uz/docs/-3107042") == [
        "https://lex.uz/docs/-3107042?ONDATE=12.05.2021",
        "https://lex.uz/docs/-3107042?ONDATE=01.02.2019",
    ], "a date outside .lx_date_ddm and a link without a date are not editions"
    assert ondate_of("https://lex.uz/docs/-3107042?ondate=01.02.2019") == "01.02.2019"
    assert ondate_of("https://lex.uz/docs/-3107042") is None


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
