"""UN Comtrade as a source of official statistics: reading its files, the API's URLs, and the parser."""

from sources.comtrade.parser import parse

# The catalog's `parser:` key of this folder (sources.parsing finds the parser by it), and the parser's
# version: bump it whenever the output changes, so every capture it read is parsed again.
KEY = "comtrade"
VERSION = "2"

__all__ = ["KEY", "VERSION", "parse"]
