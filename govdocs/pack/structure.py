"""One structure tree for the whole PDF pack: each tagged paper's tree grafted under the front matter's.

A screen reader reads a PDF by its structure tree, and a file has exactly one; a page says which branch
its marked content belongs to by a number (/StructParents) into the tree's parent tree. Joining pages
alone (as pypdf does) leaves the papers' pages pointing into trees the pack no longer has. Here, with
qpdf's object copier (pikepdf), each paper's pages are copied first and its tree after them, so the tree's
page references land on the pack's own copies; the paper's numbers move past the front matter's, its role
and class maps join the pack's, and its top elements go under an /Art element of the pack's /Document,
titled as the contents lists it."""
from __future__ import annotations

from dataclasses import dataclass, field


def numbers(tree) -> list[tuple[int, object]]:
    """A number tree's entries (the parent tree), in order."""
    return sorted(_entries(tree, "/Nums", int), key=lambda kv: kv[0])


def names(tree) -> list[tuple[str, object]]:
    """A name tree's entries (the /IDTree)."""
    return _entries(tree, "/Names", lambda s: bytes(s).decode("latin-1"))


def _entries(tree, leaf: str, key, seen: set | None = None) -> list:
    """The (key, value) pairs of a number or name tree, from its leaf array and every /Kids below it; a node
    met twice (a paper whose tree loops back on itself) is read once."""
    seen = set() if seen is None else seen
    if tree is None or (tree.is_indirect and tree.objgen in seen):
        return []
    if tree.is_indirect:
        seen.add(tree.objgen)
    flat = tree.get(leaf)
    found = [(key(flat[i]), flat[i + 1]) for i in range(0, len(flat) - 1, 2)] if flat is not None else []
    for kid in tree.get("/Kids", []):
        found += _entries(kid, leaf, key, seen)
    return found


def _copied(pdf, obj):
    """An object of another PDF, in this one: qpdf copies indirect objects (once each, so references to the
    pages already copied land on the pack's pages); direct arrays and dictionaries are rebuilt around them."""
    import pikepdf

    if not isinstance(obj, pikepdf.Object) or not isinstance(obj, (pikepdf.Array, pikepdf.Dictionary, pikepdf.Stream)):
        return obj
    if obj.is_indirect:
        return pdf.copy_foreign(obj)
    if isinstance(obj, pikepdf.Array):
        return pikepdf.Array([_copied(pdf, v) for v in obj])
    return pikepdf.Dictionary({k: _copied(pdf, v) for k, v in obj.items()})


@dataclass
class PackTree:
    """The front matter's structure tree, growing as papers are grafted on; written back by finish()."""
    pdf: object
    parents: list = field(default_factory=list)  # (number, value) of the parent tree
    ids: list = field(default_factory=list)
    next_key: int = 0

    @classmethod
    def of(cls, pdf) -> PackTree:
        root = pdf.Root.StructTreeRoot
        parents = numbers(root.get("/ParentTree"))
        next_key = max([k + 1 for k, _ in parents] + [int(root.get("/ParentTreeNextKey", 0))])
        return cls(pdf, parents, names(root.get("/IDTree")), next_key)

    @property
    def document(self):
        """The pack's top element (WeasyPrint's /Document), which the papers go under."""
        import pikepdf

        k = self.pdf.Root.StructTreeRoot.K
        return k[0] if isinstance(k, pikepdf.Array) else k

    def graft(self, paper, pages: list, title: str, lang: str) -> None:
        """Put a tagged paper's tree under the pack's, for its pages (already copied into the pack)."""
        import pikepdf
        from pikepdf import Array, Dictionary, Name, String

        pdf = self.pdf
        src = paper.Root.StructTreeRoot
        offset = self.next_key
        top = src.K if isinstance(src.K, pikepdf.Array) else Array([src.K])
        for el in top:
            if isinstance(el, pikepdf.Dictionary) and "/P" in el:
                del el["/P"]  # else the copier brings the paper's whole tree root along
                if el.get("/S") == Name.Document:
                    el.S = Name.Div  # one /Document in a file: the paper's becomes a division of it
        art = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Art, P=self.document, T=String(title),
                                           K=Array()))
        if lang:
            art.Lang = String(lang)
        for el in top:
            copied = _copied(pdf, el)
            if isinstance(copied, pikepdf.Dictionary):
                copied.P = art
            art.K.append(copied)
        kids = self.document.get("/K")
        if kids is None or not isinstance(kids, pikepdf.Array):
            self.document.K = Array([] if kids is None else [kids])
        self.document.K.append(art)
        for key, value in numbers(src.get("/ParentTree")):
            self.parents.append((key + offset, _copied(pdf, value)))
        self.ids += [(k, _copied(pdf, v)) for k, v in names(src.get("/IDTree"))]
        for page in pages:
            if "/StructParents" in page.obj:
                page.obj.StructParents = int(page.obj.StructParents) + offset
            for annot in page.obj.get("/Annots", []):
                if "/StructParent" in annot:
                    annot.StructParent = int(annot.StructParent) + offset
            page.obj.Tabs = Name.S  # annotations in the order of the structure (PDF/UA 7.18.3)
        self.next_key = max([k + 1 for k, _ in self.parents] + [offset + int(src.get("/ParentTreeNextKey", 0))])
        self._join_maps(src, pdf)

    def _join_maps(self, src, pdf) -> None:
        """The paper's own names for standard roles, and its attribute classes, added to the pack's; where
        both name one thing, the pack's stays (the paper's elements then read as the pack's role)."""
        from pikepdf import Dictionary

        root = pdf.Root.StructTreeRoot
        for key in ("/RoleMap", "/ClassMap"):
            theirs = src.get(key)
            if theirs is None:
                continue
            ours = root.get(key)
            if ours is None:
                root[key] = ours = Dictionary()
            for name, value in theirs.items():
                if name not in ours:
                    ours[name] = _copied(pdf, value) if key == "/ClassMap" else value

    def finish(self) -> None:
        from pikepdf import Array, Dictionary, String

        root = self.pdf.Root.StructTreeRoot
        flat = Array()
        for key, value in sorted(self.parents, key=lambda kv: kv[0]):
            flat.append(key)
            flat.append(value)
        root.ParentTree = self.pdf.make_indirect(Dictionary(Nums=flat))
        root.ParentTreeNextKey = self.next_key
        if self.ids:
            flat = Array()
            for key, value in sorted(self.ids, key=lambda kv: kv[0]):
                flat.append(String(key))
                flat.append(value)
            root.IDTree = self.pdf.make_indirect(Dictionary(Names=flat))
