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
LibreOffice converts the papers in a thread."""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from govdocs import __version__, parallel
from govdocs.dates import short_date
from govdocs.errors import NotFound, RenderError
from govdocs.exempt import refuse_unclear
from govdocs.model import Board, Meeting, Supplement
from govdocs.pack.convert import convert_docx_to_pdf, pdf_helper
from govdocs.pack.front import front_matter_html, loaded_files, main_of
from govdocs.pack.parts import Pack, Part, sha256
from govdocs.pack.pdf import join_pdf
from govdocs.pack.stamps import Stamps, paper_labels
from govdocs.pack.word import join_docx
from govdocs.papers import paper_path, paper_problem
from govdocs.render import context as C
from govdocs.render.documents import find_template, render_docx, render_html, write_pdf
from govdocs.store import history, partcache
from govdocs.store.workspace import Workspace


def join_code() -> str:
    """The code that joins the packs, by content: a pack an older govdocs joined differently (before the
    papers' tags were kept, say) is never taken from the cache for one this govdocs would join."""
    from govdocs.pack import pdf, stamps, structure, word

    return partcache.key(*(Path(m.__file__).read_bytes() for m in (pdf, stamps, structure, word)))


@dataclass(frozen=True, kw_only=True)
class Job:
    """One pack to build: the meeting, the minutes it approves, its papers, and where the parts are kept."""
    ws: Workspace
    meeting: Meeting
    board: Board
    prev: Meeting | None  # the meeting whose minutes this one approves
    apps: list[C.Appendix]
    sources: dict[str, Path]  # each appendix's file, checked
    stem: str
    private: bool
    fixed: dt.datetime  # the date every generated file carries, so a rebuild is the same bytes
    cache_dir: Path | None
    supplement: Supplement | None = None  # a supplementary agenda: its items and papers, nothing else


def _parts_fingerprint(parts: list[Part]) -> list:
    """Each part by title, kind and the content of its files: what a joined pack is made from."""
    return [[p.title, p.kind, p.letter, p.first_label, sha256(p.docx) if p.docx else "",
             sha256(p.pdf) if p.pdf else ""] for p in parts]


def _fixed(meeting: Meeting) -> dt.datetime:
    return dt.datetime.fromisoformat(meeting.date + "T00:00:00")


def build_pack(ws: Workspace, meeting: Meeting, out_dir: Path, private: bool = False, use_cache: bool = True,
               progress: Callable[[str], None] = lambda s: None, cache_root: Path | None = None,
               record_commit: str | None = None, reports: str = "refuse", supplement: Supplement | None = None) -> Pack:
    from govdocs.reports import with_reports

    board = ws.board(meeting.board)
    meeting, cleared = with_reports(ws, meeting, reports)
    prev = ws.minutes_for_approval(meeting)  # none taken, none in the pack: the agenda says so
    suffix = "-private" if private else ""
    stem = f"{board.slug}-{meeting.date}-" + (f"supplement-{supplement.number}" if supplement else "pack") + suffix
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
        helper = parallel.start(pdf_helper(ws, cache_dir, tmp))
        try:
            job = Job(ws=ws, meeting=meeting, board=board, prev=None if supplement else prev, apps=apps,
                      sources=sources, stem=stem, private=private, fixed=fixed, cache_dir=cache_dir,
                      supplement=supplement)
            parts, files = _build(job, tmp, helper, progress)
            _write_manifest(ws, meeting, files[:2], files[2], private, record_commit, cleared, parts)
            pdf_path, docx_path, manifest = move_into_place(files, out_dir)
        finally:
            helper.cancel()
    from govdocs.calendar import publication_deadline

    return Pack(pdf_path, docx_path, manifest, parts, publication_deadline(board, dt.date.fromisoformat(meeting.date)))


def _build(job: Job, tmp: Path, helper: parallel.Job, progress: Callable[[str], None]) -> tuple[list[Part], list[Path]]:
    """The pack's PDF and .docx in tmp/out, and where its manifest goes: each part from the cache where it
    is there, the rest rendered, the PDF's on the helper's core and the Word ones on this one."""
    ws, meeting, board, apps, sources, stem = job.ws, job.meeting, job.board, job.apps, job.sources, job.stem
    private, fixed, cache_dir = job.private, job.fixed, job.cache_dir
    from concurrent.futures import ThreadPoolExecutor

    # one LibreOffice at a time (they share a profile), converting papers from the start in a thread
    with ThreadPoolExecutor(max_workers=1) as office:
        converting = {a.file: office.submit(convert_docx_to_pdf, sources[a.file], cache_dir, tmp) for a in apps
                      if sources[a.file].suffix.lower() != ".pdf"}
        parts, contexts, html = _prepare(job, progress)
        # the tagged front matter needs only the parts' titles: the helper can start on it now
        front_key = partcache.key("front", html, loaded_files(ws, html))
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
    labels = paper_labels(papers)
    stamp = Stamps(labels, banner="NOT FOR PUBLICATION — contains exempt or confidential information (Part 2)"
                    if private else "", footer=f"{board.name} — {short_date(meeting.date)}")
    if labels and partcache.lookup(cache_dir, partcache.PARTS, stamp.key, ".pdf") is None:
        helper.send({"job": "stamps", "key": stamp.key, "labels": labels, "banner": stamp.banner,
                     "footer": stamp.footer})
    staged = tmp / "out"
    staged.mkdir()
    # the joined packs are parts too: named by every part they join, they are reused when nothing changed
    joined = partcache.key("joined", join_code(), json.dumps(_parts_fingerprint(parts)), str(private), fixed.isoformat(),
                           board.name, ws.council, meeting.date, stem)
    progress("joining the Word pack")

    def make_docx(out: Path) -> Path:
        join_docx(ws, meeting, parts, out, private, fixed, tmp)
        return out

    shutil.copyfile(partcache.cached(cache_dir, partcache.PARTS, joined, ".docx", make_docx, tmp),
                    staged / f"{stem}.docx")
    progress("rendering the tagged front matter (agenda, contents, minutes, action log, plans)")
    helped = helper.wait()

    def made(name: str, key: str, make: Callable[[Path], Path]) -> Path:
        """What the helper made, when it did; else from the cache, or made here."""
        done = tmp / f"{name}-helper.pdf"
        if helped and partcache.whole(done):
            return done
        return partcache.cached(cache_dir, partcache.PARTS, key, ".pdf", make, tmp)

    def make_pdf(out: Path) -> Path:
        front = made("front", front_key, lambda o: write_pdf(html, o, ws))
        stamps = made("stamps", stamp.key, stamp.render) if labels else None
        progress("joining and labelling the PDF")
        join_pdf(ws, meeting, front, stamps, parts, out, private, fixed)
        return out

    shutil.copyfile(partcache.cached(cache_dir, partcache.PARTS, partcache.key(joined, front_key), ".pdf",
                                     make_pdf, tmp), staged / f"{stem}.pdf")
    return parts, [staged / f"{stem}.pdf", staged / f"{stem}.docx", staged / f"{stem}-manifest.json"]


def _prepare(job: Job, progress: Callable[[str], None]) -> tuple[list[Part], list, str]:
    """The pack's parts in order, the context of each generated one, and the front matter's HTML."""
    ws, meeting, board, prev, private, fixed = job.ws, job.meeting, job.board, job.prev, job.private, job.fixed
    parts: list[Part] = []
    bodies: dict[int, str] = {}
    contexts: list[tuple[Part, str, dict]] = []

    def generated(kind: str, m: Meeting, title: str) -> None:
        progress(f"preparing {title}")
        ctx = C.build(ws, kind, m, private)
        if job.supplement is not None and kind == "agenda":
            ctx.update(supplement_words(job.supplement, board.law.late_item_law if board.law else ""))
        bodies[len(parts)] = main_of(render_html(ws, kind, ctx))
        parts.append(Part(title=title, kind=kind))
        contexts.append((parts[-1], kind, ctx))

    chosen = pack_parts(ws, board) if job.supplement is None else set()
    generated("agenda", meeting, "Agenda" if job.supplement is None else f"Supplementary agenda {job.supplement.number}")
    parts.append(Part(title="Contents", kind="contents"))
    if prev is not None and "minutes" in chosen:
        status = "approved" if prev.minutes_approved_at else "draft, for approval"
        generated("minutes", prev, f"Minutes of the meeting held on {short_date(prev.date)} ({status})")
    if "actions" in chosen:
        generated("actions", meeting, "Action log")
    if "forward-plan" in chosen:
        generated("forward-plan", meeting, "Forward Plan")
    if "highlight" in chosen:
        generated("highlight", meeting, "Highlight report")
    for a in job.apps:
        src = job.sources[a.file]
        parts.append(Part(title=f"Appendix {a.letter}: {a.title}", kind="paper", letter=a.letter, source=src,
                          docx=src if src.suffix.lower() == ".docx" else None, first_label=f"{a.letter}1"))
    return parts, contexts, front_matter_html(ws, meeting, parts, bodies, private, fixed.isoformat() + "+00:00")


def supplement_words(supp: Supplement, law: str) -> dict:
    """What a supplementary agenda says of itself: which it is, and why its items were late."""
    law = f" The chair has agreed that they are urgent and may be considered at the meeting ({law})." if law else ""
    return {"supplement": {"number": supp.number, "published": supp.published, "reason": supp.reason,
                           "text": "These items were not available when the agenda was published." + law},
            "title": f"Supplementary agenda {supp.number}", "kind_title": f"Supplementary agenda {supp.number}"}


def pack_parts(ws: Workspace, board: Board) -> set[str]:
    """What the pack holds besides the agenda and papers: the board's `pack_parts`, else each document the
    board has — the minutes for approval, an action log where it keeps actions, a forward plan where it has
    one with entries, a highlight report where a programme reports to it."""
    if board.pack_parts:
        return set(board.pack_parts)
    out = {"minutes"}
    if any(board.slug in a.boards() for a in ws.actions) or any(s.kind == "action-log" for s in board.standing_items):
        out.add("actions")
    if ws.forward_plan(board.slug) or ws.forward_notes(board.slug):
        out.add("forward-plan")
    if any(p.board == board.slug and p.workstreams for p in ws.programmes):
        out.add("highlight")
    return out


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


def _write_manifest(ws: Workspace, meeting: Meeting, files: list[Path], path: Path, private: bool,
                    record_commit: str | None = None, reports: list[dict] | None = None,
                    parts: list[Part] | None = None) -> None:
    from govdocs.papers import untagged_pdf

    # whether a screen reader can follow each paper, as the PDF holds it (the pack claims PDF/UA only if all)
    papers = [{"appendix": p.letter, "title": p.title, "tagged": not untagged_pdf(p.pdf)}
              for p in parts or [] if p.kind == "paper" and p.pdf is not None]
    data: dict = {
        "board": meeting.board, "meeting": meeting.date, "private": private,
        "generator": f"govdocs {__version__}", "record_commit": record_commit or history.head_commit(ws.root),
        "files": [{"name": f.name, "sha256": sha256(f), "bytes": f.stat().st_size} for f in files],
        "pdfua": all(p["tagged"] for p in papers), "papers": papers,
    }
    if reports:  # who cleared each report the pack holds, and when
        data["reports"] = reports
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def build_as_published(ws: Workspace, meeting: Meeting, out_dir: Path, private: bool = False, use_cache: bool = True,
                       progress: Callable[[str], None] = lambda s: None, current: bool = False,
                       reports: str = "refuse") -> tuple[Pack, str]:
    """The pack of a meeting as the public had it: once the agenda is published, built from the record as it
    was then (s.100B: the published pack is a public record), unless `current`; and the publication commit."""
    published = "" if current else publication_commit(ws, meeting)
    if not published:
        return build_pack(ws, meeting, out_dir, private, use_cache, progress=progress, reports=reports), ""
    with tempfile.TemporaryDirectory(prefix="govdocs-published-") as tmp:
        then = record_at(ws, published, Path(tmp))
        return build_pack(then, then.find_meeting(meeting.date, meeting.board), out_dir, private, use_cache,
                          progress=progress, cache_root=ws.root, record_commit=published, reports=reports), published


def publication_commit(ws: Workspace, meeting: Meeting) -> str:
    """The commit that published the meeting's agenda ('' if it has not been published through govdocs)."""
    return history.publication_commit(ws.root, meeting.board, meeting.date)


def record_at(ws: Workspace, commit: str, into: Path) -> Workspace:
    """The workspace's record as it was at `commit`, written into the folder `into` (from git, read-only)."""
    return Workspace(history.archive_at(ws.root, commit, into))
