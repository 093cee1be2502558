"""What can go wrong with one fetch, and how a 200 that is not a document (bot challenge, login wall,
JavaScript shell) is told.

The page tests are hand-written: they are a handful of markers that challenge providers and login forms
share, and no library classifies them. The shell test reads the page's visible text with selectolax.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

# Outcome kinds. The first three are successes; all others are faults counted per host.
FETCHED = "fetched"  # a 200 stored as a new capture
NOT_MODIFIED = "not_modified"  # a 304, or a 200 whose body the archive already holds
SKIPPED = "skipped"  # not requested: robots.txt, host given up, not relevant
UNREACHABLE = "unreachable"  # connection refused / DNS / connect timeout after retries: the host is down
TIMEOUT = "timeout"
SERVER_ERROR = "server_error"  # 5xx after retries
RATE_LIMITED = "rate_limited"  # 429 after retries
GONE = "gone"  # 404 / 410
HTTP_ERROR = "http_error"  # any other status
REDIRECT_LOOP = "redirect_loop"
OFFSITE_REDIRECT = "offsite_redirect"  # a redirect to a host outside the catalog
TRUNCATED = "truncated"  # body shorter than Content-Length / connection cut mid-body
TOO_LARGE = "too_large"  # body (after decompression) over the cap
BOT_CHALLENGE = "bot_challenge"
LOGIN_WALL = "login_wall"
JS_SHELL = "js_shell"  # a small page of scripts and no text (adilet.zan.kz for every path): never a document
TLS_ERROR = "tls_error"  # the host's certificate chain is not trusted (see the catalog's ca_bundle)
ROBOTS_DISALLOWED = "robots_disallowed"
BAD_FEED = "bad_feed"  # a feed or sitemap that could not be parsed (hostile or malformed XML, bad JSON)

SUCCESS = frozenset({FETCHED, NOT_MODIFIED})


class FetchFault(Exception):
    """One request that ended in a fault of ``kind`` (see the constants above)."""

    def __init__(self, kind: str, detail: str = "", status: int | None = None):
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind = kind
        self.detail = detail
        self.status = status


class HostUnreachable(FetchFault):
    """The host cannot be reached at all: the rest of its queue is skipped and it is marked stale."""

    def __init__(self, detail: str = "", kind: str = UNREACHABLE):
        super().__init__(kind, detail)


# Markers of a challenge page itself. Not "/cdn-cgi/challenge-platform/": Cloudflare injects that script
# into ordinary pages too.
_CHALLENGE_MARKERS = (
    b"cf_chl_opt",
    b"cf-challenge",
    b"cf-browser-verification",
    b"verify you are human",
    b"checking your browser before accessing",
)
_CHALLENGE_TITLES = ("just a moment", "один момент", "attention required", "ddos-guard", "access denied")
_TITLE = re.compile(rb"<title[^>]*>(.*?)</title>", re.I | re.S)
_PASSWORD_INPUT = re.compile(rb"<input[^>]+type\s*=\s*[\"']?password", re.I)
_LOGIN_TITLE = re.compile(r"\b(log ?in|sign ?in|вход|войти|авторизация|kirish|кириш|кіру)\b", re.I)
_LOGIN_PATH = re.compile(r"/(account/)?(login|signin|sign-in|auth|logon)(\b|/|\?|$)", re.I)
SNIFF_BYTES = 64 * 1024


def _title(body: bytes) -> str:
    found = _TITLE.search(body[:SNIFF_BYTES])
    return found.group(1).decode("utf-8", "replace").strip() if found else ""


def is_bot_challenge(body: bytes, headers: Mapping[str, str] | None = None) -> bool:
    """Whether a response is a bot challenge (a Cloudflare-style interstitial), by its headers, markers or title."""
    for key, value in (headers or {}).items():
        if key.lower() == "cf-mitigated" and "challenge" in value.lower():
            return True
    head = body[:SNIFF_BYTES].lower()
    title = _title(body).lower()
    return any(marker in head for marker in _CHALLENGE_MARKERS) or any(t in title for t in _CHALLENGE_TITLES)


def is_login_wall(body: bytes) -> bool:
    """A page that is only a login form: a password field under a login title.

    A partial document with a "log in to read the rest" box (online.zakon.kz) keeps its own title and has
    no password field, so it is archived and parsed as partial, not treated as a wall.
    """
    head = body[:SNIFF_BYTES]
    return bool(_PASSWORD_INPUT.search(head)) and bool(_LOGIN_TITLE.search(_title(head)))


# A shell is small (adilet.zan.kz's is ~1.5 KB); a real page of that size without scripts is left alone.
SHELL_MAX_BYTES = 32 * 1024
SHELL_MAX_TEXT = 120  # visible characters outside <head>, scripts, styles and <noscript>
_SCRIPT = re.compile(rb"<script\b", re.I)


def is_js_shell(body: bytes) -> bool:
    """A page that is only a JavaScript application's shell: scripts, an empty mount point, no text."""
    if len(body) > SHELL_MAX_BYTES or not _SCRIPT.search(body):
        return False
    tree = LexborHTMLParser(body)
    if tree.body is None:
        return True
    tree.strip_tags(["script", "style", "noscript", "template", "head"])
    text = " ".join((tree.body.text(separator=" ") or "").split())
    return len(text) < SHELL_MAX_TEXT


def is_login_url(url: str) -> bool:
    """Whether the URL is a login page's."""
    return bool(_LOGIN_PATH.search(urlsplit(url).path))


def classify_page(status: int, body: bytes, headers: Mapping[str, str] | None = None) -> str | None:
    """The fault kind of a response that looks fine on the wire but is not a document, else None."""
    if status in (200, 403, 503) and is_bot_challenge(body, headers):
        return BOT_CHALLENGE
    if status == 401 or (status == 200 and is_login_wall(body)):
        return LOGIN_WALL
    if status == 200 and is_js_shell(body):
        return JS_SHELL
    return None
