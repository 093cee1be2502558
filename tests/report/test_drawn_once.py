"""A chart is drawn again only when what it shows changed: the PNG of the same arguments is read back."""

from __future__ import annotations

from datetime import date

from pipelines.report import charts
from pipelines.report.charts import TimelineRow, drawn_once


def _rows(label: str) -> list[TimelineRow]:
    start = date(2017, 9, 6)
    return [TimelineRow(lane="acts", label=label, start=start, marks=[(start, "signed")])]


def test_the_same_chart_is_read_back_and_a_changed_one_drawn_and_the_unused_removed(tmp_path):
    folder = tmp_path / "charts"
    with drawn_once(folder):
        first = charts.timeline_chart(_rows("Treaty on the state border"), "Acts", "footer")
    [kept] = list(folder.glob("*.png"))
    assert kept.read_bytes() == first
    kept.write_bytes(first + b"read back")  # marks the file: a second draw would not return this

    with drawn_once(folder):
        again = charts.timeline_chart(_rows("Treaty on the state border"), "Acts", "footer")
        changed = charts.timeline_chart(_rows("Agreement on the demarcation"), "Acts", "footer")
    assert again == first + b"read back", "the same arguments were drawn again instead of read back"
    assert changed.startswith(b"\x89PNG") and changed != first
    assert len(list(folder.glob("*.png"))) == 2

    with drawn_once(folder):
        charts.timeline_chart(_rows("Agreement on the demarcation"), "Acts", "footer")
    assert [p.read_bytes() for p in folder.glob("*.png")] == [changed], "the chart this report did not use is gone"


def test_outside_drawn_once_every_chart_is_drawn_and_nothing_kept(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    png = charts.timeline_chart(_rows("Treaty on the state border"), "Acts", "footer")
    assert png.startswith(b"\x89PNG")
    assert list(tmp_path.rglob("*.png")) == []
