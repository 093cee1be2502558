"""The expectation suites, one module per mart (plus staging and source suites); ``SUITES`` in run order.

``SUITES`` is built by ``all_suites()`` at import, so the freshness threshold (``KZUZ_STALE_AFTER_DAYS``)
is read from the environment of the process that runs the checks.
"""

from expectations.suites.dim_countries import SUITE as DIM_COUNTRIES
from expectations.suites.dim_documents import CAPTURES_SUITE as STG_RAW__CAPTURES
from expectations.suites.dim_documents import SUITE as DIM_DOCUMENTS
from expectations.suites.dim_sites import SUITE as DIM_SITES
from expectations.suites.dim_sites import freshness_suite
from expectations.suites.fct_events import SUITE as FCT_EVENTS
from expectations.suites.fct_indicators import SUITE as FCT_INDICATORS
from expectations.suites.fct_legal_acts import ARTICLES_SUITE as LEGAL_ACT_ARTICLES
from expectations.suites.fct_legal_acts import SUITE as FCT_LEGAL_ACTS
from expectations.suites.fct_trade_flows import SUITE as FCT_TRADE_FLOWS
from expectations.suites.mart_news_vs_official import SUITE as MART_NEWS_VS_OFFICIAL
from expectations.suites.mart_trade import MIRROR as MART_TRADE_MIRROR
from expectations.suites.mart_trade import TARGETS as MART_TRADE_TARGETS


def all_suites() -> tuple:
    """Every suite in run order, the freshness suite built with the threshold of this process's environment."""
    return (
        DIM_COUNTRIES,
        DIM_SITES,
        STG_RAW__CAPTURES,
        DIM_DOCUMENTS,
        FCT_TRADE_FLOWS,
        FCT_LEGAL_ACTS,
        LEGAL_ACT_ARTICLES,
        FCT_INDICATORS,
        FCT_EVENTS,
        MART_TRADE_MIRROR,
        MART_TRADE_TARGETS,
        MART_NEWS_VS_OFFICIAL,
        freshness_suite(),
    )


SUITES = all_suites()

__all__ = [
    "DIM_COUNTRIES",
    "DIM_DOCUMENTS",
    "DIM_SITES",
    "FCT_EVENTS",
    "FCT_INDICATORS",
    "FCT_LEGAL_ACTS",
    "FCT_TRADE_FLOWS",
    "MART_NEWS_VS_OFFICIAL",
    "LEGAL_ACT_ARTICLES",
    "MART_TRADE_MIRROR",
    "MART_TRADE_TARGETS",
    "STG_RAW__CAPTURES",
    "SUITES",
    "all_suites",
    "freshness_suite",
]
