"""PDF documents: text extraction for reports served as PDF (parser.py)."""
