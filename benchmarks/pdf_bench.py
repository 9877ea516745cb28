"""PDF import quality and speed on browser-printed web pages, against pdftotext.

    python benchmarks/pdf_bench.py [--corpus ../shared/corpora/page-dumps] [--show ID]

For every `pdf/<id>.pdf` with a true body in `truth.json`: the article's body blocks
(paragraph, heading, quote — no title, byline or captions, as the truth has none) are scored
with the page-dumps README's method (\\w+ tokens, 4-token shingles with multiplicity; mean
precision over pages with predicted text, mean recall over pages with true text, F1 of the
means). `pdftotext` (poppler) on the same files is the baseline when it is installed.

The set is split by a fixed rule on the id (its first hex digit: 0-4 → held out) into a
development part and a held-out part; both are reported, and the held-out figure is the one
to quote (rules were tuned looking at development pages only).

Also reported: title accuracy (as clean_bench.py judges it: token F1 ≥ 0.8 with the page's
own og:title or an <h1> from `html/<id>.html`, since truth.json has no headlines),
seconds per page, and leftovers of the browser's running furniture in the body — print
dates ("12/6/26, 3:08 AM"), "n/N" page counters and the page's own URL.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.clean_bench import page_pr as score  # noqa: E402  (the README's shingle scoring, once)
from benchmarks.clean_bench import DEFAULT_CORPUS, summary, title_references, title_right  # noqa: E402
from workbench.library.parsers import draft_from_source  # noqa: E402
from workbench.library.sources import load_source  # noqa: E402

BODY = ("paragraph", "heading", "quote")
_TOKEN = re.compile(r"\w+")
_PRINT_DATE = re.compile(r"\b\d{1,2}/\d{1,2}/\d{2}, \d{1,2}:\d{2}\s?[AP]M\b")


def fold(text: str | None) -> str:
    return " ".join(_TOKEN.findall((text or "").casefold()))


def held_out(page_id: str) -> bool:
    return page_id[0] in "01234"


def leftovers(body: str, url: str | None, pages: int) -> list[str]:
    found = [m.group(0) for m in _PRINT_DATE.finditer(body)]
    found += [f"{i}/{pages}" for i in range(1, pages + 1)
              if re.search(rf"(?<![\w/.]){i}/{pages}(?![\w/])", body)]
    if url and url in body:
        found.append(url)
    return found


def _fmt(value: float | None) -> str:
    return "  -  " if value is None else f"{value:.3f}"


def pdftotext(path: Path) -> str | None:
    if not shutil.which("pdftotext"):
        return None
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=False)
    return result.stdout.decode("utf-8", "replace") if result.returncode == 0 else ""


def generated_pdf(pages: int, printed: bool = False) -> bytes:
    """A report of `pages` pages: running head, "n/N" foot, six wrapped paragraphs a page.
    `printed`: as a browser prints a web page — Creator says so, the title stands under a menu
    on page 1, and every page carries a linked line (the web page's rules all run)."""
    import random

    from fpdf import FPDF

    rng = random.Random(7)
    vocabulary = ("the river authority opened northern sluices after three days of steady rain while farmers "
                  "moved cattle to higher ground and the council reviewed its warning system").split()
    pdf = FPDF()
    pdf.set_auto_page_break(False)
    pdf.set_title("Annual Report of the River Authority")
    if printed:
        pdf.set_creator("Mozilla/5.0 HeadlessChrome/120")
    for n in range(1, pages + 1):
        pdf.add_page()
        pdf.set_font("Helvetica", size=8)
        pdf.text(90, 8, "River Authority Annual Report")
        pdf.text(180, 290, f"{n}/{pages}")
        pdf.set_font("Helvetica", size=11)
        y = 25.0
        if printed:
            if n == 1:
                for entry in ("Home", "News", "Reports", "Contact"):
                    pdf.text(25, y, entry)
                    y += 6
                pdf.set_font("Helvetica", size=20)
                pdf.text(25, y + 4, "Annual Report of the River Authority")
                pdf.set_font("Helvetica", size=11)
                y += 16
            pdf.text(25, y, f"Related: river levels in week {n}")
            pdf.link(25, y - 4, 60, 5, "https://example.org/levels")
            y += 8
        for _ in range(6):
            for line in range(7):
                words = " ".join(rng.choice(vocabulary) for _ in range(12))
                pdf.text(25, y, words + ("." if line == 6 else ""))
                y += 6
            y += 5
    return bytes(pdf.output())


def scale() -> int:
    """Linear time: seconds per page must not grow with the number of pages."""
    from workbench.library.pdf_source import parse_pdf

    for printed in (False, True):
        rows = []
        for pages in (200, 2000):
            data = generated_pdf(pages, printed)
            start = time.process_time()
            draft = parse_pdf(data, f"{pages} pages")
            seconds = time.process_time() - start
            rows.append((pages, seconds))
            print(f"{'printed web page' if printed else 'report':<17}{pages:>5} pages: {seconds:7.2f} CPU s, "
                  f"{seconds / pages * 1000:.1f} ms/page, {len(draft.pieces)} blocks, "
                  f"{len(draft.page_marks)} page marks")
        (small, t_small), (big, t_big) = rows
        print(f"per-page cost ratio {big}/{small} pages: {(t_big / big) / (t_small / small):.2f} (1.0 = linear)")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    parser.add_argument("--show", help="print the body of one page id (prefix) and stop")
    parser.add_argument("--pages", action="store_true", help="also list every page's P/R (worst first)")
    parser.add_argument("--scale", action="store_true",
                        help="instead: CPU seconds per page for generated 200- and 2,000-page PDFs (linear time?)")
    args = parser.parse_args()
    if args.scale:
        return scale()
    corpus = Path(args.corpus)
    if not (corpus / "truth.json").is_file():
        corpus = Path("/work/shared/corpora/page-dumps")
    truth = json.loads((corpus / "truth.json").read_text("utf-8"))
    files = sorted((corpus / "pdf").glob("*.pdf"))
    ours: dict[str, list] = {"dev": [], "held": []}
    base: dict[str, list] = {"dev": [], "held": []}
    titles: dict[str, list[bool]] = {"dev": [], "held": []}
    seconds, page_count, left = 0.0, 0, []
    rows: list[tuple[float, str]] = []
    for path in files:
        page_id = path.stem
        if page_id not in truth:
            continue
        record = truth[page_id]
        part = "held" if held_out(page_id) else "dev"
        start = time.process_time()  # CPU time: other work on a shared machine counts less
        try:
            draft = draft_from_source(load_source(path))
            body = "\n\n".join(text for kind, text in draft.pieces if kind in BODY)
            title = draft.title if not draft.title_is_derived else None
        except Exception as exc:  # noqa: BLE001 — a failure scores as empty, and is shown
            print(f"{page_id[:8]}: failed: {exc}", file=sys.stderr)
            body, title, draft = "", None, None
        seconds += time.process_time() - start
        import pypdfium2 as pdfium

        pages = len(pdfium.PdfDocument(str(path)))
        page_count += pages
        if args.show and page_id.startswith(args.show):
            print(f"TITLE: {title}\nTRUE:  {record.get('headline')}\n\n{body}")
            return 0
        ours[part].append(score(body, record["articleBody"]))
        p_page, r_page = ours[part][-1]
        rows.append((p_page if p_page is not None else -1.0,
                     f"{page_id[:8]} {part:<5} P {_fmt(p_page)} R {_fmt(r_page)} {len(body.split()):>6} words"))
        baseline = pdftotext(path)
        if baseline is not None:
            base[part].append(score(baseline, record["articleBody"]))
        refs = title_references(corpus / "html" / f"{page_id}.html")
        if refs:
            titles[part].append(title_right(title, refs))
        found = leftovers(body, record.get("url"), pages)
        if found:
            left.append(f"{page_id[:8]}: {found[:3]}")
    print(f"{len(files)} PDFs, {page_count} pages; held out: ids starting 0-4")
    print(f"{'part':<10}{'n':>4}{'P':>8}{'R':>8}{'F1':>8}   pdftotext P/R/F1      titles")
    for part in ("dev", "held"):
        p, r, f = summary(ours[part])
        line = f"{part:<10}{len(ours[part]):>4}{p:8.3f}{r:8.3f}{f:8.3f}"
        if base[part]:
            bp, br, bf = summary(base[part])
            line += f"   {bp:.3f}/{br:.3f}/{bf:.3f}"
        else:
            line += "   (pdftotext not installed)"
        t = titles[part]
        line += f"   {sum(t)}/{len(t)} = {sum(t) / len(t):.0%}" if t else ""
        print(line)
    p, r, f = summary(ours["dev"] + ours["held"])
    print(f"{'all':<10}{len(ours['dev']) + len(ours['held']):>4}{p:8.3f}{r:8.3f}{f:8.3f}")
    print(f"CPU seconds per page: {seconds / max(1, page_count):.4f}")
    print(f"furniture left in bodies: {len(left)} page(s)" + ("".join(f"\n  {x}" for x in left)))
    if args.pages:
        print("\n".join(row for _, row in sorted(rows)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
