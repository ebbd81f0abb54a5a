"""Writing documents: .docx through docxtpl, HTML through Jinja2, PDF through WeasyPrint.

Templates are looked up in the workspace's templates/ first (after `govdocs templates export`
a clerk's edited copy wins), then in govdocs' defaults. Data always goes in as values: with
autoescaping on, `{{ 7*7 }}`, `<b>`, `&` and `£` come out exactly as typed.
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govdocs.errors import RenderError
from govdocs.render.markup import Rich, to_html, to_subdoc
from govdocs.store.workspace import Workspace

if TYPE_CHECKING:
    from govdocs import parallel


def _default_templates() -> Path:
    """govdocs' own templates: inside the installed package, else templates/ of the checkout."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "templates", here.parent / "templates"):
        if (candidate / "html").is_dir():
            return candidate
    return here / "templates"


DEFAULT_TEMPLATES = _default_templates()


def template_dirs(ws: Workspace) -> list[Path]:
    own = ws.root / "templates"
    dirs = [own] if own.is_dir() and own.resolve() != DEFAULT_TEMPLATES else []
    return dirs + [DEFAULT_TEMPLATES]


def find_template(ws: Workspace, name: str) -> Path:
    for d in template_dirs(ws):
        if (d / name).is_file():
            return d / name
    raise RenderError(f"template {name} not found in the workspace's templates/ or govdocs' defaults")


def _sandbox():
    """Templates come with a clone: a sandboxed Jinja cannot reach Python internals and run code."""
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    return ImmutableSandboxedEnvironment


# --- Word -------------------------------------------------------------------------------

def _subdocs(tpl, value: Any) -> Any:
    if isinstance(value, Rich):
        return to_subdoc(tpl, value)
    if isinstance(value, dict):
        return {k: _subdocs(tpl, v) for k, v in value.items()}
    if isinstance(value, list):
        return [_subdocs(tpl, v) for v in value]
    return value


def render_docx(ws: Workspace, kind: str, ctx: dict, out: Path, fixed_date: dt.datetime | None = None) -> Path:
    import jinja2
    from docxtpl import DocxTemplate

    path = find_template(ws, f"{kind}.docx")
    try:
        tpl = DocxTemplate(str(path))
        env = _sandbox()(autoescape=True, undefined=jinja2.StrictUndefined)
        tpl.render(_subdocs(tpl, ctx), jinja_env=env, autoescape=True)
    except jinja2.TemplateError as exc:
        raise RenderError(f"{ws.rel(path) if path.is_relative_to(ws.root) else path}: {_docx_where(path, exc)}"
                          f"template error: {exc.message or exc}") from exc
    except Exception as exc:  # a broken or foreign .docx
        raise RenderError(f"{path}: cannot render this template ({type(exc).__name__}: {exc})") from exc
    from govdocs.render.columns import drop_empty_columns
    from govdocs.render.rows import keep_short_rows

    drop_empty_columns(tpl.docx)
    keep_short_rows(tpl.docx)
    props = tpl.docx.core_properties
    props.title = ctx.get("title", "")
    props.author = ctx.get("council", "")
    props.subject = ctx.get("board", "")
    props.language = "en-GB"
    when = fixed_date or dt.datetime(2000, 1, 1)
    props.created = props.modified = when
    props.last_printed = when
    props.revision = 1
    out.parent.mkdir(parents=True, exist_ok=True)
    tpl.save(str(out))
    normalise_zip(out, when)
    return out


def _docx_where(path: Path, exc: Exception) -> str:
    """Where in a Word template the problem is, as a person would find it: the paragraph holding the name."""
    import re

    import docx

    name = re.search(r"'([^']+)' is undefined|has no attribute '([^']+)'", str(exc))
    wanted = next((g for g in (name.groups() if name else ()) if g), "")
    if not wanted:
        return ""
    d = docx.Document(str(path))
    paragraphs = list(d.paragraphs) + [p for t in d.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    for n, para in enumerate(paragraphs, start=1):
        if wanted in para.text:
            return f"paragraph {n} ({para.text.strip()[:60]!r}): "
    return ""


def normalise_zip(path: Path, when: dt.datetime) -> None:
    """Rewrite a .docx with fixed timestamps and order, so the same record gives the same bytes."""
    import zipfile

    with zipfile.ZipFile(path) as z:
        entries = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    tmp = path.with_suffix(".tmp")
    stamp = (max(when.year, 1980), when.month, when.day, 0, 0, 0)
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)
    tmp.replace(path)


# --- HTML and PDF --------------------------------------------------------------------------

def template_env(folders: list[Path], autoescape: bool = True, **options):
    """The one way govdocs renders HTML or text templates: sandboxed, strict (a misspelt variable is an
    error, not a blank: a clerk's template is checked on every render), with the `rich` filter."""
    import jinja2
    from markupsafe import Markup

    env = _sandbox()(loader=jinja2.FileSystemLoader([str(f) for f in folders]), autoescape=autoescape,
                     undefined=jinja2.StrictUndefined, **options)
    env.filters["rich"] = lambda r: Markup(to_html(r)) if isinstance(r, Rich) else r
    return env


_ENVIRONMENTS: dict[tuple[str, ...], Any] = {}


