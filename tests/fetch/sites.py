"""Local HTTP(S) servers that imitate the source sites as SITES.md (2026-12) describes them, for fetch tests and
for the tests built on them (a Dagster-daemon run, a chaos run). Only 127.0.0.1 is ever contacted.

Two levels.

``FakeSite(routes, robots=..., defaults=True, all_delay=0.0, tls=None, resolver=None)``
    One server. ``routes`` maps a path (query included) to a ``Page`` or a handler ``fn(handler)`` that calls
    ``handler.send(Page(...))``; ``resolver(path, request)`` answers paths not in ``routes`` (``request`` is the
    ``Request`` being served); with ``defaults`` an empty RSS / sitemap / zakon.kz feed answers the feed paths
    nobody set. ``tls`` is an ``ssl.SSLContext`` (server side): the server speaks HTTPS. Every request is
    recorded (``requests``: ``Request(at, path, headers)``); ``hits(path)``, ``paths()``, ``base``, ``close()``.
    A ``Page`` has body, status, headers, ETag / Last-Modified (conditional requests get 304), a render
    ``delay``, gzip and content type.

Site imitations: each serves one site in its current layout and owns its servers (``servers``: canonical
host -> FakeSite, several hosts may share one server).
    ``GazetaImitation(stories, cited=None, news_days=2)``: RSS ``/{ru,oz,uz,en}/rss/``, the Google-News map
        ``/sitemap/google-news-ru.xml`` (ru stories of the last ``news_days`` days), the weekly archive maps
        ``/sitemap/materials-{lang}-{Monday}.xml`` (a map named by any other day is a 404, as there is none),
        articles at ``/{lang}/YYYY/MM/DD/{slug}/`` in the article layout.
    ``ZakonImitation(stories, cited=None)``: ``/api/all-news-ajax/?pn=&pSize=`` (``data_list`` day groups,
        newest first; each alias is the section path ``{section}/{id}-{slug}.html``), ``/api/today-news/``,
        articles in the ``div.articleBlock`` layout at ``/{alias}``.
    ``LexImitation(acts, cited=None)``: RSS ``/uz/rss`` with relative links (``/uz/docs/-8509858``); documents
        at ``/docs/{id}``, ``/ru/docs/{id}``, ``/uz/docs/{id}`` (ids may be negative) in the ``div#divCont``
        layout with their editions listed in ``.lx_date_ddm .lx_date_link``. Every answer sets a session cookie;
        a request that sends one back gets the page in the session's other language (what makes captures
        depend on the cookie). ``?ONDATE=`` serves an edition for a listed date and, as the site does for any
        other date, silently the current text.
    ``AdiletImitation(acts)``: ``adilet.zan.kz`` answers every path with a ~1.5 KB JavaScript shell;
        ``old.adilet.zan.kz`` serves the acts (``/{rus,kaz,eng}/docs/{act_id}`` and ``/info``) in the
        ``div.container_gamma.text`` layout, and a redirect loop to any client whose User-Agent is not
        browser-like (``Mozilla/...``).
    ``GenericImitation(site, cited)``: any other catalog site, serving the pages it is given.
    Each imitation has ``add(story)`` (served at once, feeds included), ``break_pages(mode)`` / ``heal()``, and
    ``close()``. ``break_pages`` makes every document (never a feed or robots.txt) one the parsers cannot read,
    as a site would after a change: ``"redesign"`` (every class and id renamed, headings and articles turned
    into divs), ``"maintenance"`` (200 with a maintenance notice), ``"cookie_wall"`` (200 with a consent form
    and no article). Each is an ordinary page with text, so it is archived and it is the parsers' job to
    refuse it; the JS shell is the one page the fetch layer itself refuses.

``Imitations(*imitations)``: a set of imitations. ``site(name)``, ``servers`` (host -> FakeSite),
    ``mirror_spec()`` (KZUZ_MIRROR), ``env(rate=0.02)`` (KZUZ_MIRROR, KZUZ_MIRROR_ONLY=1, KZUZ_RATE: for a
    subprocess or a Dagster daemon), ``config(**overrides)`` (a FetchConfig for in-process fetches),
    ``close()``. ``Imitations.for_catalog(stories=..., acts=..., live_marker=True)`` starts one imitation per
    catalog site, serving the bundled archive's pages at their cited URLs (with ``live_marker`` an HTML comment
    is added so a live fetch stores them as new captures), so a whole live refresh runs against it.

In tests/fetch the ``imitate`` fixture (conftest.py) builds an ``Imitations`` and closes it after the test.

Stories and acts: ``Story(lang, day, slug, title, lead, paragraphs, section=..., doc_id=...)`` for the news
sites, ``LexAct`` and ``AdiletAct`` for the registers. Tests write their own sentences into them.
"""

