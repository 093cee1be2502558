"""Charts stay readable and cheap on a large archive: only the latest rows of a timeline are drawn."""

from __future__ import annotations

from datetime import date

from pipelines.report import charts
from pipelines.report.charts import TimelineRow


def test_a_long_timeline_keeps_the_latest_rows_in_lane_order():
    starts = [date(1995 + i % 30, 1 + i % 12, 1) for i in range(200)]
    rows = [
        TimelineRow(lane="visits" if i % 2 else "acts", label=f"row {i}", start=start, marks=[(start, "signed")])
        for i, start in enumerate(starts)
    ]
    rows.sort(key=lambda r: r.lane)
    kept = charts.latest_rows(rows, charts.TIMELINE_ROWS)
    assert len(kept) == charts.TIMELINE_ROWS
    cutoff = min(r.start for r in kept)
    assert all(r.start <= cutoff for r in rows if r not in kept), "nothing later than a kept row is dropped"
    assert [r for r in rows if r in kept] == kept, "the lanes keep their order"
    assert charts.latest_rows(rows[:10], charts.TIMELINE_ROWS) == rows[:10]
    png = charts.timeline_chart(rows, "Visits and acts", "footer")
    assert png.startswith(b"\x89PNG")


def test_a_target_repeated_in_many_articles_is_one_short_label():
    from pipelines.report.sections import trade

    rows = [
        {
            "target_value": 5e9,
            "announced_by": f"Speaker {i}",
            "announced_on": date(2020, 1, 1 + i % 28),
            "target_url": f"https://www.gazeta.uz/ru/2020/01/{i}/",
        }
        for i in range(300)
    ]
    rows.append(
        {
            "target_value": 10e9,
            "announced_by": None,
            "announced_on": date(2021, 3, 1),
            "target_url": "https://kun.uz/news/2021/03/01/x",
        }
    )
    five, ten = trade._target_lines(rows)
    assert five.label.startswith("5 bn USD target — announced by «Speaker 0» (")
    assert five.label.count("«") == trade.LABELLED_ANNOUNCEMENTS
    assert five.label.endswith("and 298 more (see the table)")
    assert ten.label == "10 bn USD target — announced by «unknown» (1 Mar 2021, kun.uz)"


def test_a_long_table_shows_its_first_rows_and_counts_the_rest():
    from pipelines.report.content import TABLE_ROWS, Section, Table
    from pipelines.report.page import render_page

    rows = [[f"row {i}", str(i)] for i in range(TABLE_ROWS + 1234)]
    table = Table("Many rows", ["Name", "N"], rows, numeric={1})
    assert len(table.rows) == TABLE_ROWS and table.total_rows == TABLE_ROWS + 1234
    assert len(rows) == TABLE_ROWS + 1234, "the caller's list is left whole"
    section = Section("s", "Section", tables=[table, Table("Few", ["Name"], [["only"]])])
    html = render_page(
        title="t", sections=[section], problem="", hint="", reconstructions=[], warehouse="w", built="b", generated="g"
    )
    assert f"the first {TABLE_ROWS} of {TABLE_ROWS + 1234:,} rows" in html
    assert f"row {TABLE_ROWS - 1}<" in html and f"row {TABLE_ROWS}<" not in html
    assert html.count('class="more"') == 1, "a short table has no note"


def test_a_chart_names_forty_sources_and_its_alt_text_the_rows_it_draws():
    from pipelines.report.content import CHART_SOURCES, Chart, Link
    from pipelines.report.sections.timeline import _drawn

    links = [Link(f"page {i}", f"https://kun.uz/news/{i}") for i in range(CHART_SOURCES + 7)]
    chart = Chart("c", "C", b"", alt="", sources=links)
    assert len(chart.sources) == CHART_SOURCES and chart.total_sources == CHART_SOURCES + 7
    rows = [TimelineRow("acts", f"act {i}", date(2000 + i // 12, 1 + i % 12, 1)) for i in range(150)]
    alt = _drawn(rows)
    assert alt.startswith(f"The latest {charts.TIMELINE_ROWS} of 150: ")
    assert alt.count("; ") == charts.TIMELINE_ROWS - 1 and "act 149" in alt and "act 0;" not in alt
    assert not _drawn(rows[:3]).startswith("The latest")


def test_a_long_indicator_series_is_summed_up_in_the_alt_text():
    from pipelines.report.charts import IndicatorPoint, IndicatorSeries
    from pipelines.report.sections.indicators import ALT_POINTS, _series_alt

    points = [IndicatorPoint(date(2010 + i, 6, 1), 100.0 + i, label=f"{100 + i}") for i in range(12)]
    alt = _series_alt(IndicatorSeries("with capital from Uzbekistan", points[::-1]))
    assert alt == "with capital from Uzbekistan: 12 values from 1 Jun 2010 to 1 Jun 2021, the latest 111 on 1 Jun 2021"
    short = _series_alt(IndicatorSeries("s", points[:ALT_POINTS]))
    assert short.count(" on ") == ALT_POINTS and short.startswith("s 100 on 1 Jun 2010")


def test_the_source_pages_table_reads_only_the_rows_it_shows_and_counts_the_rest(tmp_path):
    import duckdb

    from pipelines.home import KzuzHome
    from pipelines.report.content import TABLE_ROWS
    from pipelines.report.context import ReportContext
    from pipelines.report.sections import health

    home = KzuzHome(tmp_path)
    with duckdb.connect(str(home.warehouse)) as con:
        con.execute(
            "create table dim_documents as select 'https://www.gazeta.uz/ru/2023/01/' || i || '/' as source_url,"
            " 'gazeta_uz' as site, 'Page ' || i as title, timestamp '2023-01-01' + to_days(i::int) as published_at,"
            " 'ru' as language, timestamp '2026-12-01' as captured_at, i % 2 = 0 as is_latest_capture,"
            " false as is_reconstruction from range(2 * TABLE_ROWS + 101) as t(i)".replace(
                "TABLE_ROWS", str(TABLE_ROWS)
            )
        )
    with ReportContext.open(home) as ctx:
        section = health.build(ctx, tmp_path / "report")
    [table] = [t for t in section.tables if t.caption.startswith("Source pages")]
    latest = TABLE_ROWS + 51  # every other page is its URL's latest capture
    assert table.caption == f"Source pages ({latest}), titles in their own language"
    assert (len(table.rows), table.total_rows) == (TABLE_ROWS, latest)
    assert [row[3] for row in table.rows[:2]] == ["2023-01-01", "2023-01-03"], "the earliest pages first"
