"""What a search result shows: the matched span in the middle, a line of context each side.

A long sentence used to be shown from its start and cut at 300 characters, so the match
was often off the end. Here the snippet is built around [start, end): up to one line
(`width` characters) before and after, cut at word boundaries, the span itself emphasised
and the query's words inside it underlined. Very long spans keep their head and tail.
"""

from __future__ import annotations

from rich.text import Text

from workbench.textnorm import normalize

CONTEXT_STYLE = "dim"
MATCH_STYLE = "bold yellow"
WORD_STYLE = "bold yellow underline"


def _flat(text: str) -> str:
    """Whitespace runs (newlines too) as single spaces, keeping a leading/trailing one."""
    if not text:
        return ""
    flat = " ".join(text.split())
    if text[:1].isspace():
        flat = " " + flat
    if text[-1:].isspace() and flat != " ":
        flat += " "
    return flat


def _tail(text: str, limit: int) -> tuple[str, bool]:
    """The last `limit` characters of `text`, starting at a word; (text, cut?)."""
    if len(text) <= limit:
        return text, False
    cut = text[-limit:]
    space = cut.find(" ")
    return (cut[space + 1:] if 0 <= space < limit // 2 else cut), True


def _head(text: str, limit: int) -> tuple[str, bool]:
    if len(text) <= limit:
        return text, False
    cut = text[:limit]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut), True


def snippet(text: str, start: int, end: int, width: int = 100, query: str = "") -> Text:
    """Context, emphasised match, context — about three lines of `width` for a short match."""
    width = max(20, width)
    before, cut_before = _tail(_flat(text[max(0, start - 3 * width):start]), width)
    match = _flat(text[start:end]).strip()
    after, cut_after = _head(_flat(text[end:end + 3 * width]), width)
    if len(match) > 3 * width:  # a very long span: its head and tail, the middle elided
        head, _ = _head(match, int(1.5 * width))
        tail, _ = _tail(match, int(1.5 * width))
        match = f"{head} … {tail}"
    out = Text()
    if cut_before:
        out.append("…", style=CONTEXT_STYLE)
    out.append(before.lstrip() if not cut_before else before, style=CONTEXT_STYLE)
    if before and not before.endswith(" ") and text[start - 1:start].isspace():
        out.append(" ")
    at = len(out)
    out.append(match, style=MATCH_STYLE)
    emphasise_words(out, query, at, at + len(match))
    if after and not after.startswith(" ") and text[end:end + 1].isspace():
        out.append(" ")
    out.append(after.rstrip() if not cut_after else after, style=CONTEXT_STYLE)
    if cut_after:
        out.append("…", style=CONTEXT_STYLE)
    return out


def emphasise_words(out: Text, query: str, lo: int = 0, hi: int | None = None) -> None:
    """Underline each word of `query` (folded like the core's textnorm) inside out[lo:hi]."""
    hi = len(out.plain) if hi is None else hi
    region = normalize(out.plain[lo:hi], casefold=True)
    for word in {w for w in normalize(query, casefold=True).text.split() if len(w) > 1}:
        at = region.text.find(word)
        while at != -1:
            s, e = region.span(at, at + len(word))
            out.stylize(WORD_STYLE, lo + s, lo + e)
            at = region.text.find(word, at + len(word))
