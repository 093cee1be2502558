"""adilet.zan.kz: parser of act pages, their /info sub-page and search listings."""

from sources.adilet_zan_kz.parser import listing_items, parse

__all__ = ["listing_items", "parse"]
