"""Tests of the structure-change signal: records per page now against the previous run, per site and layout."""

from __future__ import annotations

from sources.structure import Signal, baseline_from, yield_signal

ACT = "div.container_alpha.slogan h1; div.container_gamma.text > article"
ARTICLE = "h1#article_title; div.articleContent"


def capture(site: str, layout: str | None, records: int, page_kind: str = "legal_act") -> dict:
    return {"site": site, "layout": layout, "page_kind": page_kind, "records": records}


def test_baseline_is_the_median_per_site_and_layout():
    run = [capture("adilet.zan.kz", ACT, n) for n in (10, 14, 200)] + [capture("gazeta.uz", ARTICLE, 3)]
    run.append(capture("gazeta.uz", None, 0))  # a parse error has no layout and no part in the baseline
    assert baseline_from(run) == {("adilet.zan.kz", ACT): 14.0, ("gazeta.uz", ARTICLE): 3.0}


def test_steady_yield_gives_no_signal():
    baseline = {("adilet.zan.kz", ACT): 14.0}
    run = [capture("adilet.zan.kz", ACT, n) for n in (9, 12, 30)]
    assert yield_signal(run, baseline) == []


def test_median_below_half_of_baseline_is_a_drop():
    baseline = {("adilet.zan.kz", ACT): 14.0, ("gazeta.uz", ARTICLE): 3.0}
    run = [capture("adilet.zan.kz", ACT, n) for n in (1, 0, 2, 40)] + [capture("gazeta.uz", ARTICLE, 3)]
    [signal] = yield_signal(run, baseline)
    assert signal == Signal(
        site="adilet.zan.kz",
        layout=ACT,
        kind="drop",
        pages=4,
        median_records=1.5,
        baseline=14.0,
        message=signal.message,
    )
    assert signal.message.startswith("adilet.zan.kz [" + ACT + "]: 1.5 records a page (median of 4 pages, 1 with none)")
    assert "against 14 in the previous run" in signal.message


def test_exactly_half_is_not_a_drop_and_ratio_is_adjustable():
    baseline = {("gazeta.uz", ARTICLE): 4.0}
    run = [capture("gazeta.uz", ARTICLE, 2, "article")]
    assert yield_signal(run, baseline) == []
    assert [s.kind for s in yield_signal(run, baseline, ratio=0.75)] == ["drop"]


def test_layout_no_page_matched_any_more():
    baseline = {("gazeta.uz", ARTICLE): 3.0, ("gazeta.uz", "div.nblock"): 1.0}
    run = [capture("gazeta.uz", 'h1; div[itemprop="articleBody"]', 3, "article"), capture("gazeta.uz", None, 0)]
    signals = yield_signal(run, baseline)
    assert [(s.kind, s.layout, s.pages, s.median_records) for s in signals] == [
        ("layout_gone", "div.nblock", 0, None),
        ("layout_gone", ARTICLE, 0, None),
    ]
    assert "none of this run's 2 pages of the site matched this layout" in signals[1].message


def test_new_layouts_and_unfetched_sites_are_not_judged():
    baseline = {("lex.uz", "divCont"): 17.0}
    run = [capture("adilet.zan.kz", ACT, 0)]
    assert yield_signal(run, baseline) == []


def test_zero_baseline_is_not_judged():
    baseline = {("adilet.zan.kz", "div.post_holder"): 0.0}
    assert yield_signal([capture("adilet.zan.kz", "div.post_holder", 0, "listing")], baseline) == []
