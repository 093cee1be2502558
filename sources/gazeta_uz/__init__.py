"""gazeta.uz: parser of article and listing pages."""

from sources.gazeta_uz.parser import listing_items, parse

__all__ = ["listing_items", "parse"]
