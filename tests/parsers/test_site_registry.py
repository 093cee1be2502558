"""A site is a catalog entry and one folder: every parser key the catalog names is found from its folder."""

from __future__ import annotations

import inspect

from sources.catalog import load_catalog
from sources.parsing import parse_capture, parser_version, site_parser


def test_every_catalog_parser_key_names_a_site_folder_that_declares_itself():
    keys = {site.parser for site in load_catalog().sites.values()}
    for key in sorted(keys):
        module = site_parser(key)
        assert module is not None, f"catalog parser {key!r}: no folder sources/{key}/ declaring KEY = {key!r}"
        assert module.__name__ == f"sources.{key}"
        assert isinstance(module.VERSION, str) and module.VERSION, key
        assert list(inspect.signature(module.parse).parameters)[:3] == ["body", "url", "fetched_at"], key


def test_the_parse_stamp_carries_the_folders_version():
    import sources.facts as facts
    import sources.lex_uz as lex_uz

    assert parser_version("lex_uz") == f"lex_uz:{lex_uz.VERSION}+facts:{facts.VERSION}"


def test_a_package_that_is_no_site_is_not_taken_for_a_parser():
    # sources.archive and sources.facts are packages beside the sites, but they declare no KEY
    assert site_parser("archive") is None
    assert site_parser("facts") is None
    assert site_parser("no_such_site") is None
    assert site_parser("../etc") is None


def test_a_site_whose_key_has_no_folder_is_a_no_parser_error(monkeypatch):
    import dataclasses

    import sources.parsing as parsing

    catalog = load_catalog()
    site = dataclasses.replace(catalog.site_for_url("https://uza.uz/ru/posts/1"), parser="not_written_yet")
    monkeypatch.setattr(parsing, "load_catalog", lambda: dataclasses.replace(catalog, sites={site.site: site}))
    result = parse_capture(b"<html><body><h1>x</h1></body></html>", "https://uza.uz/ru/posts/1", None)
    assert [e.error_kind for e in result.errors] == ["no_parser"]
    assert "not_written_yet" in result.errors[0].message
