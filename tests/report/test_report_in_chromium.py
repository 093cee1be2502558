"""`kzuz report` on a refreshed home: the page opens in headless Chromium with no network and its charts render."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image, ImageStat

from tests.conftest import run_kzuz
from tests.report import browser

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not browser.available(), reason="Debian chromium not installed")]

# a script added to a copy of the page: records what the browser decoded, so --dump-dom can show it
PROBE = """<script>
window.addEventListener('load', () => {
  for (const img of document.images) {
    img.setAttribute('data-natural-width', img.naturalWidth);
    img.setAttribute('data-complete', img.complete);
  }
  document.body.setAttribute('data-probed', 'yes');
});
</script>"""


class Resources(HTMLParser):
    """Every URL the page would load (src, link href, CSS url()) and every link a reader can follow."""

    def __init__(self):
        super().__init__()
        self.loaded: list[str] = []
        self.anchors: list[str] = []
        self.images: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.anchors.append(attrs["href"])
        elif attrs.get("href"):
            self.loaded.append(attrs["href"])
        for key in ("src", "srcset", "data", "poster"):
            if attrs.get(key):
                self.loaded.append(attrs[key])
        if tag == "img":
            self.images.append(attrs)


@pytest.fixture(scope="module")
def report(built_home, tmp_path_factory) -> Path:
    """`kzuz report` in a private copy of the built home: no other test's report can stand in for it."""
    home = tmp_path_factory.mktemp("report-home") / "home"
    shutil.copytree(built_home, home, ignore=shutil.ignore_patterns("*.lock", "report"))
    done = run_kzuz("report", home=home)
    index = Path(done.stdout.strip().splitlines()[-1])
    assert index == home / "report" / "index.html"
    return index


def test_refresh_renders_the_report(built_home):
    """The refresh itself writes the report (no `kzuz report` run needed); the session home is only read."""
    html = (built_home / "report" / "index.html").read_text(encoding="utf-8")
    assert "<h2>Trade by year and by reporter" in html


def test_report_writes_one_page_and_png_charts(report):
    charts = sorted(p.name for p in (report.parent / "charts").glob("*.png"))
    assert {"trade_by_year.png", "timeline.png", "indicators.png"} <= set(charts)
    for name in charts:
        assert (report.parent / "charts" / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_page_loads_nothing_from_the_network(report):
    html = report.read_text(encoding="utf-8")
    page = Resources()
    page.feed(html)
    assert page.loaded, "the charts are inline images"
    assert all(url.startswith("data:image/png;base64,") for url in page.loaded), page.loaded
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", html), "no CSS fetches"
    assert "<script" not in html.lower() and "@import" not in html and "@font-face" not in html
    external = [a for a in page.anchors if a.startswith(("http://", "https://"))]
    assert "https://www.gazeta.uz/ru/2022/01/07/kaz-uzb/" in external, "figures link to their sources"
    assert "@media print" in html


def test_charts_render_in_headless_chromium_offline(report, tmp_path):
    probed = tmp_path / "probed.html"
    probed.write_text(report.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"), encoding="utf-8")
    dom = browser.dump_dom(probed, tmp_path / "profile-dom")
    assert 'data-probed="yes"' in dom
    page = Resources()
    page.feed(dom)
    charts = {img["data-chart"]: img for img in page.images if img.get("data-chart")}
    assert {"trade_by_year", "timeline", "indicators"} <= set(charts)
    for name, img in charts.items():
        assert img["src"].startswith("data:image/png;base64,") and len(img["src"]) > 10_000, name
        assert img["data-complete"] == "true" and int(img["data-natural-width"]) > 800, (name, img)
    trade = charts["trade_by_year"]["alt"]
    for text in (
        "trade by year",
        "billion US dollars",
        "X axis: period",
        "Y axis: billion US dollars",
        "Jan–Nov 2021 (year to date)",
        "5 bn USD target",
        "10 bn USD target",
        "announced by",
    ):
        assert text in trade, text
    assert "Y axis: number of enterprises" in charts["indicators"]["alt"]
    assert "X axis: date (year)" in charts["timeline"]["alt"]
    for heading in (
        "Trade by year and by reporter",
        "Mirror statistics",
        "Timeline of legal acts, visits and forums",
        "Indicators over time",
        "Data health",
    ):
        assert f"<h2>{heading}" in dom, heading
    # the bundled archive cites Uzbek statistics only: the mirror section says so instead of drawing a chart
    assert "No period reported by both sides yet" in dom
    assert 'data-chart="trade_mirror"' not in dom
    assert 'lang="ru"' in dom, "source titles keep their language"


def test_screenshot_is_a_real_page(report, tmp_path):
    shot = browser.screenshot(report, tmp_path / "report.png", tmp_path / "profile-shot")
    with Image.open(shot) as image:
        assert image.size == (1280, 2400)
        stats = ImageStat.Stat(image.convert("L"))
        assert stats.stddev[0] > 20, f"blank-looking screenshot (stddev {stats.stddev[0]:.1f})"
        # the first chart sits in the upper part of the page: that band must have ink, not just background
        band = ImageStat.Stat(image.convert("L").crop((0, 250, 1280, 1100)))
        assert band.stddev[0] > 20
