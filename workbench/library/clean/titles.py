"""The article's head: photo caption, title, subtitle (standfirst), byline, date.

A title is a short unterminated line at the top that is followed by more text. A line
above it that reads like a photo caption (ends with a date, names a photo credit, or is
sentence case above a Title Case line) is not the title. With no title line at all, one is
derived from the lead: the first plain sentence (no quoted speech, no dateline).
"""

from __future__ import annotations

import re
from dataclasses import replace

from workbench.library.clean import bylines
from workbench.library.clean.captions import CAPTION_DATE, caption_like, credited_caption
from workbench.library.clean.credits import affiliation, bare_names, credited_names
from workbench.library.clean.dates import find_date, is_date_line, split_dateline
from workbench.library.clean.lines import (
    Line, content_words, ends_sentence, is_strict_title_case, starts_lower, words, wrap_width,
)
from workbench.library.clean.markup import markdown_heading, strip_inline
from workbench.library.model import ArticleDraft
from workbench.textnorm import sentence_spans

_KICKER = re.compile(
    r"^(?:opinion|analysis|commentary|editorial|interview|news|feature|exclusive|op-ed|politics|world|business"
    r"|breaking|breaking news|explainer|review|column|essay|report|update)$",
    re.IGNORECASE,
)
_QUOTES = re.compile(r"[\"“”«»]")


def split_sentences(text: str) -> list[str]:
    """Sentences, not splitting after initials and common abbreviations ("U.S.", "Dr.") — the
    one definition of a sentence end, textnorm's."""
    return [text[start:end] for start, end in sentence_spans(text)]


def derive_title(paragraphs: list[str], *, max_words: int = 16) -> str | None:
    """A title from the lead: its first unquoted sentence (≥ 5 words), dateline removed, shortened."""
    candidates: list[str] = []
    for index, paragraph in enumerate(paragraphs[:3]):
        if index == 0:
            _, paragraph = split_dateline(paragraph)
        candidates.extend(split_sentences(paragraph)[:2])
    if not candidates:
        return None
    plain = [s for s in candidates if not _QUOTES.search(s) and len(s.split()) >= 5]
    return shorten(plain[0] if plain else candidates[0], max_words) or None


_CLAUSE_BREAK = re.compile(r"[:;]\s|\s[—–]\s|—(?=\w)")


def shorten(sentence: str, max_words: int = 16) -> str:
    """A long lead sentence cut at its first clause break (": ", " — "), else after max_words with "…"."""
    sentence = sentence.strip()
    tokens = sentence.split()
    if len(tokens) > max_words + 4:  # a sentence a little longer than a headline stays whole
        for match in _CLAUSE_BREAK.finditer(sentence):
            head = sentence[:match.start()].strip()
            if 5 <= len(head.split()) <= max_words + 6:
                return head.rstrip(",;:")
        sentence = " ".join(tokens[:max_words]).rstrip(",;:—–-") + "…"
    return sentence.rstrip(".").strip()


_MENU_SEPARATOR = re.compile(r"\s+[|•·]\s+")


def menu_row(text: str) -> bool:
    """"Home | World | Business | Tech | Sign in": four or more short items between bars or
    dots — a site's menu, never a headline (a headline has at most a "| Site" tail)."""
    items = _MENU_SEPARATOR.split(text.strip())
    return len(items) >= 4 and all(0 < len(item.split()) <= 3 for item in items)


def title_candidate(text: str) -> bool:
    stripped = text.rstrip()
    if starts_lower(stripped) or len(words(stripped)) > 25 or len(stripped) > 200 or menu_row(stripped):
        return False
    if split_dateline(stripped)[0]:
        return False  # "NAIROBI, Kenya, May 2, 2025 — …" opens the lead
    if not ends_sentence(stripped) or stripped.endswith(("?", "!", "?”", "!”")):
        return True
    # "Azerbaijan Turns East." / "The Ban Is Working, Teachers Say. Parents Are Less Sure." — Title Case headlines
    return stripped.endswith(".") and len(words(stripped)) <= 20 and is_strict_title_case(stripped) \
        and stripped.count(". ") <= 2 and len(content_words(stripped)) >= 2


