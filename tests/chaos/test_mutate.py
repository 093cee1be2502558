"""The chaos generator makes what its docstring promises: the same pages for the same seed, every kind, URLs on
catalogued hosts (new ones before the bundled capture time, bundled ones after it), re-encodings as labelled,
one site renamed whole, a 20 MB page, and a manifest `kzuz archive import --manifest` takes in full."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sources.archive import ArchiveStore, import_manifest
from sources.catalog import load_catalog
from tests.chaos.mutate import (
    HUGE_BYTES,
    KINDS,
    SAME_FACTS_KINDS,
    UNREADABLE_KINDS,
    bundled_sources,
    fixture_sources,
    generate,
    read_mutations,
)


@pytest.fixture(scope="module")
def drawn(tmp_path_factory) -> tuple[Path, list]:
    out = tmp_path_factory.mktemp("drawn")
    return out, generate(out, count=300, seed=7)


def _files(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((out / "pages").iterdir())}


def test_the_same_seed_makes_the_same_pages_and_another_seed_others(drawn, tmp_path):
    out, made = drawn
    again = generate(tmp_path / "again", count=300, seed=7)
    assert again == made
    assert _files(tmp_path / "again") == _files(out)
    other = generate(tmp_path / "other", count=300, seed=8, huge_pages=0)
    assert [m.url for m in other] != [m.url for m in made]


def test_every_kind_is_drawn_and_listed(drawn):
    out, made = drawn
    assert len(made) == 300
    families = {k.split(":")[0] for k in KINDS}
    assert {m.kind.split(":")[0] for m in made} == families
    assert read_mutations(out) == made


def test_new_urls_are_new_pages_of_catalogued_hosts_captured_before_the_bundled_archive(drawn):
    _, made = drawn
    catalog = load_catalog()
    bundled = {s.url: s.fetched_at for s in bundled_sources()}
    cited = {s.url for s in catalog.sources}
    for m in made:
        catalog.site_for_url(m.url)  # raises for a host outside the catalog
        if m.same_url:
            assert m.url in bundled and m.fetched_at > bundled[m.url], m
        else:
            assert m.url not in cited and m.fetched_at < min(bundled.values()), m
    assert len({m.url for m in made if not m.same_url}) == len([m for m in made if not m.same_url])


def test_newer_captures_of_bundled_urls_are_unreadable_or_the_same_page_re_encoded(drawn):
    _, made = drawn
    newer = [m for m in made if m.same_url]
    assert {m.url for m in newer} == {s.url for s in bundled_sources()}
    assert {m.kind for m in newer} <= set(UNREADABLE_KINDS) | set(SAME_FACTS_KINDS)
    by_url: dict[str, list] = {}
    for m in sorted(newer, key=lambda m: m.fetched_at):
        by_url.setdefault(m.url, []).append(m.kind)
    twice = [kinds for kinds in by_url.values() if len(kinds) == 2]
    assert len(twice) == 4 and all(k[0] in SAME_FACTS_KINDS and k[1] in UNREADABLE_KINDS for k in twice), twice


@pytest.mark.parametrize("encoding", ["windows-1251", "koi8-r", "utf-16", "utf-16-le"])
def test_re_encoded_pages_are_in_the_encoding_their_label_says(encoding, tmp_path):
    made = generate(tmp_path, count=400, seed=3, same_url=0, huge_pages=0)
    pages = {m.kind: (tmp_path / m.file).read_bytes() for m in made if m.kind.startswith(f"reencode:{encoding}:")}
    assert pages, f"no {encoding} page in 400"
    for kind, body in pages.items():
        text = body.decode(encoding)
        declared = re.findall(r"charset=[\"']?([\w-]+)", text, re.I)
        how = kind.rsplit(":", 1)[1]
        expected = {"declared": [encoding], "undeclared": [], "wrong": ["utf-8"]}[how]
        assert [d.lower() for d in declared[:1]] == expected, (kind, declared)
        assert body.startswith(b"\xff\xfe") == (encoding == "utf-16"), "utf-16 has a BOM, utf-16-le none"


def test_one_site_is_renamed_whole(drawn):
    out, made = drawn
    renamed = [m for m in made if m.kind == "site_renamed"]
    sites = {load_catalog().site_for_url(m.url).site for m in renamed}
    assert len(sites) == 1
    site = sites.pop()
    html_sources = [
        s for s in bundled_sources() + fixture_sources() if s.site == site and not s.is_pdf and s.body.strip()
    ]
    assert {m.origin for m in renamed} == {s.origin for s in html_sources}
    classes = [c for m in renamed for c in re.findall(rb'class="([^"]*)"', (out / m.file).read_bytes())]
    assert len(classes) > len(renamed), "the site's pages have classes to rename"
    assert all(re.fullmatch(rb"(r[0-9a-f]{7} ?)+", c) for c in classes), [c for c in classes if b"r" not in c[:1]]


def test_the_huge_page_weighs_20_mb(drawn):
    out, made = drawn
    (huge,) = [m for m in made if m.kind == "huge"]
    assert (out / huge.file).stat().st_size == HUGE_BYTES


def test_the_manifest_imports_every_page(tmp_path):
    out = tmp_path / "chaos"
    made = generate(out, count=60, seed=5, huge_pages=0)
    report = import_manifest(ArchiveStore(tmp_path / "archive"), out / "manifest.tsv")
    assert report.failed == [] and len(report.new) == len(made) == 60
