"""Pages in other encodings, and the real pages, through the whole pipeline: archive, `kzuz refresh --offline`, DuckDB.

One refresh of a copy of the bundled home with the pages added: windows-1251, KOI8-R and UTF-16 pages with
and without a declared charset (declared in the archived response header, in <meta>, by a BOM, or not at
all), a garbled page, and ../shared/realpages when it is there.
"""

from __future__ import annotations

import csv
import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from sources.archive import ArchiveStore
from tests.conftest import run_kzuz
from tests.parsers.test_charset import ADILET_SENTENCE, ADILET_TITLE, ZAKON_TITLE, _garbled, encoded
from tests.parsers.test_realpages import MANIFEST, REALPAGES

FETCHED = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)
# url -> (fixture, codec, how the charset is declared, label, title the warehouse must show)
ENCODED = {
    "https://www.zakon.kz/9000101-cp1251-meta.html": ("zakon-fullnews-ru.html", "cp1251", "meta", "windows-1251"),
    "https://www.zakon.kz/9000102-cp1251-header.html": ("zakon-fullnews-ru.html", "cp1251", "header", "windows-1251"),
    "https://www.zakon.kz/9000103-cp1251-none.html": ("zakon-fullnews-ru.html", "cp1251", "none", None),
    "https://www.zakon.kz/9000104-koi8r-header.html": ("zakon-fullnews-ru.html", "koi8-r", "header", "koi8-r"),
    "https://www.zakon.kz/9000105-koi8r-meta.html": ("zakon-fullnews-ru.html", "koi8-r", "meta", "koi8-r"),
    "https://www.zakon.kz/9000106-koi8r-none.html": ("zakon-fullnews-ru.html", "koi8-r", "none", None),
    "https://adilet.zan.kz/kaz/docs/V0900099997": ("adilet-kaz.html", "utf-16-le", "bom", None),
    "https://adilet.zan.kz/kaz/docs/V0900099996": ("adilet-kaz.html", "utf-16-be", "none", None),
    "https://adilet.zan.kz/kaz/docs/V0900099995": ("adilet-kaz.html", "utf-16-le", "header", "utf-16"),
}
GARBLED_URL = "https://www.zakon.kz/9000107-garbled.html"


def _sql(home: Path, query: str) -> list[dict]:
    return json.loads(run_kzuz("sql", query, "--format", "json", home=home).stdout)


@pytest.fixture(scope="module")
def refreshed(built_home, tmp_path_factory) -> tuple[Path, str]:
    home = tmp_path_factory.mktemp("pages") / "home"
    shutil.copytree(built_home, home, ignore=shutil.ignore_patterns("*.lock"))
    store = ArchiveStore(home / "archive")
    files = tmp_path_factory.mktemp("saved")
    for index, (url, (fixture, codec, declare, label)) in enumerate(ENCODED.items()):
        body, headers = encoded(fixture, codec, declare, label)
        if declare == "header":  # a fetched page: the response's Content-Type is archived with it
            store.store(url, body, FETCHED, headers=headers)
        else:  # a saved page, imported as a user would
            saved = files / f"page-{index}.html"
            saved.write_bytes(body)
            run_kzuz("archive", "import", url, str(saved), "--fetched-at", FETCHED.isoformat(), home=home)
    body, headers = encoded("zakon-fullnews-ru.html", "utf-8", "header", "utf-8")
    store.store(GARBLED_URL, _garbled(body, 0.3, seed=2), FETCHED, headers=headers)
    if MANIFEST.is_file():
        run_kzuz("archive", "import", "--manifest", str(MANIFEST), home=home)
    done = run_kzuz("refresh", "--offline", home=home)
    return home, done.stderr


def test_the_refresh_promotes(refreshed):
    _, stderr = refreshed
    assert "promoted" in stderr


@pytest.mark.parametrize("url", list(ENCODED))
def test_every_encoding_reaches_dim_documents_as_text(refreshed, url):
    home, _ = refreshed
    [row] = _sql(home, f"select title, site, language from dim_documents where source_url = '{url}'")
    fixture = ENCODED[url][0]
    assert row["title"] == (ZAKON_TITLE if fixture.startswith("zakon") else ADILET_TITLE)


def test_utf16_act_text_reaches_the_articles(refreshed):
    home, _ = refreshed
    rows = _sql(
        home,
        "select acts.act_number, articles.text from fct_legal_act_articles as articles "
        "inner join fct_legal_acts as acts using (act_key) "
        "where acts.source_url = 'https://adilet.zan.kz/kaz/docs/V0900099996' order by articles.position",
    )
    assert {r["act_number"] for r in rows} == {"99997"}
    assert "1. " + ADILET_SENTENCE in [r["text"] for r in rows]


def test_garbled_page_is_a_bad_encoding_parse_error_not_a_document(refreshed):
    home, _ = refreshed
    assert _sql(home, f"select * from dim_documents where source_url = '{GARBLED_URL}'") == []
    [error] = _sql(home, f"select error_kind, message from parse_errors where source_url = '{GARBLED_URL}'")
    assert error["error_kind"] == "bad_encoding" and "U+FFFD" in error["message"]


def test_real_pages_acts_carry_their_force_dates(refreshed):
    if not MANIFEST.is_file():
        pytest.skip(f"{REALPAGES} is absent: the real pages are not in this checkout's neighbourhood")
    home, _ = refreshed
    with MANIFEST.open(encoding="utf-8", newline="") as stream:
        expected = {row["url"]: json.loads(row["expected"]) for row in csv.DictReader(stream, delimiter="\t")}
    acts = {
        row["source_url"]: row
        for row in _sql(home, "select source_url, adopted_on, in_force_from, lost_force_on, status from fct_legal_acts")
    }
    checked = 0
    for url, want in expected.items():
        for key in ("adopted_on", "in_force_from", "lost_force_on", "status"):
            if key in want:
                assert acts[url][key] == want[key], f"{url}: {key}"
                checked += 1
    assert checked >= 10  # the manifest states at least these of its four acts
    documents = {r["source_url"] for r in _sql(home, "select source_url from dim_documents")}
    assert set(expected) <= documents
    assert _sql(home, "select * from parse_errors where source_url like '%adilet.zan.kz/rus/docs/K1500000414'") == []


def test_bundled_acts_keep_their_facts(refreshed):
    home, _ = refreshed
    rows = _sql(home, "select act_type, adopted_on from fct_legal_acts where source_url not like '%V09000999%'")
    got = {(r["act_type"], r["adopted_on"]) for r in rows}
    assert {("treaty", "1998-10-31"), ("treaty", "2013-06-14"), ("decree", "2017-02-07")} <= got
