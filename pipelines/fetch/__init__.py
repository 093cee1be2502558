"""The side-effecting HTTP layer of kzuz: one polite session, conditional requests, archive-first storing.

Modules: config (settings and mirrors), session (requests + urllib3 Retry, redirects, body cap),
ratelimit, robots, faults (fault kinds, bot-challenge and login-wall tests), state (fetch_state.sqlite),
worker (one site's fetches), discover (feeds -> relevant items), run (threads, host health, alerts),
report (counts and summary). Entry points are in ``pipelines.fetch.live``.
"""

from pipelines.fetch.config import DEFAULT_USER_AGENT, FetchConfig, Mirrors
from pipelines.fetch.faults import FetchFault, HostUnreachable, classify_page
from pipelines.fetch.report import FetchReport, SiteSummary
from pipelines.fetch.session import HttpFetcher, HttpResult
from pipelines.fetch.state import FetchState
from sources.discovery.charset import decode_body, detect_charset

__all__ = [
    "DEFAULT_USER_AGENT",
    "FetchConfig",
    "FetchFault",
    "FetchReport",
    "FetchState",
    "HostUnreachable",
    "HttpFetcher",
    "HttpResult",
    "Mirrors",
    "SiteSummary",
    "classify_page",
    "decode_body",
    "detect_charset",
]
