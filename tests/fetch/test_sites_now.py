"""The sites as SITES.md (2026-12) describes them, against local imitations: adilet.zan.kz's JS shell and
old.adilet.zan.kz, a browser-compatible User-Agent, a CA bundle for one site only, lex.uz without cookies and
with listed editions only, gazeta.uz's weekly maps from a Thursday, the imitations' broken modes."""

from __future__ import annotations

import ssl
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
import trustme

from pipelines.alerts import read_alerts
from pipelines.fetch import DEFAULT_USER_AGENT, FetchConfig, FetchState
from pipelines.fetch.live import fetch_live
from sources.catalog import load_catalog
from sources.discovery import FeedItem
from sources.parsing import parse_capture
from tests.fetch.sites import (
    ADILET_SHELL,
    BREAKAGES,
    AdiletAct,
    AdiletImitation,
    FakeSite,
    GazetaImitation,
    Imitations,
    LexAct,
    LexImitation,
    Page,
    Story,
    ZakonImitation,
    adilet_document,
    article,
    bundled_pages,
    gazeta_article,
    lex_document,
    zakon_article,
)

TODAY = date(2024, 5, 16)  # a Thursday
EARLIER = datetime(2024, 1, 10, tzinfo=UTC)

ADILET_ACT = AdiletAct(
    act_id="Z2200000123",
    lang="rus",
    title="О ратификации Соглашения между Республикой Казахстан и Республикой Узбекистан о демаркации границы",
    requisites="Закон Республики Казахстан от 3 июня 2022 года № 123-VII ЗРК.",
    articles=(
        ("Статья 1. Ратификация", "Ратифицировать соглашение, подписанное сторонами в Ташкенте."),
        ("Статья 2. Вступление в силу", "Закон вводится в действие со дня его первого опубликования."),
    ),
    adopted="3 июня 2022 года",
)
ADILET_URL = "https://adilet.zan.kz/rus/docs/Z2200000123"


def fault_alerts(home, site: str) -> list[dict]:
    return [a for a in read_alerts(home.alerts) if a["kind"] == "fetch_failure" and a["details"]["site"] == site]


@pytest.fixture
def adilet():
    imitation = AdiletImitation([ADILET_ACT])
    yield imitation
    imitation.close()


def adilet_config(imitation: AdiletImitation, **overrides) -> FetchConfig:
    return Imitations(imitation).config(**overrides)


# adilet.zan.kz


def test_adilet_acts_come_from_old_adilet_under_the_canonical_url(adilet, store, home):
    store.store(ADILET_URL, adilet_document(replace(ADILET_ACT, status="new")), EARLIER)  # an earlier edition
    report = fetch_live(store, home, {"adilet.zan.kz"}, config=adilet_config(adilet), today=TODAY)
    assert report.failed == 0, report.summary_lines()
    latest = store.latest_for_url(ADILET_URL)
    assert latest.fetched_at > EARLIER and store.read_body(latest) == adilet_document(ADILET_ACT)
    assert "Content-Location" not in latest.headers, "the canonical URL is the one recorded"
    assert adilet.shell.requests == [], "adilet.zan.kz serves only a shell: never asked"
    assert adilet.old.paths() == ["/robots.txt", "/rus/docs/Z2200000123"]
    agent = adilet.old.hits("/rus/docs/Z2200000123")[0].headers["User-Agent"]
    assert agent.startswith("Mozilla/5.0 (compatible; kzuz/0.1;") and "contact: kzuz-data@proton.me" in agent
    assert {c.url for c in store.captures()} == {ADILET_URL}


def test_a_bare_client_gets_adilets_redirect_loop(adilet, store, home):
    store.store(ADILET_URL, adilet_document(ADILET_ACT), EARLIER)
    config = adilet_config(adilet, browser_ua_sites=frozenset())
    report = fetch_live(store, home, {"adilet.zan.kz"}, config=config, today=TODAY)
    assert report.sites["adilet.zan.kz"].faults == {"redirect_loop": 1}
    assert adilet.old.hits("/rus/docs/Z2200000123")[0].headers["User-Agent"] == DEFAULT_USER_AGENT


