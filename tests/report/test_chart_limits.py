"""Charts stay readable and cheap on a large archive: only the latest rows of a timeline are drawn."""

from __future__ import annotations

from datetime import date

from pipelines.report import charts
from pipelines.report.charts import TimelineRow


def test_a_long_timeline_keeps_the_latest_rows_in_lane_order():
    starts = [date(1995 + i % 30, 1 + i % 12, 1) for i in range(200)]
    rows = [TimelineRow(lane="visits" if i % 2 else "acts", label=f"row {i}", start=start, marks=[(start, "signed")])
            for i, start in enumerate(starts)]
    rows.sort(key=lambda r: r.lane)
    kept = charts._latest(rows, charts.TIMELINE_ROWS)
    assert len(kept) == charts.TIMELINE_ROWS
    cutoff = min(r.start for r in kept)
    assert all(r.start <= cutoff for r in rows if r not in kept), "nothing later than a kept row is dropped"
    assert [r for r in rows if r in kept] == kept, "the lanes keep their order"
    assert charts._latest(rows[:10], charts.TIMELINE_ROWS) == rows[:10]
    png = charts.timeline_chart(rows, "Visits and acts", "footer")
    assert png.startswith(b"\x89PNG")


def test_a_target_repeated_in_many_articles_is_one_short_label():
    from pipelines.report.sections import trade

    rows = [{"target_value": 5e9, "announced_by": f"Speaker {i}", "announced_on": date(2020, 1, 1 + i % 28),
             "target_url": f"https://www.gazeta.uz/ru/2020/01/{i}/"} for i in range(300)]
    rows.append({"target_value": 10e9, "announced_by": None, "announced_on": date(2021, 3, 1),
                 "target_url": "https://kun.uz/news/2021/03/01/x"})
    five, ten = trade._target_lines(rows)
    assert five.label.startswith("5 bn USD target — announced by «Speaker 0» (")
    assert five.label.count("«") == trade.LABELLED_ANNOUNCEMENTS
    assert five.label.endswith("and 298 more (see the table)")
    assert ten.label == "10 bn USD target — announced by «unknown» (1 Mar 2021, kun.uz)"
