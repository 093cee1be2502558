"""Definitions of each area (quality, operations, reports...): every module defines `definitions(home)`.

The core graph (captures -> raw -> dbt -> promotion) lives in pipelines/defs/assets.py; areas add their
schedules, sensors, checks and downstream assets here and are merged into one code location.
"""

from __future__ import annotations

import importlib
import pkgutil

import dagster as dg


def area_definitions(home: str) -> list[dg.Definitions]:
    return [
        importlib.import_module(f"{__name__}.{m.name}").definitions(home)
        for m in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name)
    ]
