"""zakon.kz: parser of news articles (news.py)."""

from sources.zakon_kz.news import parse

# The catalog's `parser:` key of this folder (sources.parsing finds the parser by it), and the parser's
# version: bump it whenever the output changes, so every capture it read is parsed again.
KEY = "zakon_kz"
VERSION = "2"

__all__ = ["KEY", "VERSION", "parse"]
