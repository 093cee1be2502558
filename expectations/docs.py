"""GX Data Docs in the home folder: a file context rooted in HOME/docs/gx keeps suites and validation results.

The ephemeral context of a plain run keeps nothing, so a run that wants docs opens this file context
(``docs_context``), validates through it (``run_suite(..., context=...)``) and calls ``build_docs``. Only
the last ``KEEP_VALIDATIONS`` results per suite are kept: the site is re-rendered from every kept result.

GX's index page lists suites and validations with JavaScript loaded from CDNs, which an offline machine
cannot fetch (the result pages themselves are plain HTML). So ``build_docs`` also writes a plain table of
every suite and its last validation at the top of the index, readable with no network. Rendering takes
seconds, so a refresh renders once, when the last of its suites is stored (``suites_validated_in``).
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

import great_expectations as gx
from great_expectations.data_context.types.base import ProgressBarsConfig

KEEP_VALIDATIONS = 5
INDEX = Path("uncommitted") / "data_docs" / "local_site" / "index.html"

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")  # no network: never try to send usage events


def docs_root(docs_dir: Path) -> Path:
    """Where the GX project lives inside the home's docs/ folder."""
    return Path(docs_dir) / "gx"


def docs_index(docs_dir: Path) -> Path:
    """The Data Docs index page of the GX project under ``docs_dir``."""
    return docs_root(docs_dir) / INDEX


_contexts: dict[Path, Any] = {}  # one file context per GX project root, for the life of the process


def docs_context(docs_dir: Path) -> Any:
    """A GX file context rooted in ``docs_dir/gx`` (created on first use).

    Opening one reads and validates the project's YAML (~0.5 s), so a process keeps the context of each
    root and the suites of a refresh share it; it is opened again if the project folder was removed.
    """
    root = docs_root(docs_dir).resolve()
    context = _contexts.get(root)
    if context is not None and (root / "great_expectations.yml").exists():
        return context
    root.mkdir(parents=True, exist_ok=True)
    context = gx.get_context(mode="file", context_root_dir=str(root))
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    _contexts[root] = context
    return context


def build_docs(context: Any) -> Path:
    """Prune old validation results, then render the local site; returns its index.html."""
    root = Path(context.root_directory)
    _prune_validations(root / "uncommitted" / "validations")
    shutil.rmtree(root / "uncommitted" / "data_docs", ignore_errors=True)  # no pages of pruned results
    context.build_data_docs()
    _write_offline_summary(root)
    return root / INDEX


def _write_offline_summary(root: Path) -> None:
    site = (root / INDEX).parent
    rows = []
    for suite_page in sorted((site / "expectations").glob("*.html")):
        suite = suite_page.stem
        pages = sorted((site / "validations" / suite).rglob("*.html"), key=lambda p: p.parent.name)
        cells = [f'<td><a href="{suite_page.relative_to(site).as_posix()}">{html.escape(suite)}</a></td>']
        if pages:
            last = pages[-1]
            result = root / "uncommitted" / last.relative_to(site).with_suffix(".json")
            stats: dict = {}
            if result.exists():
                data = json.loads(result.read_text(encoding="utf-8"))
                stats = {**data.get("statistics", {}), "success": data.get("success")}
            status = "passed" if stats.get("success") else "FAILED"
            counts = f"{stats.get('successful_expectations', '?')} of {stats.get('evaluated_expectations', '?')}"
            cells += [
                f'<td><a href="{last.relative_to(site).as_posix()}">{html.escape(last.parent.name)}</a></td>',
                f"<td>{status}</td><td>{counts} expectations met</td>",
            ]
        else:
            cells += ["<td>never validated</td><td></td><td></td>"]
        rows.append("<tr>" + "".join(cells) + "</tr>")
    summary = (
        '<section id="kzuz-summary" style="font-family:sans-serif;margin:1em">'
        "<h2>kzuz expectation suites and their last validation</h2>"
        '<table border="1" cellpadding="4" style="border-collapse:collapse">'
        "<tr><th>suite</th><th>last validation</th><th>result</th><th>expectations</th></tr>"
        + "".join(rows)
        + "</table></section>"
    )
    index = root / INDEX
    page = index.read_text(encoding="utf-8")
    index.write_text(re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + summary, page, count=1), encoding="utf-8")


def suites_validated_in(context: Any, run_name: str) -> set[str]:
    """Names of the suites with a stored validation result of this run."""
    return {
        key.expectation_suite_identifier.name
        for key in context.validation_results_store.list_keys()
        if key.run_id.run_name == run_name
    }


def _prune_validations(folder: Path) -> None:
    """Keep the newest KEEP_VALIDATIONS result files of each suite (laid out suite/run/time/batch.json)."""
    if not folder.is_dir():
        return
    for suite_dir in folder.iterdir():
        if not suite_dir.is_dir():
            continue
        results = sorted(suite_dir.rglob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in results[KEEP_VALIDATIONS:]:
            old.unlink()
        for empty in sorted((p for p in suite_dir.rglob("*") if p.is_dir()), key=lambda p: -len(p.parts)):
            if not any(empty.iterdir()):
                empty.rmdir()
