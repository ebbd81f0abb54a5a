"""The board pack: gather the parts, check the papers, render, join, label, and record what was built.

PDF: the generated parts (agenda, contents, previous minutes, action log, forward plan, highlight
report) are one HTML document rendered by WeasyPrint as tagged PDF/UA; papers (LibreOffice converts
.docx ones) are appended with pypdf, stamped A1, A2 … B1 …, and given the PDF's own page labels and
a bookmark each. .docx: the Word parts and .docx papers are joined with docxcompose; a PDF-only
paper is named where it sits. The output folder gets a manifest with each file's SHA-256.

Speed: every part, and each joined pack, is kept in `.govdocs/cache/parts/` under the hash of what made it
(govdocs.store.partcache), so a rebuild renders only what changed. What must be rendered is shared between the
machine's two cores: a helper forked at the start imports WeasyPrint while this process reads the record,
then renders the front matter and the papers' page stamps, while this process renders the Word parts and
LibreOffice converts the papers in a thread.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import html as H
import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from govdocs import __version__, parallel
from govdocs.dates import long_date, short_date
from govdocs.errors import NotFound, RenderError
from govdocs.exempt import refuse_unclear
from govdocs.model import Meeting
from govdocs.papers import paper_path, paper_problem
from govdocs.render import context as C
from govdocs.render.documents import find_template, normalise_zip, render_docx, render_html, template_dirs, write_pdf
from govdocs.render.kinds import TITLES
from govdocs.store import partcache
from govdocs.store.workspace import Workspace


@dataclass
class Part:
    title: str
    kind: str  # a document kind, "contents", or "paper"
    pdf: Path | None = None
    docx: Path | None = None
    letter: str = ""  # appendix letter for papers
    pages: int = 0
    first_label: str = ""
    source: Path | None = None


@dataclass
class Pack:
    pdf: Path
    docx: Path
    manifest: Path
    parts: list[Part] = field(default_factory=list)
    deadline: dt.date | None = None


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()


class _profile_lock:
    """One LibreOffice at a time per profile. A second soffice on the same profile hands its file to the first
    and exits without converting it, so two packs built at once (two clerks, or a pack beside the tests)
    would lose a paper; they wait for each other instead, and the profile stays warm for speed."""

    def __init__(self, profile: Path):
        self.path = profile.with_name(profile.name + ".lock")

    def __enter__(self):
        import fcntl

        self.fh = open(self.path, "a")
        fcntl.flock(self.fh, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc):
        self.fh.close()  # closing releases the lock


def convert_docx_to_pdf(src: Path, cache_dir: Path | None, workdir: Path) -> Path:
    """A paper in any office format (.docx, .doc, .odt, .xlsx, .pptx …) as PDF, through LibreOffice headless;
    cached by content hash."""
    from govdocs.store.partcache import PAPERS, whole

    digest = _sha256(src)
    cache_dir = cache_dir / PAPERS if cache_dir is not None else None
    if cache_dir is not None:
        cached = cache_dir / f"{digest}.pdf"
        if cached.is_file() and whole(cached):
            return cached
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise RenderError(f"{src.name} is an office document and LibreOffice (soffice) is needed to put it in the PDF "
                          "pack: install libreoffice-writer-nogui (the README's setup does)")
    out = workdir / f"lo-{digest[:12]}"
    out.mkdir(parents=True, exist_ok=True)
    profile = Path(tempfile.gettempdir()) / f"govdocs-lo-profile-{os.getuid()}"
    try:
        with _profile_lock(profile):
            subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                            "--outdir", str(out), str(src)], capture_output=True, text=True, timeout=300, check=True)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
        raise RenderError(f"LibreOffice could not convert {src.name} to PDF ({type(exc).__name__})") from exc
    pdfs = list(out.glob("*.pdf"))
    if not pdfs:
        raise RenderError(f"LibreOffice could not convert {src.name} to PDF")
    if cache_dir is not None:
        try:
            cache_dir.mkdir(parents=True, exist_ok=True)
            incoming = cache_dir / f".{digest}.{os.getpid()}.incoming"
            shutil.copyfile(pdfs[0], incoming)
            os.replace(incoming, cache_dir / f"{digest}.pdf")  # never a half-written entry under its name
        except OSError:
            pass
    return pdfs[0]


def _paper_labels(papers: list[Part]) -> list[tuple[str, float, float]]:
    """Each paper page's printed label (A1, A2 … B1 …) and size; counts each paper's pages on the way."""
    from pypdf import PdfReader

    labels = []
    for p in papers:
        pages = PdfReader(str(p.pdf)).pages
        p.pages = len(pages)
        for i, page in enumerate(pages):
            box = page.mediabox
            labels.append((f"{p.letter}{i + 1}", *pack_page_size(float(box.width), float(box.height))))
    return labels


@dataclass
class _Stamps:
    """One transparent page per paper page, carrying its printed label (and the private banner)."""
    labels: list
    banner: str
    footer: str

    @property
    def key(self) -> str:
        return partcache.key("stamps", json.dumps([self.labels, self.banner, self.footer]))

    def render(self, out: Path) -> Path:
        sizes: dict[tuple[float, float], str] = {}
        css = ["body { margin: 0; font-family: Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif; }",
               ".s { position: relative; break-after: page; overflow: hidden; }",
               ".lab { position: absolute; bottom: 7mm; left: 0; right: 0; text-align: center; font-size: 9pt; }",
               ".foot { position: absolute; bottom: 7mm; left: 12mm; font-size: 7pt; color: #444; }",
               ".ban { position: absolute; top: 5mm; left: 0; right: 0; text-align: center; font-size: 9pt;"
               " font-weight: bold; color: #a00000; }"]
        pages = []
        for label, w, h in self.labels:
            name = sizes.setdefault((round(w, 1), round(h, 1)), f"p{len(sizes)}")
            pages.append(f"<div class='s' style='page: {name}; width: {w}pt; height: {h}pt'>"
                         + (f"<div class='ban'>{H.escape(self.banner)}</div>" if self.banner else "")
                         + f"<div class='foot'>{H.escape(self.footer)}</div>"
                         f"<div class='lab'>{H.escape(label)}</div></div>")
        for (w, h), name in sizes.items():
            css.append(f"@page {name} {{ size: {w}pt {h}pt; margin: 0; }}")
        html = (f"<html lang='en-GB'><head><title>stamps</title><style>{''.join(css)}</style></head>"
                f"<body>{''.join(pages)}</body></html>")
        from weasyprint import HTML

        from govdocs.render.fetch import safe_fetcher

        HTML(string=html, url_fetcher=safe_fetcher([])).write_pdf(str(out))
        return out


def _loaded_files(ws: Workspace, html: str) -> str:
    """What the front matter's HTML loads besides itself (a logo, a font), by content: a new logo under the
    same name renders afresh."""
    import re

    from govdocs.store.partcache import key

    found = []
    for ref in sorted(set(re.findall(r"""(?:src=["']|url\(["']?)([^"')]+)""", html))):
        if ref.startswith("data:") or "://" in ref:
            continue
        for base in [ws.root] + template_dirs(ws):
            f = (base / ref).resolve()
            if f.is_file():
                found.append(ref + ":" + hashlib.sha256(f.read_bytes()).hexdigest())
                break
    return key(*found)


def _parts_fingerprint(parts: list[Part]) -> list:
    """Each part by title, kind and the content of its files: what a joined pack is made from."""
    return [[p.title, p.kind, p.letter, p.first_label, _sha256(p.docx) if p.docx else "",
             _sha256(p.pdf) if p.pdf else ""] for p in parts]


def _fixed(meeting: Meeting) -> dt.datetime:
    return dt.datetime.fromisoformat(meeting.date + "T00:00:00")


def build_pack(ws: Workspace, meeting: Meeting, out_dir: Path, private: bool = False, use_cache: bool = True,
               progress: Callable[[str], None] = lambda s: None, cache_root: Path | None = None,
               record_commit: str | None = None) -> Pack:
    board = ws.board(meeting.board)
    prev = ws.minutes_for_approval(meeting)  # none taken, none in the pack: the agenda says so
    suffix = "-private" if private else ""
    stem = f"{board.slug}-{meeting.date}-pack{suffix}"
    prepare_output(out_dir)
    fixed = _fixed(meeting)
    cache_dir = (cache_root or ws.root) / ".govdocs" / "cache" if use_cache else None
    if not private:
        refuse_unclear(ws, meeting)
        if prev is not None:
            refuse_unclear(ws, prev)
    apps = C.appendices(meeting, private)
    sources = {}
    for a in apps:
        src = paper_path(ws, meeting, a.file)
        if not src.is_file():
            raise NotFound(f"paper {a.file} of item {a.item.number} is missing from {ws.rel(meeting.folder)}")
        problem = paper_problem(src)
        if problem:
            raise RenderError(f"{ws.rel(meeting.folder / 'meeting.yaml')}: item {a.item.number}: paper {problem}")
        sources[a.file] = src

    with tempfile.TemporaryDirectory(prefix="govdocs-pack-") as tmpname:
        tmp = Path(tmpname)
        # WeasyPrint takes half a second to import: the helper on the other core does that now, while this
        # process reads the record, and then renders the PDF's parts as they are handed to it
        helper = parallel.start(_pdf_helper(ws, cache_dir, tmp))
        try:
            parts, files = _build(ws, meeting, board, prev, apps, sources, stem, private, fixed, cache_dir, tmp,
                                  helper, progress)
            _write_manifest(ws, meeting, files[:2], files[2], private, record_commit)
            pdf_path, docx_path, manifest = move_into_place(files, out_dir)
        finally:
            helper.cancel()
    from govdocs.calendar import publication_deadline

    return Pack(pdf_path, docx_path, manifest, parts, publication_deadline(board, dt.date.fromisoformat(meeting.date)))


def _build(ws: Workspace, meeting: Meeting, board, prev: Meeting | None, apps: list, sources: dict, stem: str,
           private: bool, fixed: dt.datetime, cache_dir: Path | None, tmp: Path, helper: parallel.Job,
           progress: Callable[[str], None]) -> tuple[list[Part], list[Path]]:
    """The pack's PDF and .docx in tmp/out, and where its manifest goes: each part from the cache where it
    is there, the rest rendered, the PDF's on the helper's core and the Word ones on this one."""
    from concurrent.futures import ThreadPoolExecutor

    # one LibreOffice at a time (they share a profile), converting papers from the start in a thread
    with ThreadPoolExecutor(max_workers=1) as office:
        converting = {a.file: office.submit(convert_docx_to_pdf, sources[a.file], cache_dir, tmp) for a in apps
                      if sources[a.file].suffix.lower() != ".pdf"}
        parts, contexts, html = _prepare(ws, meeting, board, prev, apps, sources, private, fixed, progress)
        # the tagged front matter needs only the parts' titles: the helper can start on it now
        front_key = partcache.key("front", html, _loaded_files(ws, html))
        if partcache.lookup(cache_dir, partcache.PARTS, front_key, ".pdf") is None:
            (tmp / "front.html").write_text(html, encoding="utf-8")
            helper.send({"job": "front", "key": front_key})
        for part, kind, ctx in contexts:
            progress(f"rendering {part.title} (Word)")
            name = partcache.key("docx", kind, find_template(ws, f"{kind}.docx").read_bytes(),
                                 json.dumps(ctx, sort_keys=True, default=repr), fixed.isoformat())
            part.docx = partcache.cached(cache_dir, partcache.PARTS, name, ".docx",
                                         lambda out, kind=kind, ctx=ctx: render_docx(ws, kind, ctx, out, fixed), tmp)
        papers = [p for p in parts if p.kind == "paper"]
        for p, a in zip(papers, apps):
            progress(f"adding {p.title} ({p.source.suffix[1:]})")
            p.pdf = converting[a.file].result() if a.file in converting else p.source
    labels = _paper_labels(papers)
    stamp = _Stamps(labels, banner="NOT FOR PUBLICATION — contains exempt or confidential information (Part 2)"
                    if private else "", footer=f"{board.name} — {short_date(meeting.date)}")
    if labels and partcache.lookup(cache_dir, partcache.PARTS, stamp.key, ".pdf") is None:
        helper.send({"job": "stamps", "key": stamp.key, "labels": labels, "banner": stamp.banner,
                     "footer": stamp.footer})
    staged = tmp / "out"
    staged.mkdir()
    # the joined packs are parts too: named by every part they join, they are reused when nothing changed
    joined = partcache.key("joined", json.dumps(_parts_fingerprint(parts)), str(private), fixed.isoformat(),
                           board.name, ws.council, meeting.date, stem)
    progress("joining the Word pack")

    def join_docx(out: Path) -> Path:
        _join_docx(ws, meeting, parts, out, private, fixed, tmp)
        return out

    shutil.copyfile(partcache.cached(cache_dir, partcache.PARTS, joined, ".docx", join_docx, tmp),
                    staged / f"{stem}.docx")
    progress("rendering the tagged front matter (agenda, contents, minutes, action log, plans)")
    helped = helper.wait()

    def made(name: str, key: str, make: Callable[[Path], Path]) -> Path:
        """What the helper made, when it did; else from the cache, or made here."""
        done = tmp / f"{name}-helper.pdf"
        if helped and partcache.whole(done):
            return done
        return partcache.cached(cache_dir, partcache.PARTS, key, ".pdf", make, tmp)

    def join_pdf(out: Path) -> Path:
        front = made("front", front_key, lambda o: write_pdf(html, o, ws))
        stamps = made("stamps", stamp.key, stamp.render) if labels else None
        progress("joining and labelling the PDF")
        _join_pdf(ws, meeting, front, stamps, parts, out, private, fixed)
        return out

    shutil.copyfile(partcache.cached(cache_dir, partcache.PARTS, partcache.key(joined, front_key), ".pdf",
                                     join_pdf, tmp), staged / f"{stem}.pdf")
    return parts, [staged / f"{stem}.pdf", staged / f"{stem}.docx", staged / f"{stem}-manifest.json"]


def _prepare(ws: Workspace, meeting: Meeting, board, prev: Meeting | None, apps: list, sources: dict, private: bool,
             fixed: dt.datetime, progress: Callable[[str], None]) -> tuple[list[Part], list, str]:
    """The pack's parts in order, the context of each generated one, and the front matter's HTML."""
    parts: list[Part] = []
    bodies: dict[int, str] = {}
    contexts: list[tuple[Part, str, dict]] = []

    def generated(kind: str, m: Meeting, title: str) -> None:
        progress(f"preparing {title}")
        ctx = C.build(ws, kind, m, private)
        bodies[len(parts)] = _main_of(render_html(ws, kind, ctx))
        parts.append(Part(title=title, kind=kind))
        contexts.append((parts[-1], kind, ctx))

    generated("agenda", meeting, "Agenda")
    parts.append(Part(title="Contents", kind="contents"))
    if prev is not None:
        status = "approved" if prev.minutes_approved_at else "draft, for approval"
        generated("minutes", prev, f"Minutes of the meeting held on {short_date(prev.date)} ({status})")
    generated("actions", meeting, "Action log")
    generated("forward-plan", meeting, "Forward Plan")
    if any(p.board == board.slug and p.workstreams for p in ws.programmes):
        generated("highlight", meeting, "Highlight report")
    for a in apps:
        src = sources[a.file]
        parts.append(Part(title=f"Appendix {a.letter}: {a.title}", kind="paper", letter=a.letter, source=src,
                          docx=src if src.suffix.lower() == ".docx" else None, first_label=f"{a.letter}1"))
    return parts, contexts, _front_matter_html(ws, meeting, parts, bodies, private, fixed.isoformat() + "+00:00")


def _pdf_helper(ws: Workspace, cache_dir: Path | None, tmp: Path) -> Callable[[parallel.Receive], None]:
    """The helper's work: import WeasyPrint, then render the front matter and the papers' stamps as asked."""

    def work(receive: parallel.Receive) -> None:
        import weasyprint  # noqa: F401 - the slow start, while the parent is busy

        while (message := receive()) is not None:
            if message["job"] == "front":
                html = (tmp / "front.html").read_text(encoding="utf-8")
                make = (lambda out, html=html: write_pdf(html, out, ws))
            else:
                make = _Stamps(message["labels"], message["banner"], message["footer"]).render
            done = partcache.cached(cache_dir, partcache.PARTS, message["key"], ".pdf", make, tmp)
            incoming = tmp / f".{message['job']}-helper.incoming"
            shutil.copyfile(done, incoming)
            os.replace(incoming, tmp / f"{message['job']}-helper.pdf")

    return work


def prepare_output(out_dir: Path) -> None:
    """The output folder exists and can be written, or a clear error before any work is done."""
    if out_dir.exists() and not out_dir.is_dir():
        raise RenderError(f"{out_dir} is not a folder; give -o a folder to write the pack to")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise RenderError(f"cannot make the output folder {out_dir} ({exc.strerror})") from None
    if not os.access(out_dir, os.W_OK | os.X_OK):
        raise RenderError(f"cannot write to the output folder {out_dir} (read-only)")


def move_into_place(files: list[Path], out_dir: Path) -> list[Path]:
    """Move finished files into the output folder together: a failure part-way never leaves a new PDF beside
    an old .docx and manifest. Each file is first copied beside its target, then all are renamed at once."""
    near = []
    try:
        for f in files:
            tmp = out_dir / f".{f.name}.incoming"
            shutil.copyfile(f, tmp)
            os.chmod(tmp, 0o644)
            near.append((tmp, out_dir / f.name))
    except OSError as exc:
        for tmp, _ in near:
            tmp.unlink(missing_ok=True)
        raise RenderError(f"cannot write the pack to {out_dir} ({exc.strerror}); the previous pack is unchanged") \
            from None
    for tmp, final in near:
        os.replace(tmp, final)
    return [final for _, final in near]


LANDSCAPE_KINDS = ("actions",)
PART_NAMES = {"contents": "contents", **{kind: title.lower() for kind, title in TITLES.items()}}


def accessibility_note(parts: list[Part]) -> str:
    """What the pack can say of its accessibility, naming only the parts it holds."""
    names = [PART_NAMES[p.kind] for p in parts if p.kind in PART_NAMES]
    listed = ", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + names[-1] if names else "front matter"
    return (f"The {listed} in this pack are tagged for assistive technology. The appended papers are reproduced "
            "as their authors supplied them, and govdocs cannot vouch for their accessibility; ask the clerk for "
            "an accessible version of any paper.")


def _main_of(html: str) -> str:
    """The body of a rendered document, without its own <html>, head and masthead."""
    if "<main>" not in html or "</main>" not in html:
        raise RenderError("an HTML template must keep its <main> element for the board pack")
    return html.split("<main>", 1)[1].rsplit("</main>", 1)[0]


def _css_string(text: str) -> str:
    """Text as a CSS string that cannot end the string or the <style> element (`</style>` stays text)."""
    safe = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ,.-:;()'&")
    return '"' + "".join(c if c in safe or ord(c) > 127 else f"\\{ord(c):x} " for c in text) + '"'


def _front_matter_html(ws: Workspace, meeting: Meeting, parts: list[Part], bodies: dict[int, str], private: bool,
                       fixed_iso: str) -> str:
    """Every generated part as one document, so the PDF keeps one structure tree (PDF/UA) and WeasyPrint
    numbers the pages and fills in the contents with target-counter()."""
    from markupsafe import escape

    ctx = C.base(ws, meeting, "agenda", private)
    board = ctx["board"]
    title = f"{board}: board pack, {long_date(meeting.date)}" + (" (NOT FOR PUBLICATION)" if private else "")
    rows, sections, css = [], [], []
    for i, p in enumerate(parts):
        anchor = f"part-{i}"
        if p.kind == "paper":
            # the paper comes after the front matter; its destination is moved to its first page when the
            # pack is joined (see _point_appendix_links)
            rows.append(f"<tr><td><a href='#appendix-{p.letter}'>{escape(p.title)}</a></td>"
                        f"<td><a class='label' href='#appendix-{p.letter}'>{escape(p.first_label)}</a></td></tr>")
            continue
        rows.append(f"<tr><td><a href='#{anchor}'>{escape(p.title)}</a></td>"
                    f"<td><a class='pageref' href='#{anchor}' aria-label='page'></a></td></tr>")
        css.append(f"#{anchor} h1 {{ bookmark-label: {_css_string(p.title)}; }}")
        if p.kind == "contents":
            continue
        landscape = " landscape" if p.kind in LANDSCAPE_KINDS else ""
        sections.append((i, f"<section class='part{landscape}' id='{anchor}'>{bodies[i]}</section>"))
    contents = ("<section class='part' id='part-1'><h1>Contents</h1>"
                f"<p class='meta'>{escape(board)} — {escape(ctx['when'])}</p>"
                "<table><thead><tr><th scope='col'>Part</th><th scope='col'>Page</th></tr></thead>"
                f"<tbody>{''.join(rows)}</tbody></table>"
                "<p class='muted'>Appendix pages are numbered by their letter: A1, A2 … B1 …</p>"
                + (f"<h2>Accessibility</h2><p>{escape(accessibility_note(parts))}</p>"
                   if any(p.kind == "paper" for p in parts) else "") + "</section>")
    targets = "".join(f"<span id='appendix-{p.letter}'></span>" for p in parts if p.kind == "paper")
    body = "".join(html if i == 0 else "" for i, html in sections) + contents + \
        "".join(html for i, html in sections if i != 0) + targets
    footer = f"{board} — {short_date(meeting.date)}"
    # "Page 3 of 15", as the documents on their own say; the appended papers are numbered A1, A2 … B1 …
    css.append("@page { @bottom-center { content: \"Page \" counter(page) \" of \" counter(pages); } "
               f"@bottom-left {{ content: {_css_string(footer)}; }} }}")
    if private:
        css.append("@page { @top-center { content: \"NOT FOR PUBLICATION — exempt or confidential information "
                   "(Part 2)\"; color: #a00000; font-weight: bold; font-size: 9pt; } }")
    return (f"<!DOCTYPE html><html lang='en-GB'><head><meta charset='utf-8'><title>{escape(title)}</title>"
            f"<meta name='author' content='{escape(ws.council)}'><meta name='generator' content='govdocs'>"
            f"<meta name='dcterms.created' content='{fixed_iso}'><meta name='dcterms.modified' content='{fixed_iso}'>"
            f"<style>{_css(ws)}{''.join(css)}</style></head><body>"
            f"<header class='masthead'><p class='council'>{escape(ws.council)}</p></header>{body}</body></html>")


def _css(ws: Workspace) -> str:
    from govdocs.render.documents import css

    return css(ws)


A4 = (595.2756, 841.8898)  # points


def pack_page_size(w: float, h: float) -> tuple[float, float]:
    """The size a paper's page has in the pack: its own when it is A4 already, else A4 the same way up."""
    tw, th = A4 if w <= h else A4[::-1]
    return (w, h) if abs(w - tw) < 1.5 and abs(h - th) < 1.5 else (tw, th)


