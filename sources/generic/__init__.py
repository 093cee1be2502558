"""Generic extraction for hosts without a site parser: HTML news articles (parser.py), text language, the tree."""

from sources.generic.parser import parse

# The catalog's `parser:` key of this folder (sources.parsing finds the parser by it), and the parser's
# version: bump it whenever the output changes, so every capture it read is parsed again.
KEY = "generic"
VERSION = "4"

__all__ = ["KEY", "VERSION", "parse"]
