"""The report's charts, drawn with matplotlib into PNG bytes: trade, mirror, timeline, indicators.

Why matplotlib and not Altair + vl-convert: it renders headless with no browser or JavaScript engine
(vl-convert ships a Deno runtime of ~100 MB), it draws hatched bars (our year-to-date periods) and
Cyrillic source titles with its bundled DejaVu fonts, and its PNGs look the same on every machine, in CI
and in print. Only the object API is used (``Figure``, no pyplot): no global state, safe inside a Dagster
run. Each function takes plain data and returns PNG bytes; choosing the data is the sections' job.

Drawing is most of a report's time (~0.5 s a chart, in matplotlib's text layout and PNG encoding), and a
daily refresh seldom changes what a chart shows. So inside ``drawn_once(folder)`` each chart function keeps
its PNG in ``folder`` under a digest of its arguments, this module's code and matplotlib's version, and draws
only when that digest is new (a hand-written memo: joblib.Memory would do the same with a pickle per call
and a dependency for ten lines).
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # never look for a display

from matplotlib import dates as mdates  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402

DPI = 130
EXPORT = "#2b6cb0"
IMPORT = "#dd6b20"
TOTAL = "#1a202c"
TARGET = ("#c53030", "#822727", "#553c9a")
SIDE = ("#2b6cb0", "#2f855a")
INK = "#2d3748"
MUTED = "#718096"

matplotlib.rcParams.update(
    {
        "font.family": "DejaVu Sans",
        "font.size": 10,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.edgecolor": "#a0aec0",
        "axes.labelcolor": INK,
        "axes.titlesize": 11,
        "axes.titleweight": "bold",
        "xtick.color": INK,
        "ytick.color": INK,
        "hatch.linewidth": 1.2,
    }
)


_CODE = hashlib.sha256(Path(__file__).read_bytes() + matplotlib.__version__.encode()).hexdigest()
# (the folder of drawn PNGs, the names this report used): set by drawn_once for the charts drawn inside it
_DRAWN: ContextVar[tuple[Path, set[str]] | None] = ContextVar("kzuz_drawn_charts", default=None)


@contextmanager
def drawn_once(folder: Path) -> Iterator[None]:
    """Inside: a chart whose arguments were drawn before is read from ``folder``, not drawn again.

    On leaving, the PNGs this report did not use are removed, so the folder holds one report's charts.
    """
    folder.mkdir(parents=True, exist_ok=True)
    used: set[str] = set()
    token = _DRAWN.set((folder, used))
    try:
        yield
    finally:
        _DRAWN.reset(token)
    for stale in folder.glob("*.png"):
        if stale.name not in used:
            stale.unlink(missing_ok=True)


def _memo(draw: Callable[..., bytes]) -> Callable[..., bytes]:
    """``draw``, reading its PNG from the ``drawn_once`` folder when the same arguments were drawn before."""

    @functools.wraps(draw)
    def drawn(*args) -> bytes:
        state = _DRAWN.get()
        if state is None:
            return draw(*args)
        folder, used = state
        # the arguments are dataclasses, lists, strings and numbers: their repr is their content
        name = hashlib.sha256(repr((draw.__name__, _CODE, args)).encode()).hexdigest()[:32] + ".png"
        used.add(name)
        path = folder / name
        if path.is_file():
            return path.read_bytes()
        png = draw(*args)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.")
        with os.fdopen(fd, "wb") as handle:
            handle.write(png)
        os.replace(tmp, path)
        return png

    return drawn


def _png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, bbox_inches="tight", pad_inches=0.25, facecolor="white")
    return buffer.getvalue()


def _frame(width: float, height: float, footer: str):
    """A figure whose top part holds the chart (title, axes, legend below) and whose bottom strip holds the
    footer (units, whose statistics, sources): separate subfigures, so the layout never overlaps them.
    """
    fig = Figure(figsize=(width, height + 0.45), layout="constrained")
    chart, bottom = fig.subfigures(2, 1, height_ratios=[height, 0.45])
    bottom.text(0.01, 0.5, footer, ha="left", va="center", fontsize=8.5, color=MUTED, wrap=True)
    return fig, chart


# ---------------------------------------------------------------- trade by year


@dataclass
class TradePeriod:
    """One bar of the trade chart: a period's exports, imports and total (a year to date drawn apart)."""

    label: str
    is_ytd: bool
    exports: float | None
    imports: float | None
    total: float | None
    total_is_sum: bool = False  # no usable reported total: exports + imports drawn instead


