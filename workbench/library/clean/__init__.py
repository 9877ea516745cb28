"""The plain-text cleaner: messy article text → ArticleDraft.

(Placeholder pipeline: paragraphs split on blank lines, first line as title. The real
cleaner — titles, bylines, hyphenation, pull quotes, boilerplate — replaces this.)
"""

from __future__ import annotations

from workbench.library.model import ArticleDraft


def clean_plain_text(text: str) -> ArticleDraft:
    draft = ArticleDraft()
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    if not paragraphs:
        return draft
    draft.title = paragraphs[0]
    draft.add("title", paragraphs[0])
    for para in paragraphs[1:]:
        draft.add("paragraph", para)
    return draft