from __future__ import annotations

import gzip
import hashlib
import html
import json
import re
import ssl
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from pipelines.fetch.config import FetchConfig, Mirrors
from sources.catalog import load_catalog

EMPTY_RSS = b'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>t</title></channel></rss>'
EMPTY_SITEMAP = b'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>'
BUNDLED = Path(__file__).resolve().parents[2] / "sources" / "bundled"


@dataclass
class Page:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    delay: float = 0.0  # seconds before a full (non-304) answer: what rendering a page costs the server
    gzip: bool = False
    content_type: str = "text/html; charset=utf-8"


@dataclass
class Request:
    at: float
    path: str
    headers: dict[str, str]


Handler = Callable[[BaseHTTPRequestHandler], None]
Resolver = Callable[[str, Request], "Page | Handler | None"]


class _SiteHandler(BaseHTTPRequestHandler):
    """Serves a FakeSite's routes (the site is the server's ``site`` attribute); records every request."""

    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # keep test output clean
        pass

    def do_GET(self):  # noqa: N802 - http.server's name
        site: FakeSite = self.server.site
        request = Request(time.monotonic(), self.path, dict(self.headers.items()))
        with site._lock:
            site.requests.append(request)
        if site.all_delay:
            time.sleep(site.all_delay)
        route = site.route(self.path, request)
        if route is None:
            self.send(Page(b"not found", status=404))
        elif isinstance(route, Page):
            self.send(route)
        else:
            route(self)

    def not_modified(self, page: Page) -> bool:
        """Whether the request's validator matches the page's ETag (or, without one, its Last-Modified)."""
        if page.status != 200:
            return False
        if page.etag:
            return self.headers.get("If-None-Match") == page.etag
        return bool(page.last_modified) and self.headers.get("If-Modified-Since") == page.last_modified

    def send(self, page: Page):
        if self.not_modified(page):
            self.send_response(304)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if page.delay:
            time.sleep(page.delay)
        body = gzip.compress(page.body) if page.gzip else page.body
        self.send_response(page.status)
        self.send_header("Content-Type", page.content_type)
        self.send_header("Content-Length", str(len(body)))
        validators = (("Content-Encoding", "gzip" if page.gzip else None), ("ETag", page.etag))
        for key, value in (*validators, ("Last-Modified", page.last_modified)):
            if value:
                self.send_header(key, value)
        for key, value in page.headers.items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)


class FakeSite:
    def __init__(
        self,
        routes: dict[str, Page | Handler] | None = None,
        robots: str = "User-agent: *\nAllow: /\n",
        defaults: bool = True,
        all_delay: float = 0.0,
        tls: ssl.SSLContext | None = None,
        resolver: Resolver | None = None,
    ):
        self.routes: dict[str, Page | Handler] = dict(routes or {})
        self.routes.setdefault("/robots.txt", Page(robots.encode(), content_type="text/plain"))
        self.defaults = defaults
        self.all_delay = all_delay
        self.resolver = resolver
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _SiteHandler)
        self.server.site = self
        self.server.daemon_threads = True
        self.scheme = "http"
        if tls is not None:
            self.server.socket = tls.wrap_socket(self.server.socket, server_side=True)
            self.scheme = "https"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    @property
    def base(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self.server.server_address[1]}"

    def route(self, path: str, request: Request | None = None) -> Page | Handler | None:
        if path in self.routes:
            return self.routes[path]
        if self.resolver is not None:
            found = self.resolver(path, request or Request(time.monotonic(), path, {}))
            if found is not None:
                return found
        if not self.defaults:
            return None
        bare = path.split("?")[0]
        if bare.endswith("/rss/") or bare.endswith("/rss"):
            return Page(EMPTY_RSS, content_type="application/rss+xml")
        if bare.startswith("/sitemap/"):
            return Page(EMPTY_SITEMAP, content_type="application/xml")
        if bare.startswith("/api/all-news-ajax/") or bare.startswith("/api/today-news/"):
            return Page(b'{"data_list": []}', content_type="application/json")
        return None

    def hits(self, path: str) -> list[Request]:
        return [r for r in self.requests if r.path == path]

    def paths(self) -> list[str]:
        return [r.path for r in self.requests]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


# ---------------------------------------------------------------------------------------------------------
# The pieces every site imitation shares: stories, ETags, breakage.


