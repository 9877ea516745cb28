"""An EPUB's container: zip → OPF package (metadata, manifest, spine) → content documents.

An e-book is an untrusted zip of XML files. Every entry read is bounded (declared and actual
decompressed size, and a total per book), so a zip bomb fails with one line instead of
filling memory; XML is parsed by lxml without entity expansion, DTDs or network access.
DRM (an `META-INF/encryption.xml` that encrypts content, not only obfuscated fonts) is named
as such. See docs/import.md, "EPUBs".
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass, field
from urllib.parse import unquote, urldefrag

from workbench.errors import SourceError

MAX_ENTRY_BYTES = 64 * 1024 * 1024  # one XHTML/OPF file, decompressed
MAX_TOTAL_BYTES = 256 * 1024 * 1024  # everything read from one book, decompressed
MAX_RATIO = 200  # decompressed / compressed size of one entry beyond which it is a bomb
FONT_OBFUSCATION = ("http://www.idpf.org/2008/embedding", "http://ns.adobe.com/pdf/enc#RC")
OPF = "{http://www.idpf.org/2007/opf}"
DC = "{http://purl.org/dc/elements/1.1/}"
CONTAINER = "{urn:oasis:names:tc:opendocument:xmlns:container}"
NCX = "{http://www.daisy.org/z3986/2005/ncx/}"
XHTML_TYPES = ("application/xhtml+xml", "text/html", "application/x-dtbook+xml")
SKIPPED_TYPES = ("cover", "titlepage", "title-page", "toc", "landmarks", "loi", "lot", "copyright-page")


@dataclass
class Package:
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None
    language: str | None = None
    publisher: str | None = None
    spine: list[str] = field(default_factory=list)  # zip paths of body documents, in reading order
    toc: dict[str, str] = field(default_factory=dict)  # zip path → the table of contents' label


def xml_parser():
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                           huge_tree=False, remove_comments=True, remove_pis=True, recover=True)


class Book:
    """Bounded reads from the zip; one SourceError line for anything wrong with it."""

    def __init__(self, data: bytes, label: str) -> None:
        self.label = label
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            self.names = set(self.zip.namelist())
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
            raise SourceError(f"{label}: not an EPUB (not a zip archive, or a damaged one)") from None
        self.read_total = 0

    def read(self, name: str) -> bytes:
        try:
            info = self.zip.getinfo(name)
        except KeyError:
            raise SourceError(f"{self.label}: damaged EPUB, {name} is missing") from None
        if info.file_size > MAX_ENTRY_BYTES or info.file_size > max(info.compress_size, 1024) * MAX_RATIO:
            raise SourceError(f"{self.label}: {name} inflates to {info.file_size / 1e6:.0f} MB; "
                              f"refused (zip bomb?)")
        try:
            with self.zip.open(info) as handle:
                data = handle.read(MAX_ENTRY_BYTES + 1)  # the header may lie about the size
        except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError, ValueError):
            raise SourceError(f"{self.label}: damaged EPUB, cannot read {name}") from None
        self.read_total += len(data)
        if len(data) > MAX_ENTRY_BYTES or self.read_total > MAX_TOTAL_BYTES:
            raise SourceError(f"{self.label}: the book inflates beyond "
                              f"{MAX_TOTAL_BYTES // (1024 * 1024)} MB of text; refused (zip bomb?)")
        return data

    def xml(self, name: str):
        from lxml import etree

        try:
            root = etree.fromstring(self.read(name), xml_parser())
        except etree.XMLSyntaxError:
            root = None
        if root is None:
            raise SourceError(f"{self.label}: damaged EPUB, {name} is not XML")
        return root


def _check_drm(book: Book) -> None:
    if "META-INF/encryption.xml" not in book.names:
        if "META-INF/rights.xml" in book.names:
            raise SourceError(f"{book.label}: the EPUB is protected by DRM (META-INF/rights.xml); "
                              f"only DRM-free books can be imported")
        return
    root = book.xml("META-INF/encryption.xml")
    methods = [el.get("Algorithm", "") for el in root.iter() if isinstance(el.tag, str)
               and el.tag.endswith("EncryptionMethod")]
    if any(method not in FONT_OBFUSCATION for method in methods) or not methods:
        raise SourceError(f"{book.label}: the EPUB is protected by DRM (META-INF/encryption.xml); "
                          f"only DRM-free books can be imported")


def _text(element) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def _resolve(base: str, href: str) -> str:
    path = unquote(urldefrag(href)[0])
    return posixpath.normpath(posixpath.join(posixpath.dirname(base), path)) if path else ""


def open_package(data: bytes, label: str) -> tuple[Book, Package]:
    book = Book(data, label)
    if "META-INF/container.xml" not in book.names:
        raise SourceError(f"{label}: a zip file but not an EPUB (no META-INF/container.xml)")
    _check_drm(book)
    rootfile = next((el.get("full-path") for el in book.xml("META-INF/container.xml").iter(f"{CONTAINER}rootfile")
                     if el.get("full-path")), None)
    if not rootfile or rootfile not in book.names:
        raise SourceError(f"{label}: damaged EPUB, its package document (OPF) is missing")
    opf = book.xml(rootfile)
    package = Package()
    meta = opf.find(f"{OPF}metadata")
    if meta is not None:
        package.title = _text(meta.find(f"{DC}title")) or None
        package.authors = [_text(el) for el in meta.iter(f"{DC}creator") if _text(el)]
        package.date = _text(meta.find(f"{DC}date")) or None
        package.language = _text(meta.find(f"{DC}language")) or None
        package.publisher = _text(meta.find(f"{DC}publisher")) or None
    manifest: dict[str, tuple[str, str, str]] = {}  # id → (zip path, media type, properties)
    for item in opf.iter(f"{OPF}item"):
        if item.get("id") and item.get("href"):
            manifest[item.get("id")] = (_resolve(rootfile, item.get("href")), item.get("media-type", ""),
                                        item.get("properties", ""))
    skipped: set[str] = set()
    for ref in opf.iter(f"{OPF}reference"):  # EPUB 2 guide: cover, title page, table of contents
        if ref.get("type", "").lower() in SKIPPED_TYPES and ref.get("href"):
            skipped.add(_resolve(rootfile, ref.get("href")))
    nav = next((path for path, _, props in manifest.values() if "nav" in props.split()), None)
    spine = opf.find(f"{OPF}spine")
    if nav:
        skipped.add(nav)
        _read_nav(book, nav, package, skipped)
    elif spine is not None and spine.get("toc") in manifest:
        _read_ncx(book, manifest[spine.get("toc")][0], package)
    for ref in spine.iter(f"{OPF}itemref") if spine is not None else ():
        entry = manifest.get(ref.get("idref", ""))
        if entry is None or entry[1] not in XHTML_TYPES or entry[0] in skipped or entry[0] not in book.names:
            continue
        package.spine.append(entry[0])
    if not package.spine:
        raise SourceError(f"{label}: the EPUB has no readable chapters in its spine")
    return book, package


def _read_nav(book: Book, path: str, package: Package, skipped: set[str]) -> None:
    """EPUB 3 navigation document: chapter labels from `toc`, cover/title page from `landmarks`."""
    from workbench.library.epub_text import epub_type, parse_xhtml

    try:
        root = parse_xhtml(book.read(path))
    except SourceError:
        return
    for nav in root.iter("nav"):
        kind = epub_type(nav)
        for link in nav.iter("a"):
            target = _resolve(path, link.get("href", ""))
            if not target:
                continue
            if "toc" in kind:
                package.toc.setdefault(target, _text(link))
            elif "landmarks" in kind and set(epub_type(link)) & set(SKIPPED_TYPES):
                skipped.add(target)


def _read_ncx(book: Book, path: str, package: Package) -> None:
    """EPUB 2 table of contents (NCX): chapter labels."""
    try:
        root = book.xml(path)
    except SourceError:
        return
    for point in root.iter(f"{NCX}navPoint"):
        content = point.find(f"{NCX}content")
        label = point.find(f"{NCX}navLabel")
        if content is not None and content.get("src"):
            package.toc.setdefault(_resolve(path, content.get("src")), _text(label))
