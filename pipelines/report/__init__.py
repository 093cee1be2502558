"""The analyst's report: one self-contained HTML page with PNG charts, built from the current warehouse.

Scope: read the promoted warehouse read-only (never the NEXT one), draw trade by year and reporter with
announced targets, the mirror view, a timeline of legal acts and visits, indicators over time and data
health, and write them to HOME/report/. Layout: ``reader`` (what exists in the warehouse), ``sections/``
(one module per section: data -> ``content``), ``charts`` (matplotlib), ``page`` (HTML), ``build``.
"""

from __future__ import annotations

from pipelines.report.build import build_report

__all__ = ["build_report"]