@dataclass
class Story:
    """One news article a news-site imitation publishes (in the test's own words)."""

    lang: str  # gazeta.uz: ru | oz | uz | en; zakon.kz: ru | kk
    day: date
    slug: str
    title: str
    lead: str = ""
    paragraphs: tuple[str, ...] = ()
    section: str = "novosti"  # zakon.kz: the alias's section path
    doc_id: int = 0  # zakon.kz: the numeric id in the alias
    time: str = "09:00"

    @property
    def zakon_alias(self) -> str:
        return f"{self.section}/{self.doc_id}-{self.slug}.html"


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:16] + '"'


def served(body: bytes, content_type: str = "text/html; charset=utf-8") -> Page:
    """A page with an ETag of its content, so a second fetch of an unchanged page is a 304."""
    return Page(body, etag=_etag(body), content_type=content_type)


BREAKAGES = ("redesign", "maintenance", "cookie_wall")
_ATTR = re.compile(r'\b(class|id)\s*=\s*"([^"]*)"', re.I)
_RETAGGED = re.compile(r"<(/?)(h1|h3|h4|article|p)\b", re.I)

MAINTENANCE = """<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>Технические работы</title></head>
<body><div class="maintenance"><h2>Сайт временно недоступен</h2>
<p>Мы обновляем серверы и скоро вернёмся. Приносим извинения за неудобства: попробуйте открыть страницу через
час. Saytda texnik ishlar olib borilmoqda, birozdan so'ng qayta urinib ko'ring.</p></div></body></html>"""
COOKIE_WALL = """<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>Настройки конфиденциальности</title>
</head><body><div class="consent-overlay"><h2>Мы используем файлы cookie</h2>
<p>Чтобы продолжить чтение, разрешите сайту и его партнёрам хранить файлы cookie на вашем устройстве и
обрабатывать данные о посещениях. Вы можете изменить выбор в любой момент в настройках.</p>
<form method="post" action="/consent"><button name="consent" value="all">Принять все</button>
<button name="consent" value="necessary">Только необходимые</button></form></div></body></html>"""


def broken(body: bytes, mode: str) -> bytes:
    """``body`` as the site serves it after a change the parsers do not know (see BREAKAGES)."""
    if mode == "maintenance":
        return MAINTENANCE.encode()
    if mode == "cookie_wall":
        return COOKIE_WALL.encode()
    if mode == "redesign":
        text = body.decode("utf-8", "replace")

        def rename(match: re.Match) -> str:
            tokens = " ".join(f"v26-{t}" for t in match.group(2).split())
            return f'{match.group(1)}="{tokens}"'

        text = _ATTR.sub(rename, text)
        text = _RETAGGED.sub(lambda m: f"<{m.group(1)}div", text)
        text = re.sub(r"</div\s*>", "</div>", text)
        return text.encode()
    raise ValueError(f"unknown breakage {mode!r}; known: {BREAKAGES}")


class SiteImitation:
    """What the imitations share: their servers, documents that can be broken, and closing."""

    site = ""

    def __init__(self, cited: dict[str, bytes] | None = None):
        self.cited = dict(cited or {})  # path -> body of a page served as-is (a catalog source)
        self.broken: str | None = None
        self.servers: dict[str, FakeSite] = {}

    def break_pages(self, mode: str) -> None:
        if mode not in BREAKAGES:
            raise ValueError(f"unknown breakage {mode!r}; known: {BREAKAGES}")
        self.broken = mode

    def heal(self) -> None:
        self.broken = None

    def document(self, body: bytes, content_type: str = "text/html; charset=utf-8") -> Page:
        if self.broken and not body.startswith(b"%PDF"):
            return served(broken(body, self.broken))
        return served(body, content_type)

    def cited_page(self, path: str) -> Page | None:
        body = self.cited.get(path)
        if body is None:
            return None
        return self.document(body, "application/pdf" if body.startswith(b"%PDF") else "text/html; charset=utf-8")

    def close(self) -> None:
        for server in {id(s): s for s in self.servers.values()}.values():
            server.close()


def _rss(items: Iterable[tuple[str, str, str, str]]) -> bytes:
    """RSS 2.0 of (link, title, description, pubDate)."""
    body = "".join(
        f"<item><title>{html.escape(t)}</title><link>{html.escape(link)}</link>"
        f"<description>{html.escape(d)}</description><pubDate>{p}</pubDate></item>"
        for link, t, d, p in items
    )
    return f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>{body}</channel></rss>'.encode()


def _rfc822(day: date, hhmm: str = "09:00", offset_hours: int = 5) -> str:
    hour, minute = (int(x) for x in hhmm.split(":"))
    moment = datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC) - timedelta(hours=offset_hours)
    return format_datetime(moment).replace("-0000", "+0000")