def extract_header(lines: list[Line], draft: ArticleDraft, *, title: str | None = None) -> list[Line]:
    """Take caption/title/subtitle/byline/date lines off the top; return the body lines.

    `title`: already chosen among the candidates of a saved page's head (see page.py); "" when
    that head had none, so no body line is taken for one."""
    i = 0
    if title:
        return _after_title([Line(title), *lines], 0, draft, {})
    if title is not None:
        return _bylines_and_dates(lines, 0, draft)
    lines, parts = _unwrap_head(lines)
    lines = [replace(line, text=markdown_heading(line.text) or line.text)  # "# Title" in a .txt file
             if index == 0 or index < 4 and line.text.startswith("# ") else line for index, line in enumerate(lines)]
    for line in [line for line in lines[:4] if _KICKER.match(line.text.strip(" :|"))]:
        draft.remove("kicker", line.text)  # "Analysis" above or below the title
        lines = [kept for kept in lines if kept is not line]
    for _ in range(4):  # date lines, section labels and photo captions above the title, in any order
        if len(lines) < i + 3:
            break
        text, following = lines[i].text, lines[i + 1].text
        if is_date_line(text):  # "Published March 3, 2025"
            draft.date = draft.date or find_date(text)
            draft.remove("date", text)
        elif menu_row(text):  # the site's menu above the headline
            draft.remove("navigation", text)
        elif _kicker(text) and title_candidate(following) and not _title_candidate_is_byline(following):
            draft.remove("kicker", text)
        elif len(words(text)) <= 40 and not starts_lower(following) \
                and (credited_caption(text) or _caption_above_title(lines, i)):
            draft.remove("caption", text)
        else:
            break
        i += 1
    if _masthead_over_headline(lines, i):  # "The Slow Archive" / headline / standfirst / byline
        draft.outlet = draft.outlet or lines[i].text
        draft.remove("masthead", lines[i].text)
        i += 1
    if (i + 1 < len(lines) and title_candidate(lines[i].text) and not _title_candidate_is_byline(lines[i].text)
            and not _runs_on(lines, i)):  # a first line that runs on is the lead, not a title
        return _after_title(lines, i, draft, parts)
    return _given_back(_bylines_and_dates(lines, i, draft), parts)


def _after_title(lines: list[Line], i: int, draft: ArticleDraft, parts: dict) -> list[Line]:
    """Line `i` is the title: take it, then the subtitle, bylines and dates under it."""
    title, outlet = _split_outlet_suffix(lines[i].text)
    draft.title, draft.outlet = title, draft.outlet or outlet
    if outlet:
        draft.remove("title_suffix", outlet)
    draft.add("title", title)
    i = _subtitle(lines, i + 1, draft)
    return _given_back(_bylines_and_dates(lines, i, draft), parts)


def _given_back(body: list[Line], parts: dict) -> list[Line]:
    given_back: list[Line] = []  # body lines as they were
    for line in body:
        joined, sources = parts.get(id(line), (None, [line]))
        given_back.extend(sources if joined is line else [line])
    return given_back


# What photo captions say and headlines do not: "(L)", "pictured", "poses", "a view of".
_CAPTION_CUE = re.compile(
    r"\((?:l|r|c|left|right|centre|center|front|top|bottom)\)|\b(?:left to right|l-r|pictured|is seen|are seen|poses?"
    r"|posing|gestures?|waves? to|a view of|an aerial view|looks? on|speaks? (?:during|at|to)|attends?|arrives? (?:at|for)"
    r"|shakes? hands|walks? past|wades?|queue|queues)\b",
    re.IGNORECASE,
)


def _caption_above_title(lines: list[Line], i: int) -> bool:
    """Line i is a photo caption and line i + 1 the title (see `caption_like`); a sentence-case
    line with a caption's words ("… (L) and …", "pictured", "poses") counts too."""
    first, second = lines[i].text, lines[i + 1].text
    if not title_candidate(second) or _title_candidate_is_byline(second):
        return False
    if caption_like(first, second):
        return True
    if not title_candidate(first) and any(_title_candidate_is_byline(line.text) for line in lines[i + 2:i + 4]):
        return True  # a finished sentence above "Title / (standfirst) / By …": the photo's caption
    return not is_strict_title_case(first) and len(words(first)) >= 6 and bool(_CAPTION_CUE.search(first))


