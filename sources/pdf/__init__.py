"""PDF documents: text extraction for reports served as PDF (parser.py)."""

from sources.pdf.parser import parse

# The catalog's `parser:` key of this folder (sources.parsing finds the parser by it), and the parser's
# version: bump it whenever the output changes, so every capture it read is parsed again.
KEY = "pdf"
VERSION = "2"

__all__ = ["KEY", "VERSION", "parse"]
