"""robots.txt, fetched once per host per run (through the mirror, rate-limited) and obeyed via protego.

RFC 9309: a 4xx robots.txt means no restrictions; a 5xx means stay out for now, which is recorded as a
server error of every page asked for (so the host shows as failing and stale, not as quietly skipped).
A Crawl-delay longer than our own rate raises the host's interval.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from urllib.parse import urlsplit

from protego import Protego

from pipelines.fetch.faults import SERVER_ERROR, FetchFault

_ALLOW_ALL = Protego.parse("")
_DISALLOW_ALL = Protego.parse("User-agent: *\nDisallow: /\n")


class _Unavailable:
    """robots.txt answered 5xx: every page of the host is off limits for this run."""

    def __init__(self, status: int):
        self.status = status

    def crawl_delay(self, _user_agent: str) -> None:
        return None

    def can_fetch(self, url: str, _user_agent: str) -> bool:
        raise FetchFault(SERVER_ERROR, f"robots.txt answered HTTP {self.status}: staying out of {url}", self.status)


class RobotsCache:
    """robots.txt per host, fetched once and read with Protego; Crawl-delay reported to the rate limiter."""

    def __init__(
        self,
        user_agent: str,
        fetch_robots: Callable[[str], tuple[int, bytes]],
        on_crawl_delay: Callable[[str, float], None] | None = None,
    ):
        """``fetch_robots(url) -> (status, body)``; raises when the host is unreachable."""
        self.user_agent = user_agent
        self._fetch = fetch_robots
        self._on_crawl_delay = on_crawl_delay
        self._rules: dict[str, Protego] = {}
        self._lock = threading.Lock()

    def rules_for(self, url: str) -> Protego | _Unavailable:
        """The robots rules of the URL's host (fetched on first need), or a marker when they could not be read."""
        parts = urlsplit(url)
        key = f"{parts.scheme}://{parts.netloc}".lower()
        with self._lock:
            cached = self._rules.get(key)
        if cached is not None:
            return cached
        status, body = self._fetch(f"{key}/robots.txt")
        if 200 <= status < 300:
            try:
                rules = Protego.parse(body.decode("utf-8", errors="replace"))
            except Exception:  # noqa: BLE001 - a robots.txt we cannot read means stay out
                rules = _DISALLOW_ALL
        elif 400 <= status < 500:
            rules = _ALLOW_ALL
        else:
            rules = _Unavailable(status)
        delay = rules.crawl_delay(self.user_agent)
        if delay and self._on_crawl_delay:
            self._on_crawl_delay(parts.hostname or "", float(delay))
        with self._lock:
            self._rules[key] = rules
        return rules

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets us fetch ``url``; raises FetchFault while the host's robots.txt is 5xx."""
        return self.rules_for(url).can_fetch(url, self.user_agent)