@pytest.mark.parametrize("how", ["old host serves the shell", "old host redirects to the shell"])
def test_a_shell_page_is_never_a_new_version_of_an_act(adilet, store, home, how):
    earlier, _ = store.store(ADILET_URL, adilet_document(ADILET_ACT), EARLIER)
    if how == "old host serves the shell":
        adilet.old.routes["/rus/docs/Z2200000123"] = Page(ADILET_SHELL)
    else:
        adilet.old.routes["/rus/docs/Z2200000123"] = Page(
            b"", status=301, headers={"Location": "https://adilet.zan.kz/rus/docs/Z2200000123"}
        )
    report = fetch_live(store, home, {"adilet.zan.kz"}, config=adilet_config(adilet), today=TODAY)
    assert store.count() == 1 and store.latest_for_url(ADILET_URL).capture_id == earlier.capture_id, (
        "the act's last capture stays the latest"
    )
    summary = report.sites["adilet.zan.kz"]
    assert summary.faults == {"js_shell": 1} and summary.stale
    assert FetchState(home.archive).fault_counts("adilet.zan.kz") == {"js_shell": 1}
    [alert] = fault_alerts(home, "adilet.zan.kz")
    assert alert["details"]["faults"] == {"js_shell": 1}
    assert alert["details"]["examples"][0]["url"] == ADILET_URL


# a CA bundle for one site


@pytest.fixture
def test_ca(tmp_path):
    ca = trustme.CA()
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(server_context)
    bundle = tmp_path / "adilet-chain.pem"
    ca.cert_pem.write_to_path(str(bundle))
    return server_context, bundle


def test_a_sites_ca_bundle_is_trusted_for_that_site_only(test_ca, store, home):
    server_context, bundle = test_ca
    adilet = AdiletImitation([ADILET_ACT], tls=server_context)
    gazeta = FakeSite({"/ru/2017/03/22/region/": Page(article("R"))}, tls=server_context)
    try:
        assert adilet.old.base.startswith("https://")
        store.store(ADILET_URL, b"<html><body>earlier</body></html>", EARLIER)
        imitations = Imitations(adilet)
        mirrors = imitations.mirror_spec() + f",www.gazeta.uz={gazeta.base}"
        environ = {"KZUZ_MIRROR": mirrors, "KZUZ_MIRROR_ONLY": "1", "KZUZ_RATE": "0.01", "KZUZ_LOOKBACK_DAYS": "1"}

        # the catalog's ca_bundle reaches the session through FetchConfig
        catalog = load_catalog()
        sites = dict(catalog.sites)
        sites["adilet.zan.kz"] = replace(sites["adilet.zan.kz"], ca_bundle=str(bundle))
        config = FetchConfig.from_env(environ, catalog=replace(catalog, sites=sites), retries=0)
        assert config.ca_bundles == {"adilet.zan.kz": str(bundle)}
        report = fetch_live(store, home, {"adilet.zan.kz", "gazeta.uz"}, config=config, today=TODAY)
        assert report.sites["adilet.zan.kz"].failed == 0, report.summary_lines()
        assert store.read_body(store.latest_for_url(ADILET_URL)) == adilet_document(ADILET_ACT)
        # the same CA signed gazeta's certificate, but the bundle is adilet's alone
        gazeta_summary = report.sites["gazeta.uz"]
        assert gazeta_summary.faults == {"tls_error": 1} and gazeta_summary.stale
        assert "not trusted by the default trust store" in gazeta_summary.examples[0][2]

        # without the bundle, adilet's chain is not trusted: a fault, never an unverified fetch
        adilet.old.requests.clear()
        without = FetchConfig.from_env(environ, retries=0)
        assert without.ca_bundles == {}
        again = fetch_live(store, home, {"adilet.zan.kz"}, config=without, today=TODAY)
        assert again.sites["adilet.zan.kz"].faults == {"tls_error": 1}
        assert adilet.old.requests == [], "the handshake fails before any request is made"

        by_env = FetchConfig.from_env({**environ, "KZUZ_CA_BUNDLE_ADILET_ZAN_KZ": str(bundle)})
        assert by_env.ca_bundles == {"adilet.zan.kz": str(bundle)}
    finally:
        adilet.close()
        gazeta.close()


# lex.uz

LEX_ACT = LexAct(
    doc_id=-8509858,
    number="412",
    adopted=date(2024, 5, 2),
    title="Ўзбекистон Республикаси ва Қозоғистон Республикаси ўртасидаги транзит тўғрисидаги битимни тасдиқлаш ҳақида",
    clauses=(("1-модда.", "Битим тасдиқлансин ва унинг ижроси вазирликларга юклатилсин."),),
    editions={"10.05.2024": "Битим тасдиқлансин; ижро муддати 2025 йилгача узайтирилсин."},
)


@pytest.fixture
def lex():
    imitation = LexImitation([LEX_ACT])
    yield imitation
    imitation.close()


