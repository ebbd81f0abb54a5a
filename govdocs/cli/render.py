"""Commands that make documents (filled in by the documents work)."""
