"""The board pack: see govdocs/pack/build.py."""
from govdocs.pack.build import build_as_published, build_pack, prepare_output, publication_commit, record_at

__all__ = ["build_as_published", "build_pack", "prepare_output", "publication_commit", "record_at"]