def test_lex_rss_links_resolve_and_no_cookie_is_ever_sent(lex, store, home):
    report = fetch_live(store, home, {"lex.uz"}, config=Imitations(lex).config(), today=TODAY)
    url = "https://lex.uz/uz/docs/-8509858"
    capture = store.latest_for_url(url)
    assert capture is not None, report.summary_lines()
    assert store.read_body(capture) == lex_document(LEX_ACT), "the page a cookie-less request gets"
    assert "/uz/docs/-8509858" in lex.server.paths(), "the negative id stays negative"
    assert lex.server.route("/uz/rss").headers["Set-Cookie"].startswith("lexuz_session="), "the site sets one"
    assert len(lex.server.requests) >= 4 and not any("Cookie" in r.headers for r in lex.server.requests)


def test_lex_editions_are_fetched_only_for_listed_dates(lex, store, home):
    config = Imitations(lex).config()
    fetch_live(store, home, {"lex.uz"}, config=config, today=TODAY)
    listed = "https://lex.uz/uz/docs/-8509858?ONDATE=10.05.2024"
    unlisted = "https://lex.uz/uz/docs/-8509858?ONDATE=01.01.2023"
    never_archived = "https://lex.uz/docs/-1?ONDATE=10.05.2024"
    FetchState(home.archive).remember_items(
        "lex.uz", "test", [FeedItem(url=listed), FeedItem(url=unlisted), FeedItem(url=never_archived)]
    )
    lex.server.requests.clear()
    report = fetch_live(store, home, {"lex.uz"}, config=config, today=TODAY)
    assert store.read_body(store.latest_for_url(listed)) == lex_document(LEX_ACT, edition="10.05.2024")
    assert store.latest_for_url(unlisted) is None and store.latest_for_url(never_archived) is None
    assert "/uz/docs/-8509858?ONDATE=01.01.2023" not in lex.server.paths(), "an unlisted date is never asked"
    assert report.sites["lex.uz"].skipped_reasons["ondate_not_listed"] == 2


# gazeta.uz weekly maps


def stories() -> list[Story]:
    return [
        Story("ru", date(2024, 5, 16), "tashkent-astana-transit", "Ташкент и Астана договорились о транзите"),
        Story("uz", date(2024, 5, 13), "qozogiston-chegara", "Қозоғистон билан чегара бўйича музокаралар"),
        Story("uz", date(2024, 5, 16), "qozogiston-savdo", "Қозоғистон билан савдо ҳажми ортди"),
        Story("en", date(2024, 5, 16), "kazakhstan-rail-link", "Kazakhstan and Uzbekistan plan a rail link"),
        Story("en", date(2024, 5, 16), "cotton-prices", "Cotton prices hold steady"),
        Story("oz", date(2024, 5, 9), "qozogiston-energetika", "Qozog‘iston bilan energetika hamkorligi"),
    ]


CITED = {s.url for s in load_catalog().sources if s.site == "gazeta.uz"}


def test_a_thursday_window_reads_that_weeks_monday_maps(store, home):
    gazeta = GazetaImitation(stories(), cited=bundled_pages()["gazeta.uz"])
    try:
        config = Imitations(gazeta).config(lookback_days=1)
        report = fetch_live(store, home, {"gazeta.uz"}, config=config, today=TODAY)
        assert report.failed == 0, report.summary_lines()
        feeds = [p for p in gazeta.server.paths() if "/rss/" in p or p.startswith("/sitemap/")]
        assert feeds == [
            "/ru/rss/",
            "/oz/rss/",
            "/sitemap/google-news-ru.xml",
            *(f"/sitemap/materials-{lang}-2024-05-13.xml" for lang in ("ru", "oz", "uz", "en")),
        ]
        # uz and en have no RSS here: their Thursday stories come from the weekly maps, Monday's is outside
        # the one-day window; oz's story of 9 May is in its RSS
        assert {c.url for c in store.captures()} - CITED == {
            "https://www.gazeta.uz/ru/2024/05/16/tashkent-astana-transit/",
            "https://www.gazeta.uz/uz/2024/05/16/qozogiston-savdo/",
            "https://www.gazeta.uz/en/2024/05/16/kazakhstan-rail-link/",
            "https://www.gazeta.uz/oz/2024/05/09/qozogiston-energetika/",
        }
        assert gazeta.server.hits("/sitemap/materials-ru-2024-05-16.xml") == []
    finally:
        gazeta.close()


