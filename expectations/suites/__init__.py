"""The expectation suites, one module per mart; ``SUITES`` lists them in the order they run."""

from expectations.suites.fct_trade_flows import SUITE as FCT_TRADE_FLOWS

SUITES = (FCT_TRADE_FLOWS,)

__all__ = ["FCT_TRADE_FLOWS", "SUITES"]
