"""The report's sections, one module each: what to read from the warehouse and how to show it."""
