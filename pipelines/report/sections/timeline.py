"""A timeline of legal acts (signed or adopted, ratified, in force, lost force) and of visits, talks and forums."""

from __future__ import annotations

from collections import defaultdict

from pipelines.report.charts import TIMELINE_ROWS, TimelineRow, latest_rows, timeline_chart
from pipelines.report.content import Chart, Link, Section, Table
from pipelines.report.context import ReportContext
from pipelines.report.labels import day, humanise
from pipelines.report.source_titles import sites_of

ACT_COLUMNS = ("act_type", "title", "adopted_on", "source_url", "jurisdiction_iso3", "status")
# dated milestones of an act, drawn when the mart carries them: (kind, candidate column names)
MILESTONES = (
    ("ratified", ("ratified_on", "ratification_date")),
    ("in_force", ("in_force_on", "entered_into_force_on", "in_force_from")),
    ("lost_force", ("lost_force_on", "repealed_on", "in_force_until")),
)
EVENT_COLUMNS = ("event_type", "start_date", "end_date", "place", "actors", "source_url")
ACTS = "Legal acts"
EVENTS = "Visits, talks and forums"


def build(ctx: ReportContext) -> Section:
    """The timeline section: legal acts and events by date."""
    section = Section(
        "timeline",
        "Timeline of legal acts, visits and forums",
        intro="Treaties, declarations and other acts of either side by the date they were signed or adopted, "
        "with ratification, entry into force and loss of force where the registers give them; "
        "state visits, talks and forums by date. Titles are shown in the language of the source.",
    )
    reader, rows, links = ctx.reader, [], []
    acts = []
    missing = reader.lacking("fct_legal_acts", *ACT_COLUMNS)
    if missing:
        section.not_available(missing)
    else:
        columns = reader.columns("fct_legal_acts")
        found = {kind: next((c for c in names if c in columns), None) for kind, names in MILESTONES}
        absent = [names[0] for kind, names in MILESTONES if not found[kind]]
        if absent:
            section.not_available(
                f"dates of ratification, entry into force and loss of force (column{'s' if len(absent) > 1 else ''} "
                f"{', '.join(absent)} of fct_legal_acts); the table shows each act's current status instead"
            )
        extra = "".join(f", {column} as {kind}" for kind, column in found.items() if column)
        optional = "".join(f", {c}" if c in columns else f", null as {c}" for c in ("act_number", "language"))
        acts = reader.rows(
            f"select {', '.join(ACT_COLUMNS)}{extra}{optional} "
            "from fct_legal_acts where adopted_on is not null order by adopted_on, title"
        )
        for act in acts:
            marks = [(act["adopted_on"], "signed")]
            marks += [(act[kind], kind) for kind, column in found.items() if column and act[kind]]
            rows.append(
                TimelineRow(
                    ACTS,
                    f"{humanise(act['act_type'])} ({act['jurisdiction_iso3']}): {act['title']}",
                    act["adopted_on"],
                    None,
                    sorted(marks),
                )
            )
        links += ctx.sources.links(a["source_url"] for a in acts)
        if not acts:
            section.not_available("dated legal acts (fct_legal_acts has none with adopted_on)")
    events = _events(ctx, section, {a["adopted_on"] for a in acts})
    for event in events:
        kind = (
            event["event_type"]
            if event["event_type"] in ("state_visit", "talks", "forum", "conference", "signing")
            else "event"
        )
        who = f": {event['actors']}" if event["actors"] else ""
        rows.append(
            TimelineRow(
                EVENTS,
                f"{humanise(event['event_type'])}, {event['place'] or 'place not given'}{who}",
                event["start_date"],
                event["end_date"],
                [(event["start_date"], kind)],
            )
        )
        links += ctx.sources.links(event["urls"])
    rows.sort(key=lambda r: (r.lane != ACTS, r.start))
    if rows:
        title = "Legal acts, visits and forums by date"
        footer = (
            f"Dates as printed by the registers and news sites: {sites_of(links)}. Acts of both sides "
            "(KAZ, UZB = jurisdiction). Grey bars = events dated only to a month or a year."
        )
        section.charts.append(
            Chart(
                "timeline",
                title,
                timeline_chart(rows, title, footer),
                alt=f"{title}. One row per act or event. X axis: date (year); rows: {ACTS.lower()} and "
                f"{EVENTS.lower()}. " + _drawn(rows),
                caption=footer,
                sources=ctx.sources.links(link.href for link in links),
            )
        )
    if acts:
        section.tables.append(
            Table(
                "Legal acts (title in the language of the source)",
                ["Signed / adopted", "Jurisdiction", "Type", "Number", "Title (links to the source)", "Status"],
                [
                    [
                        day(a["adopted_on"]),
                        a["jurisdiction_iso3"],
                        humanise(a["act_type"]),
                        a["act_number"] or "—",
                        Link(a["title"], a["source_url"], a["language"]),
                        humanise(a["status"]),
                    ]
                    for a in acts
                ],
            )
        )
    if events:
        section.tables.append(
            Table(
                "Visits, talks and forums",
                ["Date", "Event", "Place", "Participants", "Sources"],
                [
                    [
                        day(e["start_date"])
                        if e["end_date"] in (None, e["start_date"])
                        else f"{day(e['start_date'])} – {day(e['end_date'])}",
                        humanise(e["event_type"]),
                        e["place"] or "—",
                        e["actors"] or "—",
                        ctx.sources.links(e["urls"]),
                    ]
                    for e in events
                ],
            )
        )
    return section


def _events(ctx: ReportContext, section: Section, act_days: set) -> list[dict]:
    """Events by date, one per type, day and place however many pages report them; signings of a listed act
    are left to the act's row.
    """
    missing = ctx.reader.lacking("fct_events", *EVENT_COLUMNS)
    if missing:
        section.not_available(missing)
        return []
    merged: dict[tuple, dict] = {}
    sources: dict[tuple, list[str]] = defaultdict(list)
    for event in ctx.reader.rows(
        f"select {', '.join(EVENT_COLUMNS)} from fct_events where start_date is not null "
        "order by start_date, event_type, source_url"
    ):
        if event["event_type"] == "signing" and event["start_date"] in act_days:
            continue
        key = (event["event_type"], event["start_date"], event["place"])
        merged.setdefault(key, event)
        if not merged[key]["actors"] and event["actors"]:
            merged[key]["actors"] = event["actors"]
        sources[key].append(event["source_url"])
    for key, event in merged.items():
        event["urls"] = sources[key]
    return list(merged.values())


def _drawn(rows: list[TimelineRow]) -> str:
    """The alt text's list: the rows the chart draws (the latest TIMELINE_ROWS), each with its date."""
    drawn = latest_rows(rows, TIMELINE_ROWS)
    lead = f"The latest {len(drawn)} of {len(rows)}: " if len(drawn) < len(rows) else ""
    return lead + "; ".join(f"{r.start.isoformat()} {r.label}" for r in drawn)