def fit_a4(page) -> None:
    """Every page of a pack is A4 (portrait or landscape, as the page is): a US Letter or A3 paper is scaled
    to fit, whole and centred, never cropped. The box moves, not the content, so links stay where they are."""
    box = page.mediabox
    w, h = float(box.width), float(box.height)
    tw, th = pack_page_size(w, h)
    if (tw, th) == (w, h):
        return
    from pypdf.generic import NameObject, RectangleObject

    s = min(tw / w, th / h)
    page.scale_by(s)
    left, bottom = float(page.mediabox.left), float(page.mediabox.bottom)
    x, y = left - (tw - w * s) / 2, bottom - (th - h * s) / 2
    for name in ("/MediaBox", "/CropBox", "/TrimBox", "/BleedBox", "/ArtBox"):
        if name in page or name == "/MediaBox":
            page[NameObject(name)] = RectangleObject([x, y, x + tw, y + th])


def _point_appendix_links(writer, first_pages: dict[str, int]) -> None:
    """The contents' appendix rows link to named destinations `appendix-A` …, which the front matter could
    only place on its own last page: point each at the top of its paper's first page."""
    from pypdf.generic import ArrayObject, FloatObject, NameObject

    names = writer._root_object.get("/Names")
    dests = names.get_object().get("/Dests") if names is not None else None
    flat = dests.get_object().get("/Names") if dests is not None else None
    if flat is None:
        return
    flat = flat.get_object()
    for i in range(0, len(flat) - 1, 2):
        name = str(flat[i])
        if name.startswith("appendix-") and name[9:] in first_pages:
            page = writer.pages[first_pages[name[9:]]]
            flat[i + 1] = ArrayObject([page.indirect_reference, NameObject("/XYZ"), FloatObject(0),
                                       FloatObject(float(page.mediabox.top)), FloatObject(0)])


