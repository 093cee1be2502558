"""online.zakon.kz: parser of the legal database's Document pages (acts and their requisites)."""

from sources.online_zakon_kz.parser import parse

# The catalog's `parser:` key of this folder (sources.parsing finds the parser by it), and the parser's
# version: bump it whenever the output changes, so every capture it read is parsed again.
KEY = "online_zakon_kz"
VERSION = "2"

__all__ = ["KEY", "VERSION", "parse"]