# ---------------------------------------------------------------------------------------------------------
# gazeta.uz

GAZETA_MONTHS = {
    "ru": ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
           "ноября", "декабря"),
    "oz": ("yanvar", "fevral", "mart", "aprel", "may", "iyun", "iyul", "avgust", "sentabr", "oktabr", "noyabr",
           "dekabr"),
    "uz": ("январ", "феврал", "март", "апрел", "май", "июн", "июл", "август", "сентябр", "октябр", "ноябр",
           "декабр"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}  # fmt: skip


def gazeta_article(story: Story) -> bytes:
    """An article page in gazeta.uz's layout (SITES.md): h1#article_title, article:published_time,
    div.articleDateTime, the lead as h4, body in div.articleContent > div.js-mediator-article."""
    month = GAZETA_MONTHS.get(story.lang, GAZETA_MONTHS["en"])[story.day.month - 1]
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in (story.paragraphs or (story.lead or story.title,)))
    return f"""<!DOCTYPE html><html lang="{story.lang}"><head><meta charset="utf-8">
<title>{html.escape(story.title)} – Gazeta.uz</title>
<meta property="article:published_time" content="{story.day.isoformat()}T{story.time}:00+05:00">
</head><body><div class="articleTopBG"><h1 id="article_title">{html.escape(story.title)}</h1>
<div class="articleDateTime">{story.day.day} {month} {story.day.year}, {story.time}</div>
<h4>{html.escape(story.lead)}</h4></div>
<div class="articleContent"><div class="js-mediator-article article-text">{paragraphs}</div></div>
<div class="articleTags"><a href="/{story.lang}/tag/region/">region</a></div></body></html>""".encode()


class GazetaImitation(SiteImitation):
    site = "gazeta.uz"
    LANGUAGES = ("ru", "oz", "uz", "en")

    def __init__(self, stories: Iterable[Story] = (), cited: dict[str, bytes] | None = None, news_days: int = 2):
        super().__init__(cited)
        self.stories: list[Story] = []
        self.news_days = news_days
        server = FakeSite(resolver=self.resolve, defaults=False)
        self.servers = {"www.gazeta.uz": server, "gazeta.uz": server}
        for story in stories:
            self.add(story)

    @property
    def server(self) -> FakeSite:
        return self.servers["www.gazeta.uz"]

    def add(self, story: Story) -> None:
        self.stories.append(story)

    @staticmethod
    def path(story: Story) -> str:
        return f"/{story.lang}/{story.day:%Y/%m/%d}/{story.slug}/"

    @staticmethod
    def url(story: Story) -> str:
        return "https://www.gazeta.uz" + GazetaImitation.path(story)

    def resolve(self, path: str, _request: Request) -> Page | None:
        if (page := self.cited_page(path)) is not None:
            return page
        rss = re.fullmatch(r"/(ru|oz|uz|en)/rss/?", path)
        if rss:
            mine = sorted((s for s in self.stories if s.lang == rss.group(1)), key=lambda s: s.day, reverse=True)
            items = [(self.url(s), s.title, s.lead, _rfc822(s.day, s.time)) for s in mine[:20]]
            return served(_rss(items), "application/rss+xml; charset=utf-8")
        if path == "/sitemap/google-news-ru.xml":
            return served(self._news_map(), "application/xml")
        weekly = re.fullmatch(r"/sitemap/materials-(ru|oz|uz|en)-(\d{4}-\d{2}-\d{2})\.xml", path)
        if weekly:
            monday = date.fromisoformat(weekly.group(2))
            if monday.weekday() != 0:
                return None  # the site names its maps by the ISO week's Monday only
            week = [s for s in self.stories if s.lang == weekly.group(1) and 0 <= (s.day - monday).days < 7]
            return served(sitemap([self.url(s) for s in week], lastmod=[s.day for s in week]), "application/xml")
        for story in self.stories:
            if path == self.path(story):
                return self.document(gazeta_article(story))
        return None

    def _news_map(self) -> bytes:
        ru = [s for s in self.stories if s.lang == "ru"]
        newest = max((s.day for s in ru), default=date.today())
        recent = [s for s in ru if (newest - s.day).days < self.news_days]
        entries = "".join(
            f"<url><loc>{self.url(s)}</loc><news:news><news:publication><news:name>Газета.uz</news:name>"
            f"<news:language>ru</news:language></news:publication>"
            f"<news:publication_date>{s.day.isoformat()}T{s.time}:00+05:00</news:publication_date>"
            f"<news:title>{html.escape(s.title)}</news:title></news:news></url>"
            for s in recent
        )
        return (
            '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{entries}</urlset>'
        ).encode()


