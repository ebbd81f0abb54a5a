"""The documents a resident downloads from a meeting's page, as a committee site offers them: the agenda,
the minutes and the public pack, as PDFs. Each is made from the same public context as the pages (a
public pack leaves out exempt items and confidential appendices).

The pack is made from the record as it is now, not as published: an item made exempt since publication
must leave the site with everything else of it (the pack as published stays what `govdocs pack`
rebuilds, for the record). Parts are reused from the workspace's cache, so a rebuild renders only what
changed."""
from __future__ import annotations

import tempfile
from pathlib import Path

from govdocs.render import context as C


def write_documents(site, m) -> list[dict]:
    """Render the meeting's public PDFs into the site; what its page lists: title, path, size."""
    from govdocs.pack import build_pack
    from govdocs.pack.front import loaded_files
    from govdocs.render.documents import output_name, render_html, write_pdf
    from govdocs.store import partcache

    ws, folder, out = site.ws, f"boards/{m.board}/{m.date}", []
    cache = ws.root / ".govdocs" / "cache"
    with tempfile.TemporaryDirectory(prefix="govdocs-site-") as tmpname:
        tmp = Path(tmpname)
        kinds = [("agenda", "Agenda")] + ([("minutes", "Minutes")] if m.minutes or m.attendance.recorded else [])
        for kind, title in kinds:
            ctx = C.build(ws, kind, m, private=False)
            html = render_html(ws, kind, ctx, fixed_date=f"{m.date}T00:00:00+00:00")
            pdf = partcache.cached(cache, partcache.PARTS, partcache.key("site", html, loaded_files(ws, html)), ".pdf",
                                   lambda o, html=html: write_pdf(html, o, ws), tmp)
            out.append(_put(site, f"{folder}/{output_name(ctx, kind, 'pdf')}", pdf.read_bytes(), title))
        if not m.cancelled:
            pack = build_pack(ws, m, tmp / "pack", reports="cleared")  # the public never sees an uncleared draft
            out.append(_put(site, f"{folder}/{pack.pdf.name}", pack.pdf.read_bytes(), "Agenda pack (agenda, "
                                                                                     "reports and appendices)"))
            from govdocs.pack.supplement import supplement_pack

            for supp in m.supplements:  # each as it was published, beside the main pack
                extra = supplement_pack(ws, m, supp, tmp / f"supplement-{supp.number}")
                out.append(_put(site, f"{folder}/{extra.pdf.name}", extra.pdf.read_bytes(),
                                f"Supplementary agenda {supp.number} (published {supp.published})"))
    return out


def _put(site, rel: str, data: bytes, title: str) -> dict:
    from govdocs.site.write import file_size

    site.writer.put(rel, data)
    return {"title": title, "path": rel, "size": file_size(len(data))}
