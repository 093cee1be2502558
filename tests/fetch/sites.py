"""Local HTTP servers that imitate the source sites (robots.txt, feeds, articles, faults), for fetch tests.

Each server records every request (arrival time, path, headers) so tests can measure politeness.
Only 127.0.0.1 is ever contacted.
"""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from pipelines.fetch.config import FetchConfig, Mirrors

EMPTY_RSS = b'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>t</title></channel></rss>'
EMPTY_SITEMAP = b'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>'


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


class FakeSite:
    def __init__(
        self,
        routes: dict[str, Page | Handler] | None = None,
        robots: str = "User-agent: *\nAllow: /\n",
        defaults: bool = True,
        all_delay: float = 0.0,
    ):
        self.routes: dict[str, Page | Handler] = dict(routes or {})
        self.routes.setdefault("/robots.txt", Page(robots.encode(), content_type="text/plain"))
        self.defaults = defaults
        self.all_delay = all_delay
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        site = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # keep test output clean
                pass

            def do_GET(self):  # noqa: N802 - http.server's name
                with site._lock:
                    site.requests.append(Request(time.monotonic(), self.path, dict(self.headers.items())))
                if site.all_delay:
                    time.sleep(site.all_delay)
                route = site.route(self.path)
                if route is None:
                    self.send(Page(b"not found", status=404))
                elif isinstance(route, Page):
                    self.send(route)
                else:
                    route(self)

            def send(self, page: Page):
                if page.status == 200 and (page.etag or page.last_modified):
                    if (page.etag and self.headers.get("If-None-Match") == page.etag) or (
                        not page.etag
                        and page.last_modified
                        and self.headers.get("If-Modified-Since") == page.last_modified
                    ):
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
                if page.gzip:
                    self.send_header("Content-Encoding", "gzip")
                if page.etag:
                    self.send_header("ETag", page.etag)
                if page.last_modified:
                    self.send_header("Last-Modified", page.last_modified)
                for key, value in page.headers.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def route(self, path: str) -> Page | Handler | None:
        if path in self.routes:
            return self.routes[path]
        if not self.defaults:
            return None
        bare = path.split("?")[0]
        if bare.endswith("/rss/") or bare.endswith("/rss"):
            return Page(EMPTY_RSS, content_type="application/rss+xml")
        if bare.startswith("/sitemap/"):
            return Page(EMPTY_SITEMAP, content_type="application/xml")
        if bare.startswith("/api/all-news-ajax/"):
            return Page(b"[]", content_type="application/json")
        return None

    def hits(self, path: str) -> list[Request]:
        return [r for r in self.requests if r.path == path]

    def paths(self) -> list[str]:
        return [r.path for r in self.requests]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


HOSTS = {
    "gazeta.uz": ("www.gazeta.uz", "gazeta.uz"),
    "lex.uz": ("lex.uz", "www.lex.uz"),
    "zakon.kz": ("www.zakon.kz", "zakon.kz", "kaz.zakon.kz"),
}


def mirror_spec(servers: dict[str, FakeSite]) -> str:
    return ",".join(f"{host}={server.base}" for site, server in servers.items() for host in HOSTS[site])


def make_config(servers: dict[str, FakeSite], rate: float = 0.05, **overrides) -> FetchConfig:
    """Small rates and waits so the suite stays fast; KZUZ_MIRROR_ONLY semantics so nothing leaves 127.0.0.1."""
    values = dict(
        rates={site: rate for site in HOSTS},
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
    body = "".join(
        f"<item><title>{t}</title><link>{link}</link><description>lead</description><pubDate>{d}</pubDate></item>"
        for link, t, d in items
    )
    return f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>{body}</channel></rss>'.encode()


def sitemap(locs: list[str]) -> bytes:
    body = "".join(f"<url><loc>{loc}</loc></url>" for loc in locs)
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
