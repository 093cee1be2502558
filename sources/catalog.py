"""The source catalog: which sites kzuz knows, which pages are cited, and how a URL maps to a site."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import yaml


class UnknownHostError(ValueError):
    """A URL whose host is not in the catalog: kzuz never fetches or files it."""


@dataclass(frozen=True)
class Site:
    """A site of the catalog: its hosts, country, kind, parser key, and fetch settings."""

    site: str
    hosts: tuple[str, ...]
    country_iso3: str | None
    kind: str
    parser: str
    rate: float  # seconds between two requests to one host
    # How the site must be fetched (SITES.md); see catalog.yml for what each key means.
    fetch_from: tuple[tuple[str, str], ...] = ()  # (canonical host, host that serves its documents)
    user_agent: str = "plain"  # "plain" | "browser": a Mozilla-compatible form of the same identification
    ca_bundle: str | None = None  # PEM file (relative to sources/) trusted for this site's hosts only
    cookies: bool = True  # False: never store nor send a cookie (the answer would depend on it)
    refetch_archived: bool = False  # a live refresh also refetches every archived URL of the site

    def ca_bundle_path(self) -> Path | None:
        """The site's own CA bundle under sources/, when the catalog names one."""
        return Path(str(resources.files("sources").joinpath(self.ca_bundle))) if self.ca_bundle else None


@dataclass(frozen=True)
class CatalogSource:
    """A page the analysts cite: its reference number, URL, site, kind and language."""

    ref: int
    url: str
    site: str
    kind: str
    language: str


@dataclass(frozen=True)
class Catalog:
    """The catalog: sites, cited sources and countries (sources/catalog.yml)."""

    sites: dict[str, Site]
    sources: tuple[CatalogSource, ...]
    countries: tuple[dict, ...]
    relevance_terms: dict[str, tuple[str, ...]]

    def site_for_url(self, url: str) -> Site:
        """The site whose hosts include the URL's; UnknownHostError naming the known sites otherwise."""
        host = (urlsplit(url).hostname or "").lower()
        for site in self.sites.values():
            if host in site.hosts:
                return site
        known = ", ".join(sorted(self.sites))
        raise UnknownHostError(f"host {host or '(none)'!r} of {url} is not in the catalog (known sites: {known})")

    def fetch_url(self, url: str) -> str:
        """Where a canonical URL's document is really served (adilet.zan.kz -> old.adilet.zan.kz)."""
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        serving = dict(self.site_for_url(url).fetch_from).get(host)
        return urlunsplit(parts._replace(netloc=serving)) if serving else url

    def canonical_url(self, url: str) -> str:
        """The URL the archive records for a URL on a serving host (old.adilet.zan.kz -> adilet.zan.kz)."""
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        try:
            site = self.site_for_url(url)
        except UnknownHostError:
            return url
        for canonical, serving in site.fetch_from:
            if host == serving:
                return urlunsplit(parts._replace(netloc=canonical))
        return url


@cache
def load_catalog() -> Catalog:
    """The catalog read from sources/catalog.yml."""
    raw = yaml.safe_load(resources.files("sources").joinpath("catalog.yml").read_text(encoding="utf-8"))
    sites = {
        name: Site(
            site=name,
            hosts=tuple(h.lower() for h in spec["hosts"]),
            country_iso3=spec.get("country_iso3"),
            kind=spec["kind"],
            parser=spec["parser"],
            rate=float(spec.get("rate", 1.0)),
            fetch_from=tuple((k.lower(), v.lower()) for k, v in (spec.get("fetch_from") or {}).items()),
            user_agent=spec.get("user_agent", "plain"),
            ca_bundle=spec.get("ca_bundle"),
            cookies=bool(spec.get("cookies", True)),
            refetch_archived=bool(spec.get("refetch_archived", False)),
        )
        for name, spec in raw["sites"].items()
    }
    for site in sites.values():
        if site.user_agent not in ("plain", "browser"):
            raise ValueError(f"catalog site {site.site}: user_agent must be plain or browser, not {site.user_agent!r}")
    sources = tuple(CatalogSource(**s) for s in raw["sources"])
    for s in sources:
        if s.site not in sites:
            raise ValueError(f"catalog source {s.url} names unknown site {s.site}")
    terms = {iso3: tuple(words) for iso3, words in raw.get("relevance_terms", {}).items()}
    return Catalog(sites=sites, sources=sources, countries=tuple(raw["countries"]), relevance_terms=terms)
