"""Generic extraction for hosts without a site parser: HTML news articles (parser.py) and text language."""
