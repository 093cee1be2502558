"""The HTTP layer of kzuz: User-Agent, mirrors, robots.txt, per-host rate, retries, redirects, body cap, TLS.

requests + urllib3 ``Retry`` do the transport and the retries (connection errors, 429, 5xx, honouring
Retry-After). Redirects are followed here, one hop at a time, because each hop must stay inside the
catalog, pass robots.txt and wait its turn at the host's rate limit. Each site has its own
``requests.Session``: its User-Agent, its trusted CA bundle (the catalog's ``ca_bundle``, for that site's
hosts only) and its cookies stay its own, and a site marked ``cookies: false`` never stores or sends one.
A site whose documents are served by another host (``fetch_from``) is asked there; the result carries the
canonical URL.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from http.cookiejar import DefaultCookiePolicy
from urllib.parse import urljoin, urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import ProtocolError
from urllib3.util.retry import Retry

from pipelines.fetch.config import FetchConfig, MirrorMissingError
from pipelines.fetch.faults import (
    LOGIN_WALL,
    OFFSITE_REDIRECT,
    REDIRECT_LOOP,
    ROBOTS_DISALLOWED,
    TIMEOUT,
    TLS_ERROR,
    TOO_LARGE,
    TRUNCATED,
    FetchFault,
    HostUnreachable,
    is_login_url,
)
from pipelines.fetch.ratelimit import HostRateLimiter
from pipelines.fetch.robots import RobotsCache
from sources.catalog import Catalog, Site, UnknownHostError, load_catalog

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
CHUNK = 64 * 1024


class PoliteRetry(Retry):
    """urllib3 Retry that never retries sooner than the host's interval and caps a Retry-After wait."""

    min_backoff: float = 0.0
    retry_after_cap: float = 120.0

    def get_backoff_time(self) -> float:
        """urllib3's back-off, never below the site's gap."""
        return max(super().get_backoff_time(), self.min_backoff)

    def get_retry_after(self, response):
        """The server's Retry-After in seconds, capped at ``retry_after_cap`` and never below the site's gap."""
        seconds = super().get_retry_after(response)
        if seconds is None:
            return None
        return max(min(seconds, self.retry_after_cap), self.min_backoff)

    def sleep_for_retry(self, response=None) -> bool:
        """Sleep the server's Retry-After before a retry; True when it gave one (else the back-off applies)."""
        # urllib3 skips a Retry-After of 0; we still keep the host's gap.
        seconds = self.get_retry_after(response) if response is not None else None
        if seconds is not None:
            time.sleep(seconds)
            return True
        return False


def polite_retry(config: FetchConfig, min_backoff: float) -> Retry:
    """The urllib3 retry policy of the fetch: 429 and 5xx retried with back-off, Retry-After honoured, no redirects."""
    cls = type("PoliteRetry", (PoliteRetry,), {"min_backoff": min_backoff, "retry_after_cap": config.retry_after_cap})
    return cls(
        total=config.retries,
        connect=config.retries,
        read=config.retries,
        status=config.retries,
        redirect=0,
        backoff_factor=config.backoff_factor,
        backoff_max=config.retry_after_cap,
        status_forcelist=(429, 500, 502, 503, 504),
        respect_retry_after_header=True,
        raise_on_status=False,
        raise_on_redirect=False,
    )


@dataclass(frozen=True)
class HttpResult:
    """One HTTP answer: the URL asked for, the final URL after redirects, status, headers, body, seconds taken."""

    url: str  # the canonical URL asked for
    final_url: str  # canonical URL after redirects
    status: int
    headers: dict[str, str]
    body: bytes
    seconds: float


def read_capped(response: requests.Response, cap: int) -> bytes:
    """The decompressed body, cut off (TOO_LARGE) as soon as it passes ``cap`` bytes."""
    declared = response.headers.get("Content-Length")
    if declared and declared.isdigit() and not response.headers.get("Content-Encoding") and int(declared) > cap:
        response.close()
        raise FetchFault(TOO_LARGE, f"Content-Length {declared} over the cap of {cap} bytes", response.status_code)
    chunks: list[bytes] = []
    total = 0
    try:
        for chunk in response.iter_content(CHUNK):
            total += len(chunk)
            if total > cap:
                response.close()
                raise FetchFault(
                    TOO_LARGE, f"body over the cap of {cap} bytes (after decompression)", response.status_code
                )
            chunks.append(chunk)
    except (requests.exceptions.ChunkedEncodingError, ProtocolError) as exc:
        raise FetchFault(TRUNCATED, f"body cut short after {total} bytes: {exc}", response.status_code) from exc
    except requests.exceptions.ContentDecodingError as exc:
        raise FetchFault(TRUNCATED, f"compressed body cannot be decoded: {exc}", response.status_code) from exc
    except requests.exceptions.ConnectionError as exc:  # a read timeout mid-body
        raise FetchFault(TIMEOUT, f"body read timed out after {total} bytes: {exc}", response.status_code) from exc
    return b"".join(chunks)