def _jinja(ws: Workspace):
    """One environment per set of template folders: Jinja compiles a template once and sees an edited one
    by its time stamp, so a pack or a site of many documents does not compile every template again each time."""
    folders = tuple(str(d / "html") for d in template_dirs(ws))
    if folders not in _ENVIRONMENTS:
        _ENVIRONMENTS[folders] = template_env([Path(f) for f in folders])
    return _ENVIRONMENTS[folders]


def css(ws: Workspace) -> str:
    for d in template_dirs(ws):
        f = d / "html" / "style.css"
        if f.is_file():
            return f.read_text(encoding="utf-8")
    return ""


def render_html(ws: Workspace, kind: str, ctx: dict, extra_css: str = "", fixed_date: str = "") -> str:
    import jinja2
    from markupsafe import Markup

    env = _jinja(ws)
    try:
        tpl = env.get_template(f"{kind}.html")
        # the style sheet is template, not data: it goes in unescaped
        return tpl.render(**ctx, css=Markup(css(ws)), extra_css=Markup(extra_css), fixed_date=fixed_date)
    except jinja2.TemplateSyntaxError as exc:
        raise RenderError(f"{_shown(ws, exc.filename, kind)}:{exc.lineno}: template error: {exc.message}") from exc
    except jinja2.TemplateError as exc:
        file, line = _template_line(exc, kind)
        raise RenderError(f"{_shown(ws, file, kind)}:{line}: template error: {exc.message or exc}") from exc


def _template_line(exc: Exception, kind: str) -> tuple[str, int]:
    """The template file and line a rendering error came from: Jinja puts template frames in the traceback."""
    tb, found = exc.__traceback__, ("", 1)
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith(".html") or name.endswith(".css"):
            found = (name, tb.tb_lineno)
        tb = tb.tb_next
    return found


def _shown(ws: Workspace, file: str | None, kind: str) -> str:
    if not file:
        return f"{kind}.html"
    p = Path(file)
    return ws.rel(p) if p.is_absolute() and p.is_relative_to(ws.root) else (
        f"govdocs' {p.name}" if p.is_absolute() else str(p))


def write_pdf(html: str, out: Path, ws: Workspace | None = None) -> Path:
    """An accessible A4 PDF: tagged (PDF/UA-1), with language, title and bookmarks from the headings.

    Relative URLs (a council's logo) resolve against the workspace, and nothing outside the workspace
    and govdocs' templates is ever loaded.
    """
    from weasyprint import HTML

    from govdocs.render.fetch import safe_fetcher
    from govdocs.render.tagging import scope_header_cells

    roots = ([ws.root] + template_dirs(ws)) if ws is not None else [DEFAULT_TEMPLATES]
    base_url = (ws.root.as_uri() + "/") if ws is not None else None
    out.parent.mkdir(parents=True, exist_ok=True)
    HTML(string=html, base_url=base_url, url_fetcher=safe_fetcher(roots)).write_pdf(
        str(out), finisher=scope_header_cells, pdf_variant="pdf/ua-1", pdf_identifier=b"govdocs")
    return out


def output_name(ctx: dict, kind: str, ext: str) -> str:
    return f"{ctx['board_slug']}-{ctx['date']}-{kind}{'-private' if ctx.get('private') else ''}.{ext}"


def render_all(ws: Workspace, kind: str, ctx: dict, formats: list[str], out_dir: Path,
               helper: parallel.Job | None = None) -> list[Path]:
    """The document in each format. With `helper` (`pdf_writer`, forked as the command began), the PDF is laid
    out on the other core while this one makes the .docx; it is the same file either way."""
    fixed = dt.datetime.fromisoformat(ctx["date"] + "T00:00:00")
    written: list[Path] = []
    pdf = out_dir / output_name(ctx, kind, "pdf")
    html = render_html(ws, kind, ctx, fixed_date=fixed.isoformat() + "+00:00") \
        if "html" in formats or "pdf" in formats else ""
    sent = False
    if "pdf" in formats and helper is not None and helper.running:
        out_dir.mkdir(parents=True, exist_ok=True)
        source = out_dir / f".{pdf.name}.html"
        source.write_text(html, encoding="utf-8")
        helper.send({"html": str(source), "out": str(pdf)})
        sent = True
    elif helper is not None:
        helper.cancel()
    if "docx" in formats:
        written.append(render_docx(ws, kind, ctx, out_dir / output_name(ctx, kind, "docx"), fixed))
    if "html" in formats:
        p = out_dir / output_name(ctx, kind, "html")
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(html, encoding="utf-8")
        written.append(p)
    if "pdf" in formats:
        helped = helper.wait() if sent and helper is not None else False
        if sent:
            (out_dir / f".{pdf.name}.html").unlink(missing_ok=True)
        written.append(pdf if helped and pdf.is_file() else write_pdf(html, pdf, ws))
    return written


def pdf_writer(ws: Workspace):
    """A helper's work (`govdocs.parallel`): import WeasyPrint at once, then write each PDF it is sent."""
    def work(receive) -> None:
        import weasyprint  # noqa: F401 - the slow start, while the parent reads the record

        while (message := receive()) is not None:
            out = Path(message["out"])
            incoming = out.with_name(f".{out.name}.incoming")
            write_pdf(Path(message["html"]).read_text(encoding="utf-8"), incoming, ws)
            os.replace(incoming, out)
    return work