@dataclass
class TradePanel:
    """One reporter's statistics: the panel's title, its flow labels and its periods."""

    title: str
    export_label: str
    import_label: str
    periods: list[TradePeriod]


@dataclass
class TargetLine:
    """An announced target drawn as a dashed line, in US dollars."""

    value_usd: float
    label: str


@_memo
def trade_chart(panels: list[TradePanel], targets: list[TargetLine], title: str, footer: str) -> bytes:
    """PNG of trade by period: a panel per reporter with export/import bars, the total and the targets."""
    n = len(panels)  # one reporter's statistics per panel, stacked so the target labels keep the full width
    fig, chart = _frame(11.0, 6.4 + 4.2 * (n - 1), footer)
    axes = chart.subplots(n, 1, sharey=True, squeeze=False)[:, 0]
    top = _trade_top(panels, targets)
    for ax, panel in zip(axes, panels, strict=True):
        for x, period in enumerate(panel.periods):
            _trade_bars(ax, x, period, top)
        _total_line(ax, panel.periods)
        for x, period in enumerate(panel.periods):
            if period.total is not None:
                _total_marker(ax, x, period)
        _target_lines(ax, targets, top)
        _trade_axes(ax, panel)
    for ax in axes:
        ax.set_ylabel("billion US dollars")
    axes[0].set_ylim(0, top * 1.12)
    chart.legend(handles=_trade_legend(panels, targets), loc="outside lower center", ncol=4, frameon=False, fontsize=9)
    chart.suptitle(title, x=0.01, ha="left", fontsize=13, fontweight="bold")
    return _png(fig)


def _trade_top(panels: list[TradePanel], targets: list[TargetLine]) -> float:
    """The highest value drawn, in billions (at least 1): totals, stacked bars and targets."""
    values = [p.total or ((p.exports or 0) + (p.imports or 0)) for panel in panels for p in panel.periods]
    return max(values + [t.value_usd for t in targets] + [1e9]) / 1e9


def _trade_bars(ax, x: int, period: TradePeriod, top: float) -> None:
    """Exports with imports stacked on them, each labelled where its number fits inside the bar."""
    style = dict(width=0.62, linewidth=0)
    if period.is_ytd:  # lighter and hatched: a part of a year, never stacked with or read as one
        style.update(alpha=0.45, hatch="///", linewidth=0.8)
    exports, imports = (period.exports or 0) / 1e9, (period.imports or 0) / 1e9
    ax.bar(x, exports, color=EXPORT, edgecolor=EXPORT, **style)
    ax.bar(x, imports, bottom=exports, color=IMPORT, edgecolor=IMPORT, **style)
    box = dict(boxstyle="round,pad=0.15", facecolor="white", edgecolor="none", alpha=0.8) if period.is_ytd else None
    for bottom, height in ((0, exports), (exports, imports)):
        if height > top * 0.06:  # label a segment only where the number fits inside it
            ax.text(
                x,
                bottom + height / 2,
                f"{height:.2f}",
                ha="center",
                va="center",
                fontsize=8.5,
                color=INK if period.is_ytd else "white",
                fontweight="bold",
                bbox=box,
            )


def _total_line(ax, periods: list[TradePeriod]) -> None:
    """The total as a line joining consecutive full years only (a year-to-date total stands alone)."""
    full = [(x, p) for x, p in enumerate(periods) if not p.is_ytd and p.total is not None]
    run: list[tuple[int, TradePeriod]] = []
    for x, p in full + [(None, None)]:
        if x is not None and (not run or run[-1][0] == x - 1):
            run.append((x, p))
            continue
        if len(run) > 1:
            ax.plot([r[0] for r in run], [r[1].total / 1e9 for r in run], color=TOTAL, linewidth=1.6, zorder=3)
        run = [(x, p)] if x is not None else []


def _total_marker(ax, x: int, period: TradePeriod) -> None:
    """The total's marker and value: hollow for a year to date or a total summed from exports and imports."""
    hollow = period.is_ytd or period.total_is_sum
    ax.plot(
        x,
        period.total / 1e9,
        marker="D" if period.is_ytd else "o",
        markersize=6.5,
        zorder=4,
        color=TOTAL,
        markerfacecolor="white" if hollow else TOTAL,
        markeredgewidth=1.5,
    )
    mark = "*" if period.total_is_sum else ""
    ax.annotate(
        f"{period.total / 1e9:.2f}{mark}",
        (x, period.total / 1e9),
        textcoords="offset points",
        xytext=(0, 9),
        ha="center",
        fontsize=9.5,
        fontweight="bold",
        color=TOTAL,
    )


