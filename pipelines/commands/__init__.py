"""Command groups of the `kzuz` CLI beyond the core ones: each module defines `register(app)`.

Keeping each area's commands (analyst exports, quality, serving, reports) in its own module lets them
grow without one long cli.py; `pipelines.cli` registers every module found here.
"""

from __future__ import annotations

import importlib
import pkgutil

import typer


def register_all(app: typer.Typer) -> None:
    """Register every command group of this package (each module's ``register``) on ``app``."""
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        importlib.import_module(f"{__name__}.{module.name}").register(app)
