"""A search hit and its display context (the sentence or sentences around the span)."""

from __future__ import annotations

from dataclasses import dataclass

from workbench.textnorm import sentence_spans

CONTEXT_MAX = 480


@dataclass(frozen=True)
class Hit:
    kind: str  # "article" | "note"
    article: str
    title: str
    score: float  # 0–100
    start: int  # offsets into the article's clean text
    end: int
    text: str  # the matched span (for a note hit: the matched part of the note)
    context: str
    context_start: int = 0  # where `context` starts in the article text (article hits)
    annotation: str | None = None
    keywords: bool = False  # a keyword hit: all the query's words in one sentence, not as a phrase

    def to_dict(self) -> dict:
        record = {"kind": self.kind, "article": self.article, "title": self.title,
                  "score": round(self.score, 1), "start": self.start, "end": self.end,
                  "text": self.text, "context": self.context, "context_start": self.context_start}
        if self.annotation is not None:
            record["annotation"] = self.annotation
        if self.keywords:
            record["match"] = "keywords"
        return record


def context_of(text: str, start: int, end: int, block_start: int, block_end: int) -> tuple[int, str]:
    """The whole sentences (inside the block) that the span touches, trimmed if very long."""
    c_start, c_end = start, end
    for s, e in sentence_spans(text, block_start, block_end):
        if e <= start:
            continue
        if s >= end:
            break
        c_start, c_end = min(c_start, s), max(c_end, e)
    if c_end - c_start > CONTEXT_MAX + (end - start):
        slack = CONTEXT_MAX // 2
        c_start, c_end = max(c_start, start - slack), min(c_end, end + slack)
        # cut between words, not inside one ("ructure keeper …", "… harbou"), outside the match
        if 0 < c_start < start and not text[c_start - 1].isspace():
            gap = next((i for i in range(c_start, start) if text[i].isspace()), None)
            c_start = gap + 1 if gap is not None else c_start
        if end < c_end < len(text) and not text[c_end].isspace():
            gap = next((i for i in range(c_end - 1, end - 1, -1) if text[i].isspace()), None)
            c_end = gap if gap is not None else c_end
    return c_start, text[c_start:c_end]