def test_gazeta_imitation_has_no_map_for_a_day_that_is_not_a_monday():
    gazeta = GazetaImitation(stories())
    try:
        assert gazeta.server.route("/sitemap/materials-uz-2024-05-16.xml") is None
        assert gazeta.server.route("/sitemap/materials-uz-2024-05-13.xml").status == 200
    finally:
        gazeta.close()


# the imitations' pages parse, and their broken modes do not

ZAKON_STORY = Story(
    "ru",
    date(2024, 5, 16),
    "tokaev-i-mirziyoev-obsudili-vodu",
    "Токаев и Мирзиёев обсудили водные ресурсы",
    lead="Президенты провели телефонный разговор.",
    paragraphs=("Главы государств обсудили распределение воды в бассейне Сырдарьи.",),
    section="vlast-kazakhstana",
    doc_id=6431234,
)


def healthy_pages() -> list[tuple[str, bytes]]:
    story = stories()[0]
    return [
        (GazetaImitation.url(story), gazeta_article(story)),
        (ZakonImitation.url(ZAKON_STORY), zakon_article(ZAKON_STORY)),
        ("https://lex.uz/uz/docs/-8509858", lex_document(LEX_ACT)),
        (ADILET_URL, adilet_document(ADILET_ACT)),
    ]


@pytest.mark.parametrize(("url", "body"), healthy_pages(), ids=["gazeta", "zakon", "lex", "adilet"])
def test_imitated_pages_parse_into_documents(url, body):
    result = parse_capture(body, url, datetime(2024, 5, 16, 12, tzinfo=UTC))
    documents = result.rows.get("documents", [])
    assert len(documents) == 1, result.errors
    assert documents[0]["title"] and documents[0]["title"] in body.decode()


@pytest.mark.parametrize("mode", BREAKAGES)
@pytest.mark.parametrize(("url", "body"), healthy_pages(), ids=["gazeta", "zakon", "lex", "adilet"])
def test_broken_pages_are_not_read_as_the_sites_layout(url, body, mode):
    from tests.fetch.sites import broken  # noqa: PLC0415

    healthy = parse_capture(body, url, datetime(2024, 5, 16, 12, tzinfo=UTC)).rows["documents"][0]
    result = parse_capture(broken(body, mode), url, datetime(2024, 5, 16, 12, tzinfo=UTC))
    assert result.errors, "a page the site's parser cannot read is a parse error (or a fallback warning)"
    layouts = {row.get("layout") for row in result.rows.get("documents", [])}
    assert healthy.get("layout") not in layouts


def test_broken_sites_still_serve_feeds_and_are_archived_as_they_come(store, home):
    gazeta = GazetaImitation(stories(), cited=bundled_pages()["gazeta.uz"])
    zakon = ZakonImitation([ZAKON_STORY])
    try:
        gazeta.break_pages("cookie_wall")
        zakon.break_pages("redesign")
        config = Imitations(gazeta, zakon).config(lookback_days=1)
        report = fetch_live(store, home, {"gazeta.uz", "zakon.kz"}, config=config, today=TODAY)
        assert report.failed == 0, "a wall or a redesign is a page: archived, for the parsers to refuse"
        ru = store.latest_for_url("https://www.gazeta.uz/ru/2024/05/16/tashkent-astana-transit/")
        assert b"consent-overlay" in store.read_body(ru)
        cited = store.latest_for_url("https://www.gazeta.uz/ru/2022/01/07/kaz-uzb/")
        assert b"consent-overlay" in store.read_body(cited), "cited pages break too"
        assert gazeta.server.route("/ru/rss/").body.startswith(b"<?xml"), "feeds keep working"
        zakon_capture = store.latest_for_url(ZakonImitation.url(ZAKON_STORY))
        assert b"v26-articleBlock" in store.read_body(zakon_capture)
        gazeta.heal()
        fetch_live(store, home, {"gazeta.uz"}, config=config, today=TODAY)
        healed = bundled_pages()["gazeta.uz"]["/ru/2022/01/07/kaz-uzb/"]
        assert store.read_body(store.latest_for_url(cited.url)) == healed, "a healed site's refetch is a new capture"
    finally:
        gazeta.close()
        zakon.close()


def test_the_catalog_imitation_serves_every_cited_page(store, home, imitate):
    imitations = imitate()
    report = fetch_live(store, home, None, config=imitations.config(lookback_days=1), today=TODAY)
    assert report.failed == 0, report.summary_lines()
    assert {c.url for c in store.captures()} == {s.url for s in load_catalog().sources}
    assert set(imitations.env()) == {"KZUZ_MIRROR", "KZUZ_MIRROR_ONLY", "KZUZ_RATE"}