def _target_lines(ax, targets: list[TargetLine], top: float) -> None:
    """Each announced target as a dashed line with its label, lowest first."""
    for i, target in enumerate(sorted(targets, key=lambda t: t.value_usd)):
        color = TARGET[i % len(TARGET)]
        ax.axhline(target.value_usd / 1e9, color=color, linestyle="--", linewidth=1.3, zorder=2)
        label = ax.text(
            -0.45,
            target.value_usd / 1e9 + top * 0.012,
            target.label,
            color=color,
            fontsize=8.8,
            va="bottom",
            ha="left",
            clip_on=True,
        )
        label.set_in_layout(False)  # a long label must never squeeze the axes


def _trade_axes(ax, panel: TradePanel) -> None:
    """Period ticks (year-to-date ones in italics), limits, the panel's title and the grid."""
    xs = list(range(len(panel.periods)))
    ax.set_xticks(xs, [p.label.replace(" (", "\n(") for p in panel.periods])
    for tick, period in zip(ax.get_xticklabels(), panel.periods, strict=True):
        if period.is_ytd:
            tick.set_fontstyle("italic")
    ax.set_xlim(-0.6, max(len(xs) - 0.4, 2.4))
    ax.set_title(panel.title, loc="left")
    ax.set_xlabel("period (calendar year unless marked year to date)")
    ax.grid(axis="y", color="#e2e8f0", linewidth=0.8)
    ax.set_axisbelow(True)


def _trade_legend(panels: list[TradePanel], targets: list[TargetLine]) -> list:
    """The legend's entries: the first panel's flow labels, totals, year to date, summed totals, targets."""
    handles = [
        Patch(facecolor=EXPORT, label=panels[0].export_label),
        Patch(facecolor=IMPORT, label=panels[0].import_label),
        Line2D([], [], color=TOTAL, marker="o", label="Total trade (turnover), full years"),
        Patch(facecolor="#cbd5e0", edgecolor=MUTED, hatch="///", label="Year to date: part of a year, hatched"),
        Line2D([], [], color=TOTAL, marker="D", markerfacecolor="white", linestyle="none", label="Total, year to date"),
    ]
    if any(p.total_is_sum for panel in panels for p in panel.periods):
        summed = "* exports + imports (no valid reported total)"
        handles.append(Line2D([], [], color=TOTAL, marker="o", markerfacecolor="white", linestyle="none", label=summed))
    if targets:
        handles.append(Line2D([], [], color=TARGET[0], linestyle="--", label="Announced target"))
    return handles


# ---------------------------------------------------------------- mirror


@dataclass
class MirrorPair:
    """One period and flow as both sides report it, with the gap as text."""

    label: str
    values: list[tuple[str, float]]  # (side, value in USD), two sides
    gap_text: str


@_memo
def mirror_chart(pairs: list[MirrorPair], title: str, footer: str) -> bytes:
    """PNG of the mirror: each pair's two sides as bars side by side, with the gap."""
    fig, chart = _frame(11, 5.2, footer)
    ax = chart.subplots()
    width = 0.36
    sides = []
    for pair in pairs:
        for side, _ in pair.values:
            if side not in sides:
                sides.append(side)
    top = max(v for pair in pairs for _, v in pair.values) / 1e9
    for x, pair in enumerate(pairs):
        for side, value in pair.values:
            offset = (sides.index(side) - (len(sides) - 1) / 2) * width
            color = SIDE[sides.index(side) % len(SIDE)]
            ax.bar(x + offset, value / 1e9, width=width * 0.95, color=color)
            ax.annotate(
                f"{value / 1e9:.2f}",
                (x + offset, value / 1e9),
                textcoords="offset points",
                xytext=(0, 3),
                ha="center",
                fontsize=8.5,
                color=INK,
            )
        ax.text(x, top * 1.1, pair.gap_text, ha="center", fontsize=9, fontweight="bold", color=TARGET[1])
    ax.set_xticks(range(len(pairs)), [p.label for p in pairs])
    ax.set_ylim(0, top * 1.22)
    ax.set_ylabel("billion US dollars")
    ax.grid(axis="y", color="#e2e8f0", linewidth=0.8)
    ax.set_axisbelow(True)
    chart.legend(
        handles=[Patch(color=SIDE[i % len(SIDE)], label=s) for i, s in enumerate(sides)],
        loc="outside lower center",
        ncol=len(sides),
        frameon=False,
    )
    chart.suptitle(title, x=0.01, ha="left", fontsize=13, fontweight="bold")
    return _png(fig)


