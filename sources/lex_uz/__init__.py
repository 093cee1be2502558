"""lex.uz: parser of legal act pages and their cards."""

from sources.lex_uz.parser import parse

# The catalog's `parser:` key of this folder (sources.parsing finds the parser by it), and the parser's
# version: bump it whenever the output changes, so every capture it read is parsed again.
KEY = "lex_uz"
VERSION = "3"

__all__ = ["KEY", "VERSION", "parse"]
