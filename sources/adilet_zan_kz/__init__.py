"""adilet.zan.kz: parser of act pages, their /info sub-page and search listings."""

from sources.adilet_zan_kz.parser import listing_items, parse

# The catalog's `parser:` key of this folder (sources.parsing finds the parser by it), and the parser's
# version: bump it whenever the output changes, so every capture it read is parsed again.
KEY = "adilet_zan_kz"
VERSION = "2"

__all__ = ["KEY", "VERSION", "listing_items", "parse"]
