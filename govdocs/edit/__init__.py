"""Edits of the record, one module per noun: each builds a Change and never writes on its own."""
