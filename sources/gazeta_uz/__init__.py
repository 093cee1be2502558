"""gazeta.uz: parser of article and listing pages."""

from sources.gazeta_uz.parser import listing_items, parse

# The catalog's `parser:` key of this folder (sources.parsing finds the parser by it), and the parser's
# version: bump it whenever the output changes, so every capture it read is parsed again.
KEY = "gazeta_uz"
VERSION = "2"

__all__ = ["KEY", "VERSION", "listing_items", "parse"]
