"""The raw archive: WARC captures, idempotent imports, vintages, refusal of unknown hosts."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from warcio.archiveiterator import ArchiveIterator

from pipelines.project import BUNDLED_MANIFEST
from sources.archive import ArchiveStore, import_file, import_manifest
from sources.archive.importer import ArchiveImportError, parse_fetched_at
from sources.catalog import UnknownHostError, load_catalog

URL = "https://www.gazeta.uz/ru/2022/01/07/kaz-uzb/"


def test_catalog_holds_the_16_cited_sources_with_known_sites():
    catalog = load_catalog()
    assert len(catalog.sources) == 16
    assert len({s.url for s in catalog.sources}) == 16
    for source in catalog.sources:
        assert catalog.site_for_url(source.url).site == source.site
        assert source.language in {"ru", "uz-Cyrl", "uz-Latn", "kk", "en"}


def test_store_writes_a_readable_warc_record_and_dedupes(tmp_path):
    store = ArchiveStore(tmp_path)
    when = datetime(2022, 1, 7, 10, 0, tzinfo=UTC)
    capture, created = store.store(URL, b"<html>one</html>", when, headers={"Content-Type": "text/html"})
    assert created
    again, created_again = store.store(URL, b"<html>one</html>", datetime.now(UTC))
    assert not created_again and again.capture_id == capture.capture_id
    changed, created_changed = store.store(URL, b"<html>two</html>", datetime.now(UTC))
    assert created_changed and changed.capture_id != capture.capture_id
    assert store.count() == 2
    with open(tmp_path / capture.warc_path, "rb") as stream:
        records = [
            (
                r.rec_headers.get_header("WARC-Target-URI"),
                r.rec_headers.get_header("WARC-Date"),
                r.content_stream().read(),
            )
            for r in ArchiveIterator(stream)
            if r.rec_type == "response"
        ]
    assert records == [(URL, "2022-01-07T10:00:00Z", b"<html>one</html>")]
    assert store.read_body(changed) == b"<html>two</html>"
    assert store.latest_for_url(URL).capture_id == changed.capture_id


def test_unknown_host_is_refused(tmp_path):
    store = ArchiveStore(tmp_path / "a")
    page = tmp_path / "p.html"
    page.write_text("<html></html>")
    with pytest.raises(UnknownHostError, match="not in the catalog"):
        import_file(store, "https://example.com/x", page)
    assert store.count() == 0


def test_import_file_missing_is_refused(tmp_path):
    store = ArchiveStore(tmp_path / "a")
    with pytest.raises(ArchiveImportError, match="no such file"):
        import_file(store, URL, tmp_path / "missing.html")
    assert store.count() == 0


@pytest.mark.parametrize("text", ["not-a-date", "07.01.2022", "2022-13-01T00:00:00Z", ""])
def test_bad_fetched_at_is_refused_with_an_example(text):
    with pytest.raises(ArchiveImportError, match=r"is not an ISO 8601 time \(e\.g\. 2022-01-07T10:00:00Z\)"):
        parse_fetched_at(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2022-01-07T10:00:00Z", datetime(2022, 1, 7, 10, 0, tzinfo=UTC)),
        ("2022-01-07T15:00:00+05:00", datetime(2022, 1, 7, 10, 0, tzinfo=UTC)),
        ("2022-01-07T10:00:00", datetime(2022, 1, 7, 10, 0, tzinfo=UTC)),  # no offset: read as UTC
    ],
)
def test_fetched_at_is_normalised_to_utc(text, expected):
    assert parse_fetched_at(text) == expected


def test_bundled_manifest_imports_16_reconstructions_once(tmp_path):
    store = ArchiveStore(tmp_path)
    first = import_manifest(store, BUNDLED_MANIFEST)
    assert first.failed == []
    assert len(first.new) == 16
    assert all(c.is_reconstruction for c in first.new)
    assert {c.url for c in first.new} == {s.url for s in load_catalog().sources}
    second = import_manifest(store, BUNDLED_MANIFEST)
    assert second.new == [] and len(second.unchanged) == 16
    assert store.count() == 16


def test_manifest_reports_bad_lines_and_keeps_good_ones(tmp_path):
    (tmp_path / "ok.html").write_text("<html><body><p>x</p></body></html>")
    manifest = tmp_path / "list.tsv"
    manifest.write_text(
        f"# comment\n{URL}\tok.html\t2022-01-07T10:00:00Z\n"
        "https://example.org/a\tok.html\n"
        f"{URL}\tmissing.html\n"
        f"{URL}\tok.html\tnot-a-date\n",
        encoding="utf-8",
    )
    store = ArchiveStore(tmp_path / "a")
    report = import_manifest(store, manifest)
    assert len(report.new) == 1
    assert len(report.failed) == 3
    assert "list.tsv:3" in report.failed[0] and "not in the catalog" in report.failed[0]
    assert "no such file" in report.failed[1]
    assert "ISO 8601" in report.failed[2]


def test_manifest_with_a_header_row_imports_its_pages(tmp_path):
    (tmp_path / "ok.html").write_text("<html><body><p>x</p></body></html>")
    manifest = tmp_path / "list.tsv"
    manifest.write_text(
        f"url\tfile\tfetched_at\tprovenance\n{URL}\tok.html\t2022-01-07T10:00:00Z\tsaved by a reader\n",
        encoding="utf-8",
    )
    report = import_manifest(ArchiveStore(tmp_path / "a"), manifest)
    assert (len(report.new), report.failed) == (1, [])
    assert not report.new[0].is_reconstruction  # a provenance column is no reconstruction mark


def test_the_build_inputs_follow_every_capture_added_to_the_archive(tmp_path):
    from pipelines.fingerprint import current_inputs

    store = ArchiveStore(tmp_path / "a")
    store.store(URL, b"<html>one</html>", datetime(2022, 1, 7, tzinfo=UTC))
    first, tables = current_inputs(store)
    assert current_inputs(store) == (first, tables), "the same archive gives the same inputs"
    store.store(URL, b"<html>two</html>", datetime(2022, 1, 8, tzinfo=UTC))
    second, tables = current_inputs(ArchiveStore(tmp_path / "a"))
    assert second.catalog_sha256 != first.catalog_sha256
    assert sorted(c["fetched_at"].day for c in tables["captures"]) == [7, 8]
