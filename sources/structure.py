"""Structure-change signal: per site and layout, records a page yields now against the previous run's baseline.

A page of a known kind that yields nothing is already a parse error (the parsers report it); this module
catches the slower failure, a site whose pages still parse but yield far fewer records than they used to
(a selector that now matches a sidebar, articles no longer split into clauses), and a layout that no page
matched any more. Pure: counts in, ``Signal``s out; the caller stores ``baseline_from`` for the next run.
Hand-written: a median and a ratio per group, no library needed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from statistics import median

Key = tuple[str, str]  # (site, layout)

DROP_RATIO = 0.5  # a median below half of the baseline is a drop


@dataclass(frozen=True)
class Signal:
    """A site's yield signal for one layout (a drop, a layout gone, a failed refetch), with its figures."""

    site: str
    layout: str
    kind: str  # 'drop' (fewer records a page) | 'layout_gone' (no page matched a known layout)
    # | 'refetch_failed' (pages read before did not parse into their kind when fetched again)
    pages: int  # pages of this site and layout in this run
    median_records: float | None  # None when no page matched the layout
    baseline: float  # typical records a page in the previous run
    message: str
    source_urls: tuple[str, ...] = ()  # the pages behind the signal, when they are known


def _groups(per_capture: Iterable[Mapping]) -> tuple[dict[Key, list[int]], dict[str, int]]:
    groups: dict[Key, list[int]] = defaultdict(list)
    pages_per_site: dict[str, int] = defaultdict(int)
    for capture in per_capture:
        site = capture["site"]
        pages_per_site[site] += 1
        if capture.get("layout"):  # pages with no layout are parse errors, reported by the parsers
            groups[(site, capture["layout"])].append(int(capture.get("records") or 0))
    return groups, pages_per_site


def baseline_from(per_capture: Iterable[Mapping]) -> dict[Key, float]:
    """Median records a page per (site, layout): what this run leaves as the next run's baseline."""
    groups, _ = _groups(per_capture)
    return {key: float(median(counts)) for key, counts in groups.items()}


def yield_signal(per_capture: list[Mapping], baseline: Mapping[Key, float], ratio: float = DROP_RATIO) -> list[Signal]:
    """Signals for every (site, layout) whose median yield fell below ``ratio`` x baseline, or that vanished.

    ``per_capture`` holds one dict per parsed page: site, layout (None for a parse error), page_kind and
    records (rows the page yielded). A (site, layout) with no baseline is new and is not judged; a site
    with no page in this run is not judged either (nothing was fetched, which is not a structure change).
    """
    groups, pages_per_site = _groups(per_capture)
    signals: list[Signal] = []
    for (site, layout), counts in sorted(groups.items()):
        typical = baseline.get((site, layout))
        if not typical or typical <= 0:
            continue
        now = float(median(counts))
        if now < ratio * typical:
            empty = sum(c == 0 for c in counts)
            signals.append(
                Signal(
                    site=site,
                    layout=layout,
                    kind="drop",
                    pages=len(counts),
                    median_records=now,
                    baseline=typical,
                    message=(
                        f"{site} [{layout}]: {now:g} records a page (median of {len(counts)} pages, "
                        f"{empty} with none) against {typical:g} in the previous run; "
                        "the page layout may have changed"
                    ),
                )
            )
    for (site, layout), typical in sorted(baseline.items()):
        if typical > 0 and pages_per_site.get(site) and (site, layout) not in groups:
            pages = pages_per_site[site]
            signals.append(
                Signal(
                    site=site,
                    layout=layout,
                    kind="layout_gone",
                    pages=0,
                    median_records=None,
                    baseline=typical,
                    message=(
                        f"{site} [{layout}]: none of this run's {pages} pages of the site matched this layout, "
                        f"which yielded {typical:g} records a page in the previous run; the site may have changed "
                        "its markup"
                    ),
                )
            )
    return signals