HEAD_LINE = 400  # characters: longer than any caption, title or byline, joined or not
HEAD = 6  # lines at the top where a caption, title, standfirst or byline may be hard-wrapped


def _unwrap_head(lines: list[Line]) -> tuple[list[Line], dict[int, tuple[Line, list[Line]]]]:
    """Join the wrapped halves of the head's lines ("… flooded street after the" / "IJssel burst
    its banks (AFP)", "… Parents Are Less" / "Sure."): the next line starts in lower case, or
    this one ends in "the"/a comma, or this one is full width and the next is a short tail.
    Also returns the source lines of each joined line, so body lines can be given back as they were."""
    width = wrap_width(lines)
    out: list[Line] = []
    parts: dict[int, tuple[Line, list[Line]]] = {}  # id(joined line) → (that line, its source lines)
    for index, line in enumerate(lines):
        prev = out[-1] if out else None
        if prev is not None and line.gap == 0 and len(prev.text) <= HEAD_LINE \
                and _wrapped_pair(prev.text, line.text, width):
            joined = replace(prev, text=strip_inline(f"{prev.text} {line.text}"))
            parts[id(joined)] = (joined, [*parts.pop(id(prev), (prev, [prev]))[1], line])
            out[-1] = joined
            continue
        if len(out) >= HEAD:
            return out + lines[index:], parts
        out.append(line)
    return out, parts


def _wrapped_pair(first: str, second: str, width: int) -> bool:
    if ends_sentence(first) or first.endswith(("-", "—", "–")) or bylines.parse_byline(second) or is_date_line(second):
        return False  # a broken word is the joiner's job
    if not words(first) or not words(second):
        return False
    if starts_lower(second):
        return True
    if not width:
        return False  # one line per paragraph: a head line is never wrapped
    return first.endswith(",") or words(first)[-1].lower() in _NEVER_LAST \
        or len(first) >= 0.85 * width and (len(words(second)) <= 3 or second[:1].isdigit())


_NEVER_LAST = frozenset(  # no title ends so
    "the a an of and or its their his her our your my with from at by into onto than to as".split())


_OUTLET_SUFFIX = re.compile(r"^(?P<title>.{12,}?)\s+\|\s+(?P<outlet>[A-Z][\w.&'’-]*(?:\s+[\w.&'’-]+){0,3})$")


def _split_outlet_suffix(text: str) -> tuple[str, str | None]:
    """"Title | The Harbour Times" (a web page title) → ("Title", "The Harbour Times")."""
    match = _OUTLET_SUFFIX.match(text)
    if not match or not is_strict_title_case(match.group("outlet")) and len(match.group("outlet").split()) > 1:
        return text, None
    if len(match.group("title").split()) < 2 * len(match.group("outlet").split()):
        return text, None  # "Armenia and Azerbaijan | The Long Road": two halves of one title
    return match.group("title"), match.group("outlet")


def _runs_on(lines: list[Line], i: int) -> bool:
    """The sentence on line i goes on below (maybe past a block dropped into it): body text."""
    if i + 1 < len(lines) and starts_lower(lines[i + 1].text):
        return True
    return i + 2 < len(lines) and not ends_sentence(lines[i].text) and starts_lower(lines[i + 2].text) \
        and lines[i + 2].gap > 0 and len(words(lines[i].text)) >= 8


def _masthead_over_headline(lines: list[Line], i: int) -> bool:
    """Line `i` is a publication's name over the article's head: a shorter Title Case line above
    a Title Case headline, its longer sentence-case standfirst, and a byline or date
    ("The Slow Archive" / "The Librarian Who Refused to Digitise" / "What a small-town archive
    teaches about keeping things" / "Tomasz Wrona" over "Jan 9, 2025")."""
    if i + 4 > len(lines):
        return False
    name, headline, standfirst, below = (line.text for line in lines[i:i + 4])
    n_name, n_headline = len(words(name)), len(words(headline))
    if not (1 <= n_name <= 6 and n_name < n_headline <= 20 and len(words(standfirst)) > n_headline):
        return False
    if not (is_strict_title_case(name) and is_strict_title_case(headline) and not ends_sentence(name)
            and not ends_sentence(headline) and title_candidate(headline)) \
            or _title_candidate_is_byline(name) or _title_candidate_is_byline(headline):
        return False
    if is_strict_title_case(standfirst) or ends_sentence(standfirst) and len(words(standfirst)) > 40:
        return False
    after = lines[i + 4].text if i + 4 < len(lines) else ""
    return _title_candidate_is_byline(below) or bool(bare_names(below)) and is_date_line(after)