def _join_pdf(ws: Workspace, meeting: Meeting, front: Path, stamps: Path | None, parts: list[Part], out: Path,
              private: bool, fixed: dt.datetime) -> None:
    """The tagged front matter, then each paper stamped with its labels; page labels and bookmarks."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import BooleanObject, DictionaryObject, NameObject, TextStringObject

    writer = PdfWriter(clone_from=str(front))
    front_pages = len(writer.pages)
    papers = [p for p in parts if p.kind == "paper"]
    starts = []
    for p in papers:
        starts.append(len(writer.pages))
        for page in PdfReader(str(p.pdf)).pages:
            fit_a4(writer.add_page(page))
    _point_appendix_links(writer, {p.letter: start for p, start in zip(papers, starts)})
    if stamps is not None:
        from pypdf import Transformation

        for page, stamp in zip(writer.pages[front_pages:], PdfReader(str(stamps)).pages):
            # the stamp is drawn from the page's own corner, which a scaled page has moved
            left, bottom = float(page.mediabox.left), float(page.mediabox.bottom)
            if left or bottom:
                page.merge_transformed_page(stamp, Transformation().translate(left, bottom))
            else:
                page.merge_page(stamp)
    board = ws.board(meeting.board)
    # the PDF's own page labels: 1, 2 … for the front matter, A1, A2 … for each appendix
    writer.set_page_label(0, front_pages - 1, style="/D", start=1)
    for start, p in zip(starts, papers):
        writer.set_page_label(start, start + p.pages - 1, style="/D", prefix=p.letter, start=1)
        writer.add_outline_item(title=p.title, page_number=start)
    title = f"{board.name}: board pack, {long_date(meeting.date)}" + (" (NOT FOR PUBLICATION)" if private else "")
    stamp_date = fixed.strftime("D:%Y%m%d%H%M%S+00'00'")
    writer.add_metadata({"/Title": title, "/Author": ws.council, "/Subject": board.name,
                         "/Creator": f"govdocs {__version__}", "/CreationDate": stamp_date, "/ModDate": stamp_date})
    writer._root_object[NameObject("/Lang")] = TextStringObject("en-GB")
    writer._root_object[NameObject("/ViewerPreferences")] = DictionaryObject(
        {NameObject("/DisplayDocTitle"): BooleanObject(True)})
    writer.page_mode = "/UseOutlines"
    if papers:  # the papers are as their authors supplied them: the pack as a whole is not PDF/UA
        from govdocs.render.tagging import withdraw_pdfua_claim

        withdraw_pdfua_claim(writer)
        writer.add_metadata({"/Accessibility": accessibility_note(parts)})
    tmp_out = out.with_suffix(".part")
    with open(tmp_out, "wb") as fh:
        writer.write(fh)
    tmp_out.replace(out)


def _join_docx(ws: Workspace, meeting: Meeting, parts: list[Part], out: Path, private: bool, fixed: dt.datetime,
               tmp: Path) -> None:
    """Join the Word parts with docxcompose, each in its own section so orientation survives.

    docxcompose drops an appended document's final section settings and its footers (by design),
    so every part except the last is closed with a section of its own before appending, and the
    footers are set afterwards: page numbers for the front matter, A1, A2 … for each appendix.
    """
    import docx
    from docx.enum.section import WD_SECTION
    from docxcompose.composer import Composer

    word_parts = []
    for i, p in enumerate(parts):
        if p.kind == "contents":
            d = _contents_doc(parts)
        elif p.docx is not None:
            d = docx.Document(str(p.docx))
        else:
            d = _pdf_only_note(p)
        if p.kind != "paper" and d.paragraphs:
            _bookmark(d.paragraphs[0], f"govdocs_part_{i}", 9000 + i)  # the contents' page numbers point here
        word_parts.append((p, d))
    master = word_parts[0][1]
    _update_fields_on_open(master)
    for _, d in word_parts[:-1]:
        d.add_section(WD_SECTION.NEW_PAGE)
    # the part each section belongs to, in order
    owners = [word_parts[0][0]] * (len(master.sections) - 1)
    composer = Composer(master)
    for p, d in word_parts[1:]:
        if p.kind == "paper" and p.docx is not None:  # a PDF-only paper's page already has its heading
            _title_paper(d, p.title)
        n_before = len(master.sections)
        composer.append(d)
        owners += [p] * (len(master.sections) - n_before)
    last_part, last_doc = word_parts[-1]
    _copy_page_setup(last_doc.sections[-1], master.sections[-1])
    owners += [last_part] * (len(master.sections) - len(owners))
    board = ws.board(meeting.board)
    label = f"{board.name} — {short_date(meeting.date)}" + (" — NOT FOR PUBLICATION" if private else "")
    previous = None
    for section, owner in zip(master.sections, owners):
        if owner is previous:
            section.footer.is_linked_to_previous = True
            continue
        previous = owner
        section.footer.is_linked_to_previous = False
        prefix = owner.letter if owner.kind == "paper" else ""
        _set_footer(section, label, prefix, restart=owner.kind == "paper" or owner is word_parts[0][0])
    props = master.core_properties
    props.title = f"{board.name}: board pack, {long_date(meeting.date)}"
    props.created = props.modified = props.last_printed = fixed
    tmp_out = tmp / "pack.docx"
    composer.save(str(tmp_out))
    normalise_zip(tmp_out, fixed)
    shutil.copyfile(tmp_out, out)


def _title_paper(d, title: str) -> None:
    """The appendix heading before a Word paper; a .docx saved by LibreOffice or Google Docs may have no
    "Heading 1" style, so the heading is then made bold and large by hand."""
    from docx.shared import Pt

    try:
        if d.paragraphs:
            d.paragraphs[0].insert_paragraph_before(title, style="Heading 1")
        else:
            d.add_paragraph(title, style="Heading 1")
        return
    except KeyError:  # no such style, or one python-docx cannot find by that name
        pass
    para = d.paragraphs[0].insert_paragraph_before("") if d.paragraphs else d.add_paragraph()
    run = para.add_run(title)
    run.bold, run.font.size = True, Pt(16)


def _a4_document():
    import docx
    from docx.shared import Mm

    d = docx.Document()
    sec = d.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    return d


def _contents_doc(parts: list[Part]):
    """The Word pack's contents: each part with its page. Word paginates for itself, so the page is a PAGEREF
    field to the part's bookmark, filled in by Word (fields are updated on opening) and LibreOffice; an
    appendix starts at its letter's first page, A1, B1 …"""
    from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
    from docx.shared import Mm

    from govdocs.render.wordfields import add_field

    d = _a4_document()
    d.add_heading("Contents", level=1)
    for i, p in enumerate(parts):
        if p.kind == "contents":
            continue
        para = d.add_paragraph(p.title + "\t")
        para.paragraph_format.tab_stops.add_tab_stop(Mm(170), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        if p.kind == "paper":
            para.add_run(p.first_label)
        else:
            add_field(para, f"PAGEREF govdocs_part_{i} \\h", "")
    d.add_paragraph("Appendix pages are numbered by their letter: A1, A2 … B1 …")
    return d


def _bookmark(paragraph, name: str, bid: int) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
    start.set(qn("w:id"), str(bid))
    start.set(qn("w:name"), name)
    end.set(qn("w:id"), str(bid))
    paragraph._p.insert(0, start)
    paragraph._p.append(end)


def _update_fields_on_open(document) -> None:
    """Word fills in the contents' page numbers when the pack is opened (LibreOffice does so by itself)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    settings = document.settings.element
    if settings.find(qn("w:updateFields")) is None:
        el = OxmlElement("w:updateFields")
        el.set(qn("w:val"), "true")
        settings.append(el)


def _pdf_only_note(p: Part):
    """A Word page standing in for a paper that exists only as PDF."""
    d = _a4_document()
    d.add_heading(p.title, level=1)
    where = f"on page {p.letter}1" if p.pages == 1 else f"at pages {p.letter}1 to {p.letter}{p.pages}"
    d.add_paragraph(f"This paper is published as a PDF only ({p.source.name if p.source else ''}); it is in the "
                    f"PDF pack {where}.")
    return d


def _copy_page_setup(src, dst) -> None:
    for attr in ("orientation", "page_width", "page_height", "left_margin", "right_margin", "top_margin",
                 "bottom_margin"):
        value = getattr(src, attr)
        if value is not None:
            setattr(dst, attr, value)


def _set_footer(section, label: str, prefix: str, restart: bool) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    from govdocs.render.wordfields import add_field

    footer = section.footer
    for para in footer.paragraphs[1:]:
        para._p.getparent().remove(para._p)
    para = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    for r in list(para.runs):
        r._r.getparent().remove(r._r)
    para.add_run(f"{label}    Page {prefix}")
    add_field(para, "PAGE")
    if restart:
        sect = section._sectPr
        pg = sect.find(qn("w:pgNumType"))
        if pg is None:
            pg = OxmlElement("w:pgNumType")
            sect.append(pg)
        pg.set(qn("w:start"), "1")


def _record_commit(ws: Workspace) -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ws.root, capture_output=True, text=True, timeout=10)
        return head.stdout.strip() if head.returncode == 0 else ""
    except (OSError, subprocess.TimeoutExpired):
        return ""


def _write_manifest(ws: Workspace, meeting: Meeting, files: list[Path], path: Path, private: bool,
                    record_commit: str | None = None) -> None:
    data = {
        "board": meeting.board, "meeting": meeting.date, "private": private,
        "generator": f"govdocs {__version__}", "record_commit": record_commit or _record_commit(ws),
        "files": [{"name": f.name, "sha256": _sha256(f), "bytes": f.stat().st_size} for f in files],
    }
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def publication_commit(ws: Workspace, meeting: Meeting) -> str:
    """The commit that published the meeting's agenda ('' if it has not been published through govdocs)."""
    from govdocs.store import history
    marker = history.trailer("meeting", f"{meeting.board}/{meeting.date}", action="publish")
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%H", "-F", f"--grep={marker}"], cwd=ws.root,
                             capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return out.stdout.strip() if out.returncode == 0 else ""


def record_at(ws: Workspace, commit: str, into: Path) -> Workspace:
    """The workspace's record as it was at `commit`, written into the folder `into` (from git, read-only)."""
    import io
    import tarfile

    top = _toplevel(ws)
    rel = Path(ws.root).resolve().relative_to(top)
    # paths given to git archive are taken from the folder it runs in: run it at the top
    p = subprocess.run(["git", "archive", "--format=tar", commit, "--", str(rel) if str(rel) != "." else "."],
                       cwd=top, capture_output=True, timeout=120)
    if p.returncode != 0:
        raise RenderError(f"cannot read the record as published (commit {commit[:8]}) from git")
    with tarfile.open(fileobj=io.BytesIO(p.stdout)) as tar:
        tar.extractall(into, filter="data")  # the data filter refuses links and paths outside `into`
    return Workspace(into / rel)


def _toplevel(ws: Workspace) -> Path:
    p = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=ws.root, capture_output=True, text=True)
    return Path(p.stdout.strip()).resolve() if p.returncode == 0 else ws.root
