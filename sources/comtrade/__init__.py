"""UN Comtrade as a source of official statistics: reading its files, the API's URLs, and the parser."""