def _title_candidate_is_byline(text: str) -> bool:
    return bylines.parse_byline(text) is not None or is_date_line(text) or bylines.name_with_role(text) is not None


def _subtitle(lines: list[Line], i: int, draft: ArticleDraft) -> int:
    text = lines[i].text if i < len(lines) else ""
    if i + 1 < len(lines) and (credited_caption(text) or 6 <= len(words(text)) <= 40 and (
            CAPTION_DATE.search(text) or not is_strict_title_case(text) and _CAPTION_CUE.search(text))):
        draft.remove("caption", lines[i].text)  # the photo sits between the title and the standfirst
        i += 1
    if i + 1 >= len(lines) or _title_candidate_is_byline(lines[i].text) or credited_names(lines, i):
        return i
    text, following = lines[i].text, lines[i + 1].text
    if _runs_on(lines, i):
        return i  # the line runs on into the next: body text, not a standfirst
    unterminated = title_candidate(text) and 4 <= len(words(text)) <= 30  # not a first heading ("Background")
    standfirst = len(words(text)) <= 40 and _title_candidate_is_byline(following)
    if unterminated or standfirst:
        draft.subtitle = text
        draft.add("subtitle", text)
        return i + 1
    return i


def _bylines_and_dates(lines: list[Line], i: int, draft: ArticleDraft) -> list[Line]:
    """Bylines and date lines among the first few lines after the title."""
    body: list[Line] = []
    before = list(draft.authors)  # credits found elsewhere come after the byline's names
    draft.authors.clear()
    window = i + 3
    for index in range(i, len(lines)):
        line = lines[index]
        if index < window:
            names = bylines.parse_byline(line.text)
            if not names and (with_role := bylines.name_with_role(line.text)):
                names = [with_role]  # "Jane Doe | Staff Writer"
            if names:
                for name in names:
                    bylines.add_author(draft, name)
                    draft.outlet = draft.outlet or bylines.outlet_of_house_byline(name)
                draft.outlet = draft.outlet or bylines.byline_outlet(line.text)
                draft.add("byline", line.text)
                draft.date = draft.date or find_date(line.text)
                window += 1
                continue
            names = credited_names(lines, index)  # "Priya Natarajan" over a date, "Carla Quispe, University of …"
            if names:
                for name in names:
                    bylines.add_author(draft, name)
                draft.add("byline", line.text)
                window += 1
                continue
            if draft.pieces and draft.pieces[-1][0] == "byline" and body == [] and len(words(line.text)) <= 15 \
                    and (bylines.is_role(line.text) or affiliation(line.text)):
                draft.remove("credit", line.text)  # "Staff Writer" / "Department of …" under the byline
                window += 1
                continue
            if is_date_line(line.text):
                draft.date = draft.date or find_date(line.text)
                draft.remove("date", line.text)
                window += 1
                continue
        body.append(line)
    for name in before:
        bylines.add_author(draft, name)
    return body


_SECTION_PATH = re.compile(r"^[\w&'’ -]{2,25}(?:\s+[|/>»›]\s+[\w&'’ -]{2,25}){1,3}$")  # "HEALTH | Public policy"


_SECTIONS = frozenset("""world news politics business opinion analysis economy economics markets europe asia africa
    americas middle east uk us local national international health science climate environment energy tech technology
    education culture arts sport sports lifestyle travel food features long reads read comment and""".split())


def _kicker(text: str) -> bool:
    """A section label above the title ("OPINION", "Analysis", "World > Europe", "Climate and Environment")."""
    tokens = [w.lower() for w in words(text)]
    return bool(_KICKER.match(text.strip(" :|"))) or (text.isupper() and len(tokens) <= 2) \
        or bool(_SECTION_PATH.match(text)) and len(tokens) <= 6 \
        or 0 < len(tokens) <= 3 and all(w in _SECTIONS for w in tokens) and tokens[-1] != "and"