# ---------------------------------------------------------------- timeline


MARKS = {  # kind -> (marker, color, legend label)
    "signed": ("o", "#2b6cb0", "signed / adopted"),
    "ratified": ("s", "#6b46c1", "ratified"),
    "in_force": ("^", "#2f855a", "entered into force"),
    "lost_force": ("X", "#c53030", "lost force"),
    "state_visit": ("*", "#b7791f", "state visit"),
    "talks": ("P", "#975a16", "talks"),
    "forum": ("D", "#319795", "forum"),
    "conference": ("d", "#2c7a7b", "conference"),
    "signing": ("o", "#2b6cb0", "signed / adopted"),
    "event": ("h", MUTED, "other event"),
}


@dataclass
class TimelineRow:
    """One row of the timeline: its lane, label, start (and end, for a span) and the marked days."""

    lane: str
    label: str
    start: date
    end: date | None = None  # a span (forum of a month, conference of a year)
    marks: list[tuple[date, str]] = field(default_factory=list)  # (day, kind in MARKS)


# A chart is read, not searched: past these sizes only the latest rows are drawn and labelled (the title
# says so; the marts hold the rest). Measured: every labelled row costs ~25 ms of text layout, so a
# 10,000-page archive (~12,000 events and acts) spent 150 s drawing one unreadable timeline.
TIMELINE_ROWS = 60
LABELLED_POINTS = 24


def latest_rows(rows: list[TimelineRow], limit: int) -> list[TimelineRow]:
    """The ``limit`` rows with the latest start, in their original (lane) order."""
    if len(rows) <= limit:
        return rows
    keep = set(sorted(range(len(rows)), key=lambda i: rows[i].start, reverse=True)[:limit])
    return [row for i, row in enumerate(rows) if i in keep]


@_memo
def timeline_chart(rows: list[TimelineRow], title: str, footer: str) -> bytes:
    """PNG of the timeline (the latest TIMELINE_ROWS rows when there are more)."""
    if len(rows) > TIMELINE_ROWS:
        title = f"{title} (the latest {TIMELINE_ROWS} of {len(rows)})"
        rows = latest_rows(rows, TIMELINE_ROWS)
    lanes = [row.lane for row in rows]
    starts = [i for i in range(len(rows)) if i == 0 or lanes[i] != lanes[i - 1]]
    ys, headers, y = [], [], len(rows) + len(starts)
    for i in range(len(rows)):  # a header line above each lane's rows
        if i in starts:
            headers.append((y, f"{lanes[i]} ({lanes.count(lanes[i])})"))
            y -= 1
        ys.append(y)
        y -= 1
    fig, chart = _frame(11, 2.2 + 0.34 * (len(rows) + len(starts)), footer)
    ax = chart.subplots()
    seen: dict[str, Line2D] = {}
    first = min(r.start for r in rows)
    last = max(max([r.end or r.start] + [m[0] for m in r.marks]) for r in rows)
    left, right = date(first.year - 1, 1, 1), date(last.year + 1, 12, 31)
    middle = left + (right - left) / 2
    for y, row in zip(ys, rows, strict=True):
        if row.end and (row.end - row.start) > timedelta(days=3):
            ax.plot([row.start, row.end], [y, y], color="#a0aec0", linewidth=6, solid_capstyle="butt", zorder=2)
        for when, kind in row.marks:
            marker, color, label = MARKS.get(kind, MARKS["event"])
            ax.plot(
                when, y, marker=marker, color=color, markersize=10 if marker == "*" else 7.5, linestyle="none", zorder=3
            )
            seen.setdefault(label, Line2D([], [], marker=marker, color=color, linestyle="none", label=label))
        # the label sits beside its marker, on the side with room: the empty years of the axis
        label = f"{row.start.year} · {row.label if len(row.label) <= 84 else row.label[:83] + '…'}"
        on_left = row.start > middle
        anchor = row.start if on_left else max([row.end or row.start] + [m[0] for m in row.marks])
        ax.annotate(
            label,
            (anchor, y),
            textcoords="offset points",
            xytext=(-10 if on_left else 10, 0),
            ha="right" if on_left else "left",
            va="center",
            fontsize=8.8,
            color=INK,
        )
    for n, (header_y, text) in enumerate(headers):
        if n:
            ax.axhline(header_y + 0.6, color="#a0aec0", linewidth=1)
        ax.text(
            0.005,
            header_y,
            text,
            transform=ax.get_yaxis_transform(),
            fontsize=10,
            fontweight="bold",
            color=INK,
            va="center",
        )
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.set_xlim(left, right)
    ax.set_ylim(min(ys) - 0.7, max(y for y, _ in headers) + 0.6)
    ax.xaxis.set_major_locator(mdates.YearLocator(base=2 if last.year - first.year > 12 else 1))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.set_xlabel("date (year)")
    ax.grid(axis="x", color="#edf2f7", linewidth=0.8)
    ax.set_axisbelow(True)
    chart.legend(
        handles=list(seen.values()), loc="outside lower center", ncol=min(6, len(seen)), frameon=False, fontsize=9
    )
    chart.suptitle(title, x=0.01, ha="left", fontsize=13, fontweight="bold")
    return _png(fig)


