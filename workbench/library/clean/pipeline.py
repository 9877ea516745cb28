"""The plain-text cleaner's pipeline: messy article text → ArticleDraft (typed pieces + metadata).

One module per concern, run in this order: boilerplate lines, footer credits, author
boxes (all before paragraphs are built, so a box dropped mid-sentence leaves the
sentence's two halves adjacent), the head (caption, title, subtitle, byline), paragraphs
(unwrapping, page breaks, hyphenation, markup), pull quotes, headings. Everything taken
out is recorded in `draft.removed`. See docs/cleaning.md.
"""

from __future__ import annotations

from workbench.library.clean.boilerplate import boilerplate_kind, remove_boilerplate
from workbench.library.clean.bylines import remove_author_boxes, remove_footer_credits
from workbench.library.clean.dates import dateline_agency, dateline_date
from workbench.library.clean.hyphenation import Vocabulary
from workbench.library.clean.lines import Line, forget_words, split_lines
from workbench.library.clean.markup import strip_inline
from workbench.library.clean.page import find_article
from workbench.library.clean.paragraphs import build_units, classify_headings, detect_layout, drop_trailing_fragments
from workbench.library.clean.pull_quotes import (
    find_pull_quotes, forget_folded, norm_words, sharing_runs, split_glued, token_norm,
)
from workbench.library.clean.captions import remove_body_captions
from workbench.library.clean.titles import derive_title, extract_header
from workbench.library.model import ArticleDraft

__all__ = ["clean_plain_text", "forget_cached"]


def forget_cached() -> None:
    """Empty the cleaner's caches (words per text, furniture per line, folded paragraphs), which
    otherwise persist across articles in a process: benchmarks time the cleaner from cold."""
    forget_words()
    boilerplate_kind.cache_clear()
    forget_folded()


def _split_glued_pull_quotes(units: list, draft: ArticleDraft, finished: bool) -> None:
    """Pull quotes run into a paragraph come out of it (see `split_glued`)."""
    # Paragraphs holding a run of six words said twice somewhere: the only ones asked.
    candidates = sharing_runs([norm_words(u.text) if u.kind == "paragraph" else [] for u in units])
    normed: dict[int, str] = {}  # token_norm of the paragraphs asked about so far (a neighbour's, as it is now)

    def normed_at(index: int) -> str:
        if index not in normed:
            normed[index] = token_norm(units[index].text) if units[index].kind == "paragraph" else ""
        return normed[index]

    for index in sorted(candidates):
        unit = units[index]
        if unit.kind != "paragraph":
            continue
        around = " | ".join([normed_at(near) for near in (index - 1, index + 1) if 0 <= near < len(units)])
        glued = split_glued(unit.text, around, finished=finished)
        if glued:
            draft.remove("pull_quote", glued[0])
            unit.text = glued[1]
            normed[index] = token_norm(unit.text)  # the copy left behind is the body's own


def _stripped(line: Line) -> Line:
    """The line without inline markup (the same Line when there is none: most lines)."""
    text = strip_inline(line.text) or line.text
    return line if text == line.text else Line(text, line.gap, line.indent)


def clean_plain_text(text: str, *, furniture: frozenset[str] = frozenset()) -> ArticleDraft:
    """Clean one plain-text article; never raises on odd input (worst case: one paragraph).

    The one entry point for text from any source (a .txt file, a PDF's page text): text in,
    ArticleDraft out. `furniture`: library evidence, the keys (`recurring.line_hash`) of this
    text's lines that recur across the library's articles (see library/evidence.py)."""
    draft = ArticleDraft()
    vocab = Vocabulary.of(text)
    lines = split_lines(text)
    lines, page_title = find_article(lines, draft, furniture)
    lines = remove_boilerplate(lines, draft)
    lines = remove_author_boxes(lines, draft)
    lines = remove_footer_credits(lines, draft)
    lines = [_stripped(line) for line in lines]
    body = remove_body_captions(extract_header(lines, draft, title=page_title), draft)

    layout = detect_layout(body)
    units = build_units(body, vocab, layout)
    dropped = find_pull_quotes([u.text for u in units], [u.kind for u in units])
    for index in sorted(dropped):
        draft.remove("pull_quote", units[index].text)
    units = [u for i, u in enumerate(units) if i not in dropped]
    # Wrapped text without blank lines runs any pull quote into its neighbours; elsewhere only
    # one without its full stop can be run on (a finished sentence said twice may be a refrain).
    _split_glued_pull_quotes(units, draft, finished=layout.wrapped and not layout.blocky)
    classify_headings(units)
    for unit in drop_trailing_fragments(units):
        draft.remove("footer", unit.text)

    for unit in units:
        draft.add(unit.kind, unit.text)
    paragraphs = [u.text for u in units if u.kind == "paragraph"]
    if not draft.title:
        draft.title = derive_title(paragraphs)
        draft.title_is_derived = True
    if paragraphs and not draft.date:
        draft.date = dateline_date(paragraphs[0])
    if paragraphs and not draft.outlet:
        draft.outlet = dateline_agency(paragraphs[0])
    return draft
