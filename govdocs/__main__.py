"""python -m govdocs"""
from govdocs.cli import main

main()