# ---------------------------------------------------------------- indicators


@dataclass
class IndicatorPoint:
    """One value of an indicator at a date."""

    when: date
    value: float
    until: date | None = None  # a value for a period: drawn as a segment over it
    label: str = ""


@dataclass
class IndicatorSeries:
    """One indicator's points, with its label."""

    label: str
    points: list[IndicatorPoint]


@dataclass
class IndicatorPanel:
    """One panel of the indicators chart: its title, y-axis unit and series."""

    title: str
    unit: str  # the y-axis label, e.g. "number of enterprises"
    scale: float  # divide values by this before drawing
    series: list[IndicatorSeries]
    note: str = ""  # whose figures: "as reported by uzdaily.uz"


@_memo
def indicators_chart(panels: list[IndicatorPanel], title: str, footer: str) -> bytes:
    """PNG of the indicators, one panel each."""
    fig, chart = _frame(11, 4.6, footer)
    axes = chart.subplots(1, len(panels), squeeze=False)[0]
    for ax, panel in zip(axes, panels, strict=True):
        everything = [p for s in panel.series for p in s.points]
        label_all = len(everything) <= LABELLED_POINTS  # else only each series' latest value is labelled
        for i, series in enumerate(panel.series):
            color = SIDE[i % len(SIDE)] if len(panel.series) > 1 else EXPORT
            points = sorted(series.points, key=lambda p: p.when)
            if len(points) > 1:
                ax.plot(
                    [p.when + (p.until - p.when) / 2 if p.until else p.when for p in points],
                    [p.value / panel.scale for p in points],
                    color=color,
                    linewidth=1.4,
                    alpha=0.7,
                )
            dots = [p for p in points if not p.until]
            if dots:
                ax.plot(
                    [p.when for p in dots],
                    [p.value / panel.scale for p in dots],
                    marker="o",
                    color=color,
                    markersize=7,
                    linestyle="none",
                )
            for n, p in enumerate(points):
                y = p.value / panel.scale
                at = p.when + (p.until - p.when) / 2 if p.until else p.when
                if p.until:
                    ax.plot([p.when, p.until], [y, y], color=color, linewidth=5, solid_capstyle="butt")
                if label_all or n == len(points) - 1:
                    ax.annotate(
                        p.label or f"{y:,.4g}",
                        (at, y),
                        textcoords="offset points",
                        xytext=(0, 8),
                        ha="center",
                        fontsize=9,
                        fontweight="bold",
                        color=color,
                    )
            ax.plot([], [], color=color, marker="o", label=series.label)
        lo = min(p.when for p in everything)
        hi = max(p.until or p.when for p in everything)
        ax.set_xlim(date(lo.year, 1, 1) - timedelta(days=120), date(hi.year, 12, 31) + timedelta(days=120))
        ax.set_ylim(0, max(p.value / panel.scale for p in everything) * 1.35)
        ax.xaxis.set_major_locator(mdates.YearLocator())
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
        ax.set_title(panel.title, loc="left", fontsize=10.5)
        ax.set_ylabel(panel.unit)
        ax.set_xlabel(f"date (year){' — ' + panel.note if panel.note else ''}", fontsize=8.5)
        ax.grid(axis="y", color="#e2e8f0", linewidth=0.8)
        ax.set_axisbelow(True)
        ax.legend(loc="upper left", frameon=False, fontsize=8.3)
    chart.suptitle(title, x=0.01, ha="left", fontsize=13, fontweight="bold")
    return _png(fig)