# ---------------------------------------------------------------------------------------------------------
# zakon.kz

ZAKON_MONTHS = GAZETA_MONTHS["ru"]


def zakon_article(story: Story) -> bytes:
    """A news page in zakon.kz's current layout: div.articleBlock with h1, div.date (time first),
    div.description (lead), div.author, body div.content p."""
    month = ZAKON_MONTHS[story.day.month - 1]
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in (story.paragraphs or (story.lead or story.title,)))
    return f"""<!DOCTYPE html><html lang="{story.lang}"><head><meta charset="utf-8">
<title>{html.escape(story.title)} - zakon.kz</title>
<meta property="article:published_time" content="{story.day.isoformat()}T{story.time}:00+05:00"></head>
<body><div class="articleBlock"><h1>{html.escape(story.title)}</h1>
<div class="date">{story.time}, {story.day.day} {month} {story.day.year}</div>
<div class="description">{html.escape(story.lead)}</div>
<div class="author"><a href="/author/redakciya/">Редакция</a></div>
<div class="content">{paragraphs}</div></div></body></html>""".encode()


class ZakonImitation(SiteImitation):
    site = "zakon.kz"

    def __init__(self, stories: Iterable[Story] = (), cited: dict[str, bytes] | None = None):
        super().__init__(cited)
        self.stories: list[Story] = list(stories)
        server = FakeSite(resolver=self.resolve, defaults=False)
        self.servers = {"www.zakon.kz": server, "zakon.kz": server, "kaz.zakon.kz": server}

    @property
    def server(self) -> FakeSite:
        return self.servers["www.zakon.kz"]

    def add(self, story: Story) -> None:
        self.stories.append(story)

    @staticmethod
    def url(story: Story) -> str:
        return "https://www.zakon.kz/" + story.zakon_alias

    def _newest_first(self) -> list[Story]:
        return sorted(self.stories, key=lambda s: (s.day, s.time, s.doc_id), reverse=True)

    def resolve(self, path: str, _request: Request) -> Page | None:
        if (page := self.cited_page(path)) is not None:
            return page
        parts = urlsplit(path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        if parts.path in ("/api/all-news-ajax/", "/api/today-news/"):
            page, size = int(query.get("pn", "1")), int(query.get("pSize", "20"))
            chunk = self._newest_first()[(page - 1) * size : page * size]
            if parts.path == "/api/today-news/":
                newest = max((s.day for s in self.stories), default=None)
                items = [self._item(s) | {"published_date": f"{s.day} {s.time}:00"} for s in chunk if s.day == newest]
                return served(json.dumps({"data": items}, ensure_ascii=False).encode(), "application/json")
            groups: list[dict] = []
            for story in chunk:
                if not groups or groups[-1]["data"] != story.day.isoformat():
                    groups.append({"data": story.day.isoformat(), "news_list": []})
                groups[-1]["news_list"].append(self._item(story))
            return served(json.dumps({"data_list": groups}, ensure_ascii=False).encode(), "application/json")
        for story in self.stories:
            if parts.path == "/" + story.zakon_alias:
                return self.document(zakon_article(story))
        return None

    @staticmethod
    def _item(story: Story) -> dict:
        return {"id": story.doc_id, "alias": story.zakon_alias, "page_title": story.title, "description": story.lead}


# ---------------------------------------------------------------------------------------------------------
# lex.uz


@dataclass
class LexAct:
    """One act in lex.uz: its id (may be negative), card values and clauses in the test's words."""

    doc_id: int
    number: str
    adopted: date
    title: str
    form: str = "ҚАРОРИ"
    body: str = "ВАЗИРЛАР МАҲКАМАСИ"
    clauses: tuple[tuple[str, str], ...] = ()  # (heading, text)
    editions: dict[str, str] = field(default_factory=dict)  # dd.mm.yyyy -> a clause text of that edition
    rss_lang: str = "uz"


def lex_document(act: LexAct, in_session_language: bool = False, edition: str | None = None) -> bytes:
    """A document page in lex.uz's layout: ``<title>`` with the number and date, div#divCont of
    div.lx_elem.<TYPE> blocks with the clause anchor on an inner div[id], editorial blocks in
    div.lx_no_select, the edition dates in .lx_date_ddm .lx_date_link. ``in_session_language``: the page a
    request carrying the session cookie gets (the card in Russian)."""
    status = "Действующий" if in_session_language else "Amalda"
    clauses = list(act.clauses)
    if edition and edition in act.editions and clauses:
        clauses[0] = (clauses[0][0], act.editions[edition])
    blocks = [
        f'<div class="lx_elem ACCEPTING_BODY"><div id="100">{html.escape(act.body)}</div></div>',
        f'<div class="lx_elem ACT_FORM"><div id="101">{html.escape(act.form)}</div></div>',
        f'<div class="lx_elem ACT_TITLE"><div>{html.escape(act.title)}</div></div>',
    ]
    for n, (heading, text) in enumerate(clauses, start=1):
        blocks.append(f'<div class="lx_elem CLAUSE_DEFAULT"><div id="{1000 + n}">{html.escape(heading)}</div></div>')
        blocks.append(f'<div class="lx_elem ACT_TEXT"><div id="{2000 + n}">{html.escape(text)}</div></div>')
    blocks.append(
        '<div class="lx_elem CHANGES_ORIGINS lx_no_select"><div>Ўзгартишлар манбаи: таҳририят изоҳи.</div></div>'
    )
    dated = act.adopted.strftime("%d.%m.%Y")
    links = "".join(
        f'<a class="lx_date_link" href="/docs/{act.doc_id}?ONDATE={d}">{d}</a>' for d in sorted(act.editions)
    )
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>{html.escape(act.number)}-сон&nbsp;{dated}.&nbsp;{html.escape(act.title)}</title></head><body>
<div class="docHeader"><div class="docHeader__item"><span class="docHeader__item-value">{dated}</span></div>
<div class="docHeader__status">{status}</div></div>
<div class="lx_date_ddm">{links}</div>
<div id="divCont">{"".join(blocks)}</div></body></html>""".encode()


class LexImitation(SiteImitation):
    site = "lex.uz"
    COOKIE = "lexuz_session"

    def __init__(self, acts: Iterable[LexAct] = (), cited: dict[str, bytes] | None = None):
        super().__init__(cited)
        self.acts: list[LexAct] = list(acts)
        server = FakeSite(resolver=self.resolve, defaults=False)
        self.servers = {"lex.uz": server, "www.lex.uz": server}

    @property
    def server(self) -> FakeSite:
        return self.servers["lex.uz"]

    def add(self, act: LexAct) -> None:
        self.acts.append(act)

    def _with_cookie(self, page: Page) -> Page:
        page.headers["Set-Cookie"] = f"{self.COOKIE}=ru; Path=/; HttpOnly"
        return page

    def resolve(self, path: str, request: Request) -> Page | None:
        in_session = self.COOKIE in (request.headers.get("Cookie") or "")
        if (page := self.cited_page(path)) is not None:
            return self._with_cookie(page)
        parts = urlsplit(path)
        if parts.path == "/uz/rss":
            items = [
                (
                    f"/{a.rss_lang}/docs/{a.doc_id}",
                    a.title,
                    f"{a.form}, № {a.number}, қабул қилинган сана {a.adopted:%d.%m.%Y}, кучга кириш санаси "
                    f"{a.adopted + timedelta(days=10):%d.%m.%Y}",
                    _rfc822(a.adopted),
                )
                for a in self.acts
            ]
            return self._with_cookie(served(_rss(items), "application/rss+xml; charset=utf-8"))
        found = re.fullmatch(r"(?:/(?:ru|uz|en))?/docs/(-?\d+)", parts.path)
        if found:
            act = next((a for a in self.acts if a.doc_id == int(found.group(1))), None)
            if act is None:
                return None
            ondate = {k.upper(): v[0] for k, v in parse_qs(parts.query).items()}.get("ONDATE")
            # An unlisted date is answered with the current text, silently: why it must never be asked.
            body = lex_document(act, in_session, ondate if ondate in act.editions else None)
            return self._with_cookie(self.document(body))
        return None


# ---------------------------------------------------------------------------------------------------------
# adilet.zan.kz

ADILET_SHELL = (
    b'<!doctype html><html lang="ru"><head><meta charset="utf-8"><meta name="viewport" '
    b'content="width=device-width,initial-scale=1"><title>\xd3\x98\xd0\xb4\xd1\x96\xd0\xbb\xd0\xb5\xd1\x82</title>'
    b'<link rel="icon" href="/favicon.ico"><script defer="defer" src="/static/js/main.4f2a9c1e.js"></script>'
    b'<link href="/static/css/main.7b3d2e0a.css" rel="stylesheet"></head><body>'
    b'<noscript>You need to enable JavaScript to run this app.</noscript><div id="root"></div>'
    b"<script>window.__APP_CONFIG__={api:'/api/v1',auth:'/api/v1/auth/login',locales:['ru','kk','en'],"
    b"features:{search:true,compare:true,history:true,subscriptions:false}};</script>"
    + b"<!-- "
    + b"0" * 900
    + b" -->"
    + b"</body></html>"
)


@dataclass
class AdiletAct:
    """One act in adilet.zan.kz: act_id (letter + digits, maybe a trailing _), language path, its text."""

    act_id: str
    lang: str  # rus | kaz | eng
    title: str
    requisites: str
    articles: tuple[tuple[str, str], ...] = ()  # (heading "Статья N. ...", text)
    status: str = "upd"  # new | upd | yts | err | arc
    adopted: str = ""  # for /info, e.g. "29 октября 2015 года"

    @property
    def path(self) -> str:
        return f"/{self.lang}/docs/{self.act_id}"


def adilet_document(act: AdiletAct) -> bytes:
    """An act page as old.adilet.zan.kz serves it: the text a few divs below div.container_gamma.text, sections
    in h3, article headings <p><b><a name="zN"></a>Статья N. ...</b></p>, paragraphs <p id="zN">."""
    body = []
    for n, (heading, text) in enumerate(act.articles, start=1):
        body.append(f'<p><b><a name="z{2 * n}"></a>{html.escape(heading)}</b></p>')
        body.append(f'<p id="z{2 * n + 1}">{html.escape(text)}</p>')
    return f"""<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8">
<title>{html.escape(act.title)} - ИПС "Әділет"</title></head><body><div id="wrapper">
<div class="container_alpha slogan"><h1>{html.escape(act.title)}</h1><p>{html.escape(act.requisites)}</p>
<span class="status status_{act.status}">статус</span></div>
<div class="container_gamma text text_{act.status}"><div class="row"><div class="col-md-12"><div class="document">
<article><h3>РАЗДЕЛ 1<br>ОБЩИЕ ПОЛОЖЕНИЯ</h3>{"".join(body)}</article></div></div></div></div>
</div></body></html>""".encode()


def adilet_info(act: AdiletAct) -> bytes:
    return f"""<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>{html.escape(act.title)}</title>
</head><body><div class="container_alpha slogan"><h1>{html.escape(act.title)}</h1></div>
<table class="params"><tr><td>Дата принятия</td><td>{html.escape(act.adopted)}</td></tr>
<tr><td>Принявший орган</td><td>Парламент Республики Казахстан</td></tr>
<tr><td>Вид документа</td><td>Закон</td></tr></table></body></html>""".encode()


class AdiletImitation(SiteImitation):
    """adilet.zan.kz (a JS shell for any path) and old.adilet.zan.kz (the acts), each on its own server."""

    site = "adilet.zan.kz"

    def __init__(self, acts: Iterable[AdiletAct] = (), tls: ssl.SSLContext | None = None):
        super().__init__()
        self.acts: list[AdiletAct] = list(acts)
        shell = FakeSite(resolver=lambda _path, _request: Page(ADILET_SHELL), defaults=False, tls=tls)
        old = FakeSite(resolver=self.resolve, defaults=False, tls=tls)
        self.servers = {"adilet.zan.kz": shell, "old.adilet.zan.kz": old}

    @property
    def shell(self) -> FakeSite:
        return self.servers["adilet.zan.kz"]

    @property
    def old(self) -> FakeSite:
        return self.servers["old.adilet.zan.kz"]

    def add(self, act: AdiletAct) -> None:
        self.acts.append(act)

    @staticmethod
    def url(act: AdiletAct) -> str:
        return "https://adilet.zan.kz" + act.path

    def resolve(self, path: str, request: Request) -> Page | None:
        if not (request.headers.get("User-Agent") or "").startswith("Mozilla/"):
            # a bare client is sent round in circles, as the real site does
            bounce = path + ("&" if "?" in path else "?") + "r=1" if "r=1" not in path else path.split("?")[0]
            return Page(b"", status=302, headers={"Location": bounce})
        for act in self.acts:
            if path == act.path:
                return self.document(adilet_document(act))
            if path == act.path + "/info":
                return self.document(adilet_info(act))
        return None


# ---------------------------------------------------------------------------------------------------------
# any other catalog site


class GenericImitation(SiteImitation):
    def __init__(self, site: str, cited: dict[str, bytes] | None = None):
        super().__init__(cited)
        self.site = site
        server = FakeSite(resolver=lambda path, _request: self.cited_page(path), defaults=False)
        self.servers = {host: server for host in load_catalog().sites[site].hosts}


# ---------------------------------------------------------------------------------------------------------
# a set of imitations


def bundled_pages(live_marker: bool = True) -> dict[str, dict[str, bytes]]:
    """site -> {path (query included) -> body} of the bundled archive's pages at their cited URLs."""
    catalog = load_catalog()
    pages: dict[str, dict[str, bytes]] = {}
    for line in (BUNDLED / "manifest.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        url, rel = line.split("\t")[:2]
        body = (BUNDLED / rel).read_bytes()
        if live_marker and not body.startswith(b"%PDF"):
            body += b"\n<!-- served by the live site -->\n"
        parts = urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        pages.setdefault(catalog.site_for_url(url).site, {})[path] = body
    return pages


class Imitations:
    def __init__(self, *imitations: SiteImitation):
        self.imitations = {imitation.site: imitation for imitation in imitations}

    @classmethod
    def for_catalog(
        cls,
        stories: Iterable[Story] = (),
        zakon_stories: Iterable[Story] = (),
        lex_acts: Iterable[LexAct] = (),
        adilet_acts: Iterable[AdiletAct] = (),
        live_marker: bool = True,
    ) -> Imitations:
        """Every catalog site imitated, serving the bundled pages at their cited URLs plus the given items."""
        pages = bundled_pages(live_marker)
        made: list[SiteImitation] = [
            GazetaImitation(stories, pages.get("gazeta.uz")),
            ZakonImitation(zakon_stories, pages.get("zakon.kz")),
            LexImitation(lex_acts, pages.get("lex.uz")),
            AdiletImitation(adilet_acts),
        ]
        specific = {m.site for m in made}
        made += [GenericImitation(site, pages.get(site)) for site in load_catalog().sites if site not in specific]
        return cls(*made)

    def site(self, name: str) -> SiteImitation:
        return self.imitations[name]

    @property
    def servers(self) -> dict[str, FakeSite]:
        return {host: server for imitation in self.imitations.values() for host, server in imitation.servers.items()}

    def mirror_spec(self) -> str:
        return ",".join(f"{host}={server.base}" for host, server in self.servers.items())

    def env(self, rate: float = 0.02) -> dict[str, str]:
        return {"KZUZ_MIRROR": self.mirror_spec(), "KZUZ_MIRROR_ONLY": "1", "KZUZ_RATE": str(rate)}

    def config(self, rate: float = 0.02, **overrides) -> FetchConfig:
        return make_config({}, rate, mirrors=Mirrors.parse(self.mirror_spec(), only=True), **overrides)

    def close(self) -> None:
        for imitation in self.imitations.values():
            imitation.close()


# ---------------------------------------------------------------------------------------------------------
# the plain helpers older tests use

HOSTS = {
    "gazeta.uz": ("www.gazeta.uz", "gazeta.uz"),
    "lex.uz": ("lex.uz", "www.lex.uz"),
    "zakon.kz": ("www.zakon.kz", "zakon.kz", "kaz.zakon.kz"),
    "adilet.zan.kz": ("adilet.zan.kz", "old.adilet.zan.kz"),
}


def mirror_spec(servers: dict[str, FakeSite]) -> str:
    return ",".join(f"{host}={server.base}" for site, server in servers.items() for host in HOSTS[site])


def make_config(servers: dict[str, FakeSite], rate: float = 0.05, **overrides) -> FetchConfig:
    """Small rates and waits so the suite stays fast; KZUZ_MIRROR_ONLY semantics so nothing leaves 127.0.0.1."""
    values = dict(
        rates={site: rate for site in load_catalog().sites},
        default_rate=rate,
        mirrors=Mirrors.parse(mirror_spec(servers), only=True),
        connect_timeout=2.0,
        read_timeout=5.0,
        retries=2,
        backoff_factor=0.05,
        retry_after_cap=2.0,
        lookback_days=2,
    )
    values.update(overrides)
    return FetchConfig(**values)


def rss(items: list[tuple[str, str, str]]) -> bytes:
    """RSS 2.0 with (link, title, pubDate) items."""
    return _rss((link, t, "lead", d) for link, t, d in items)


def sitemap(locs: list[str], lastmod: list[date] | None = None) -> bytes:
    body = "".join(
        f"<url><loc>{loc}</loc>" + (f"<lastmod>{lastmod[n].isoformat()}</lastmod>" if lastmod else "") + "</url>"
        for n, loc in enumerate(locs)
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{body}</urlset>'
    ).encode()


def article(title: str, extra: str = "") -> bytes:
    return (
        f'<html><head><meta charset="utf-8"><title>{title}</title></head>'
        f'<body><h1 id="article_title">{title}</h1><div class="articleContent"><p>{extra or title}</p></div>'
        f"</body></html>"
    ).encode()
