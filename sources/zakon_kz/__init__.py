"""Parsers for zakon.kz: news articles (news.py) and the online.zakon.kz legal database (online.py)."""
