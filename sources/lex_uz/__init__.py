"""lex.uz: parser of legal act pages."""

from sources.lex_uz.parser import parse

__all__ = ["parse"]
