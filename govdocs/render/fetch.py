"""What WeasyPrint may load while it makes a PDF: files inside the workspace or govdocs' templates, nothing else.

Text in the record is data, but a PDF renderer that followed any URL would turn a crafted board
name or template into a way to read local files or reach the network. Every other URL is refused
(WeasyPrint then leaves the resource out and warns).
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit


def safe_fetcher(roots: list[Path]):
    from weasyprint.urls import URLFetcher

    allowed = [Path(r).resolve() for r in roots]

    class WorkspaceOnly(URLFetcher):
        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            if parts.scheme == "data":
                return super().fetch(url, headers)
            if parts.scheme == "file" and parts.netloc in ("", "localhost"):
                path = Path(unquote(parts.path)).resolve()
                if any(path.is_relative_to(r) for r in allowed) and path.is_file():
                    return super().fetch(url, headers)
            raise ValueError(f"govdocs loads nothing from outside the workspace: {url[:80]}")

    return WorkspaceOnly(allowed_protocols=("file", "data"), allow_redirects=False, timeout=1)