class HttpFetcher:
    """GET canonical URLs politely. Thread-safe: workers share it; a host is served one request at a time."""

    def __init__(self, config: FetchConfig, catalog: Catalog | None = None):
        self.config = config
        self.catalog = catalog or load_catalog()
        self.sessions = {name: self._site_session(site) for name, site in self.catalog.sites.items()}
        self.limiter = HostRateLimiter(self.interval_for_host)
        # robots.txt groups are chosen by our own product token, whatever form of the User-Agent a site gets
        self.robots = RobotsCache(config.user_agent, self._fetch_robots, self.limiter.raise_interval)
        self.requests_sent = 0

    def interval_for_host(self, host: str) -> float:
        """The seconds between two requests to ``host``: its site's rate from the catalog, else the default."""
        try:
            site = self.catalog.site_for_url(f"https://{host}/")
        except UnknownHostError:
            return self.config.default_rate
        return self.config.rate_for_site(site.site)

    def _site_session(self, site: Site) -> requests.Session:
        session = requests.Session()
        session.headers.update(
            {"User-Agent": self.config.user_agent_for_site(site.site), "Accept-Encoding": "gzip, deflate"}
        )
        if not site.cookies:
            # allowed_domains=[] lets no cookie be stored or returned for any domain
            session.cookies.set_policy(DefaultCookiePolicy(allowed_domains=[]))
        # One adapter per host prefix, so each host's retries keep that host's interval.
        rate = self.config.rate_for_site(site.site)
        for host in site.hosts:
            base = self.config.mirrors.bases.get(host)
            for prefix in [base + "/"] if base else [f"https://{host}/", f"http://{host}/"]:
                session.mount(prefix, HTTPAdapter(max_retries=polite_retry(self.config, rate)))
        return session

    def close(self) -> None:
        """Close every per-site session."""
        for session in self.sessions.values():
            session.close()

    def _fetch_robots(self, url: str) -> tuple[int, bytes]:
        result = self.get(url, check_robots=False)
        return result.status, result.body

    def _send(self, url: str, headers: dict[str, str] | None) -> tuple[requests.Response, bytes, str]:
        """GET ``url`` (on the host that serves it) through its mirror, if any."""
        host = (urlsplit(url).hostname or "").lower()
        site = self.catalog.site_for_url(url).site
        session = self.sessions[site]
        # Per request, not on the session: requests lets REQUESTS_CA_BUNDLE override a session's verify.
        bundle = self.config.ca_bundles.get(site)
        try:
            wire = self.config.mirrors.to_wire(url)
        except MirrorMissingError as exc:
            raise HostUnreachable(str(exc)) from exc
        with self.limiter.slot(host):
            self.requests_sent += 1
            try:
                response = session.get(
                    wire,
                    headers=headers,
                    timeout=(self.config.connect_timeout, self.config.read_timeout),
                    allow_redirects=False,
                    stream=True,
                    verify=bundle or None,
                )
            except requests.exceptions.SSLError as exc:
                trusted = bundle or "the default trust store"
                raise HostUnreachable(f"TLS certificate of {host} not trusted by {trusted}: {exc}", TLS_ERROR) from exc
            except requests.exceptions.ConnectTimeout as exc:
                raise HostUnreachable(f"connect timeout: {exc}") from exc
            except requests.exceptions.ReadTimeout as exc:
                raise FetchFault(TIMEOUT, str(exc)) from exc
            except requests.exceptions.RetryError as exc:
                raise FetchFault(TIMEOUT, f"retries exhausted: {exc}") from exc
            except requests.exceptions.ConnectionError as exc:
                raise HostUnreachable(str(exc)) from exc
            with response:
                if response.status_code in REDIRECT_STATUSES or response.status_code == 304:
                    body = b""
                else:
                    body = read_capped(response, self.config.max_body_bytes)
        return response, body, wire

    def _wire_or_same(self, url: str) -> str:
        try:
            return self.config.mirrors.to_wire(url)
        except MirrorMissingError:
            return url

    def get(self, url: str, headers: dict[str, str] | None = None, *, check_robots: bool = True) -> HttpResult:
        """GET a canonical URL (raises UnknownHostError outside the catalog, FetchFault on a fault).

        The request goes to the host that serves the URL's documents (``Catalog.fetch_url``); robots.txt,
        the rate limit and redirects are those of that host. ``final_url`` is canonical again.
        """
        self.catalog.site_for_url(url)
        started = time.monotonic()
        visited: list[str] = []
        first = current = self.catalog.fetch_url(url)
        for _hop in range(self.config.max_redirects + 1):
            if current in visited:
                raise FetchFault(REDIRECT_LOOP, " -> ".join([*visited, current]))
            visited.append(current)
            if check_robots and not self.robots.allowed(current):
                raise FetchFault(ROBOTS_DISALLOWED, f"robots.txt disallows {current}")
            response, body, _wire = self._send(current, headers if current == first else None)
            status = response.status_code
            location = response.headers.get("Location")
            if status in REDIRECT_STATUSES and location:
                target = self.config.mirrors.to_canonical(urljoin(self._wire_or_same(current), location))
                if is_login_url(target):
                    raise FetchFault(LOGIN_WALL, f"redirected to a login page: {current} -> {target}", status)
                try:
                    self.catalog.site_for_url(target)
                except UnknownHostError as exc:
                    raise FetchFault(OFFSITE_REDIRECT, f"{current} -> {target}", status) from exc
                # followed as the server says, even to a canonical host that serves only a shell: the shell
                # then arrives and is told for what it is (faults.JS_SHELL), not mistaken for a loop
                current = target
                continue
            final = self.catalog.canonical_url(current)
            return HttpResult(url, final, status, dict(response.headers), body, time.monotonic() - started)
        raise FetchFault(REDIRECT_LOOP, f"more than {self.config.max_redirects} redirects: {' -> '.join(visited)}")
