"""govdocs: the record of council and NHS partnership boards, kept as YAML in git."""

__version__ = "0.1.0"
