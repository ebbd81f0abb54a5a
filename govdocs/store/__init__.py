"""The store: the record on disk and in git (YAML I/O, the schema, the workspace, changes, history)."""
