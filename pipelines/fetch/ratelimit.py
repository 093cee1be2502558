"""Per-host politeness: at most one request in flight per host, and a minimum gap between two requests.

Hand-written (a lock and a clock per host) because the libraries that exist throttle by token bucket,
which allows bursts; a polite crawler wants a fixed gap measured from the end of the previous response.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager


class HostRateLimiter:
    """One request at a time per host, spaced by the host's interval (raised by Crawl-delay or Retry-After)."""

    def __init__(self, interval_for_host: Callable[[str], float]):
        self._interval_for_host = interval_for_host
        self._locks: dict[str, threading.Lock] = {}
        self._last_end: dict[str, float] = {}
        self._floor: dict[str, float] = {}  # e.g. robots.txt Crawl-delay, when longer than our own rate
        self._guard = threading.Lock()

    def interval(self, host: str) -> float:
        """The seconds between two requests to ``host`` now."""
        return max(self._interval_for_host(host), self._floor.get(host, 0.0))

    def raise_interval(self, host: str, seconds: float) -> None:
        """Raise the host's interval to at least ``seconds`` (never lowers it)."""
        self._floor[host] = max(self._floor.get(host, 0.0), seconds)

    def _lock(self, host: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(host, threading.Lock())

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        """Hold the host for one request (retries included); the gap runs from the end of the previous one."""
        with self._lock(host):
            last = self._last_end.get(host)
            if last is not None:
                wait = last + self.interval(host) - time.monotonic()
                if wait > 0:
                    time.sleep(wait)
            try:
                yield
            finally:
                self._last_end[host] = time.monotonic()
