"""Who wrote it and where it ran: bylines, author boxes and footer credits.

Credits appear in three shapes: a "By X" line under the title (or "X | Staff Writer"); an
author box (a NAME line, a role such as "Contributor", a bio paragraph) that page layout can
drop into the middle of a sentence; and end notes ("The article is written by Dr. X, …",
"…reflect the position of OUTLET", "Reporting by X; Editing by Y", "© 2025 OUTLET", a
closing "X is a senior fellow at …"). All feed `authors`/`outlet` and leave the body.
"""

from __future__ import annotations

import re
from dataclasses import replace

from workbench.library.clean.dates import find_date
from workbench.library.clean.lines import FUNCTION_WORDS, Line, at_most_words, ends_sentence, starts_lower, words, wrap_width
from workbench.library.model import ArticleDraft

_HONORIFIC = re.compile(
    r"^(?:(?:dr|prof|professor|mr|mrs|ms|mx|sir|dame|amb|ambassador|gen|col|rev|hon)\.?\s+)+", re.IGNORECASE
)
_PARTICLES = r"(?:de|da|di|del|della|van|von|der|den|du|le|la|al|el|bin|ibn|ben|y)"
_NAME_WORD = r"(?:[A-Z][\w'’.-]*|" + _PARTICLES + r")"
_NAME = r"(?:(?:Dr|Prof|Mr|Mrs|Ms)\.?\s+)*[A-Z][\w'’.-]*(?:\s+" + _NAME_WORD + r"){0,5}"

_BYLINE = re.compile(r"^(?:written\s+|words\s+|story\s+|text\s+)?by\s*[:\s]\s*(?P<rest>.+)$", re.IGNORECASE)
_AUTHOR_LABEL = re.compile(r"^(?:author|authors|writer|written by)\s*:\s*(?P<rest>.+)$", re.IGNORECASE)
_CREDIT = re.compile(
    r"\b(?:article|op-ed|opinion piece|piece|column|commentary|analysis|essay|text)\s+(?:is|was|has been)\s+"
    r"(?:written|authored|contributed|penned|prepared)\s+by\s+(?P<name>" + _NAME + r")",
)
# Wire-story credits: "Reporting by Jane Doe in Paris and John Roe; Editing by Ann Lee"
_REPORTING = re.compile(r"^(?:additional\s+)?(?:reporting|writing|reported)\s+by\s+(?P<rest>[^;]+)", re.IGNORECASE)
_CONTRIBUTED = re.compile(r"\bcontributed(?:\s+reporting)?\s+(?:to|for)\s+this\s+(?:report|story|article)\b", re.IGNORECASE)
_AUTHOR_IS = re.compile(r"^(?i:the\s+)?(?i:author),?\s+(?P<name>" + _NAME + r"),?\s+(?:is|was)\b")
_OUTLET = re.compile(
    r"\b(?:reflects?|represents?)\s+(?:the\s+)?(?:official\s+|editorial\s+)?(?:position|views?|policy|opinions?|stance)"
    r"\s+of\s+(?P<outlet>[^.]+?)\s*\.?$",
    re.IGNORECASE,
)
_OUTLET_ORIGIN = re.compile(
    r"\b(?:(?:first|originally)\s+(?:appeared|published|ran)|(?:appeared|was published)\s+(?:first\s+)?|republished\s+"
    r"(?:with\s+permission\s+)?|(?:published|reproduced)\s+(?:with\s+permission|courtesy|in\s+partnership))"
    r"\s*(?:in|on|by|from|of|with)\s+(?-i:the\s+)?(?P<outlet>(?-i:[A-Z][\w.&'’-]*(?:\s+(?:of\s+|the\s+|and\s+|for\s+|&\s+)?"
    r"[A-Z0-9][\w.&'’-]*)*))"
    r"|^(?:copyright\s*©?|©|\(c\))\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?,?\s*)?(?P<owner>[A-Z][^,;|]+?)\s*(?:[.,;|]\s|all rights|\.?$)",
    re.IGNORECASE,
)
_BIO_SENTENCE = re.compile(
    r"^(?P<name>" + _NAME + r"),?\s+(?:is|was)\s+(?:(?:an?|the)\s+)?(?:[\w'’-]+\s+){0,5}?"
    r"(?i:fellow|professor|lecturer|researcher|analyst|journalist|writer|editor|correspondent|contributor"
    r"|director|author|expert|scholar|adviser|advisor|columnist|reporter|economist|historian)\b"
    r"|^(?P<name2>" + _NAME + r")\s+(?:writes\s+(?:about|on|for)|covers|reports\s+on|is\s+based\s+in)\s+[^.]{3,120}\.?$"
)
_ABOUT_WRITER = re.compile(r"^(?:the\s+)?(?:author|writer|columnist)s?\b[^.]{0,60}\b(?:is|are|was|teaches|works|leads)\b", re.IGNORECASE)
_DISCLAIMER = re.compile(
    r"\b(?:views|opinions)\s+(?:and\s+opinions\s+)?expressed\b|\bdo(?:es)?\s+not\s+(?:necessarily\s+)?(?:reflect|represent)\b"
    r"|\b(?:views|opinions)\b.{0,50}\b(?:author|writer)s?['’]?s?\s+own\b",
    re.IGNORECASE,
)
_CAPS_NAME = re.compile(r"^[A-Z][A-Z'’.-]+(?:\s+[A-Z][A-Z'’.-]+){1,3}$")
_TITLE_NAME = re.compile(r"^[A-Z][\w'’.-]+(?:\s+(?:" + _PARTICLES + r"\s+)?[A-Z][\w'’.-]+){1,3}$")
ROLE_NOUNS = ("contributor|columnist|author|editor|journalist|analyst|fellow|researcher|professor|expert|correspondent"
              "|writer|reporter|commentator|economist|historian|lecturer|producer|photographer|intern|staff|desk")
_ROLE = re.compile(  # "Contributor", "Senior Fellow", "Senior Fellow, Center for Food Security"
    r"^(?:[\w-]+\s+){0,2}(?:" + ROLE_NOUNS + r")s?(?:\s*[,|–—-]\s*[A-Z].{0,60}|\s+(?:at|of|with)\s+[A-Z].{0,60})?$",
    re.IGNORECASE,
)
_ROLE_WORD = re.compile(r"\b(?:" + ROLE_NOUNS + r")s?\b", re.IGNORECASE)
_ROLE_TAIL = re.compile(r"\b(?:" + ROLE_NOUNS + r")s?$", re.IGNORECASE)  # "…, Staff Writer" ends the names
_ABOUT_AUTHOR = re.compile(r"^about the authors?:?$", re.IGNORECASE)


def is_role(text: str) -> bool:
    """"Staff Writer", "Senior Fellow, Center for Food Security": a job title on its own line."""
    return bool(_ROLE.match(text.strip(" *_")))


def clean_name(name: str) -> str:
    name = re.sub(r"\s+", " ", name).strip(" ,.;:*")
    name = _HONORIFIC.sub("", name)
    return name.strip(" ,.;:")


_HOUSE_BYLINE = re.compile(
    r"^(?P<outlet>.+?)\s+(?:editorial board|editorial team|editors|staff|staff writers?|newsroom|news desk|desk|team)$",
    re.IGNORECASE,
)


def outlet_of_house_byline(name: str) -> str | None:
    """"Azerbaijan.US Editorial Board" → "Azerbaijan.US": a house byline names the outlet."""
    match = _HOUSE_BYLINE.match(name.strip())
    return match.group("outlet").strip() if match else None


def add_author(draft: ArticleDraft, name: str) -> None:
    name = clean_name(name)
    if name and name.casefold() not in {a.casefold() for a in draft.authors}:
        draft.authors.append(name)


def parse_byline(text: str) -> list[str] | None:
    """Names in a "By X and Y" line (trailing "| date" or ", Outlet" ignored), else None."""
    text = text.strip().strip("*_").strip()
    match = _BYLINE.match(text) or _AUTHOR_LABEL.match(text)
    if not match or not text[:1].isupper() or len(words(text)) > 16:
        return None
    if re.search(r"[.!?]$", text) and not re.search(r"\b[A-Z][a-z]?\.$", text):
        return None  # "By Monday, exports had doubled." is a sentence, not a byline
    rest = re.split(r"\s+[|•·–—-]\s+|\s*\|\s*", match.group("rest"))[0]
    parts = [p for p in re.split(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*", rest) if p.strip()]
    names: list[str] = []
    for part in parts:
        part = clean_name(part)
        tokens = part.split()
        if not 1 <= len(tokens) <= 6:
            return names or None
        if not all(t[:1].isupper() or t[:1].isdigit() or re.fullmatch(_PARTICLES, t) for t in tokens):
            break  # ", staff writer" or a role after the names
        if names and (_ROLE_TAIL.search(part) or _outlet_like(part)):
            break  # ", Staff Writer" / ", Transport Correspondent" / ", Reuters"
        names.append(part)
    return names or None


_OUTLET_WORDS = re.compile(
    r"\b(?:press|news|times|post|herald|journal|wire|agency|gazette|tribune|review|monitor|daily|weekly|magazine"
    r"|telegraph|guardian|observer|chronicle|standard|express|courier|dispatch|insider|network|radio|tv)$",
    re.IGNORECASE,
)


def _outlet_like(piece: str) -> bool:
    """"Reuters", "The Harbour Times", "Associated Press": an outlet after the names in a byline."""
    tokens = piece.split()
    if not tokens or not piece[:1].isupper() or len(tokens) > 5 or find_date(piece) or re.search(r"\d", piece):
        return False
    return len(tokens) == 1 or tokens[0] == "The" or bool(_OUTLET_WORDS.search(piece))


def byline_outlet(text: str) -> str | None:
    """The outlet a byline names after its authors ("By Jane Doe, Reuters" / "By X | The Harbour Times")."""
    match = _BYLINE.match(text.strip().strip("*_").strip())
    if not match:
        return None
    pieces = [p.strip() for p in re.split(r"\s+[|•·–—-]\s+|\s*\|\s*|,\s*", match.group("rest"))]
    for piece in pieces[1:]:
        if _outlet_like(piece) and not _ROLE_TAIL.search(piece) and not re.match(r"(?i)(?:updated|published)\b", piece):
            return piece
    return None


def remove_author_boxes(lines: list[Line], draft: ArticleDraft) -> list[Line]:
    """Drop "NAME / role / bio" boxes (and "About the author" + bio) wherever they sit."""
    out: list[Line] = []
    blocky = sum(1 for line in lines if line.gap) >= 0.1 * len(lines)  # paragraphs end at blank lines
    i = 0
    while i < len(lines):
        end, name = _author_box_at(lines, i, blocky)
        if end is None:
            out.append(lines[i])
            i += 1
            continue
        box = lines[i:end]
        draft.remove("bio", "\n".join(line.text for line in box))
        if name:
            add_author(draft, name)
        if end < len(lines):  # what follows keeps the larger gap (a page break, not a join)
            lines[end] = replace(lines[end], gap=max(lines[end].gap, box[0].gap))
        i = end
    return out


def _bio_end(lines: list[Line], j: int, blocky: bool) -> int:
    """Index after the bio starting at line j: a wrapped bio runs on to its blank line, and past
    a page break when it stops mid-sentence and goes on in lower case."""
    end = j + 1
    while end < len(lines):
        if lines[end].gap == 0 and (blocky or not ends_sentence(lines[end - 1].text)):
            end += 1
        elif lines[end].gap and not ends_sentence(lines[end - 1].text) and starts_lower(lines[end].text):
            end += 1  # "… a family physician in Leeds and" / page break / "writes a monthly column …"
        else:
            break
    return end


def _author_box_at(lines: list[Line], i: int, blocky: bool) -> tuple[int | None, str | None]:
    first = lines[i].text
    if len(first) <= 19 and _ABOUT_AUTHOR.match(first) and i + 1 < len(lines):  # ("About the authors:" + a newline)
        bio = lines[i + 1].text
        match = re.match(_NAME, bio)
        return _bio_end(lines, i + 1, blocky), (match.group(0) if match and len(match.group(0).split()) >= 2 else None)
    first, inline_role = _split_inline_role(first)  # "JANE DOE | Contributor" on one line
    if len(first) > 40:
        return None, None  # no name line (the usual line: nothing else is asked)
    caps = bool(_CAPS_NAME.match(first))
    title_name = bool(_TITLE_NAME.match(first))
    if not (caps or title_name):
        return None, None
    has_role = inline_role or (i + 1 < len(lines) and bool(_ROLE.match(lines[i + 1].text)))
    # "Maria Kowalska" above "Maria Kowalska is a senior fellow at …": the bio repeats the name line
    echoed = i + 1 < len(lines) and title_name and lines[i + 1].text.startswith(first) \
        and bool(_ECHO.match(lines[i + 1].text, len(first))) \
        and bool(_ROLE_WORD.search(" ".join(lines[i + 1].text.split()[:25])))  # a bio, not a profile section
    if not (caps or (has_role or echoed) and title_name):
        return None, None
    name_words = first.split()
    if any(w.casefold() in FUNCTION_WORDS for w in name_words if not re.fullmatch(_PARTICLES, w.casefold())):
        return None, None  # "WHAT THE BANKS FEAR" is a heading, not a name
    surname = name_words[-1].casefold()
    j = i + 1
    while j < min(len(lines), i + 3) and len(words(lines[j].text)) <= (10 if has_role else 5) \
            and not ends_sentence(lines[j].text) and not _names(lines[j].text, surname):
        j += 1  # role and organisation lines: "Contributor", "Senior Fellow, Center for Food Security"
    if j >= len(lines):
        return None, None
    bio = lines[j].text
    named = _names(bio, surname)
    if len(words(bio)) < 8 or not (named or has_role and _PRONOUN_BIO.match(bio)):
        return None, None  # the bio names the person, capitalised ("Petrova is …"), or follows a role line
    start = bio.casefold().find(" ".join(name_words).casefold())
    name = bio[start:start + len(first)] if start >= 0 else first.title() if first.isupper() else first
    return _bio_end(lines, j, blocky), name


_ECHO = re.compile(r"(?:,|\s+(?:is|was|has|teaches|writes|works|leads)\b)")  # after the name: "…, " / "… is"


def _names(text: str, surname: str) -> bool:
    """The text mentions the surname, capitalised, among its first twelve words ("Petrova is …")."""
    head = [re.sub(r"[’']s$", "", w.strip(",.;:()")) for w in text.split()[:12]]
    return any(w.casefold() == surname and w[:1].isupper() for w in head)


_INLINE_ROLE = re.compile(r"^(?P<name>[^|/–—,]{3,40}?)\s*[|/–—,]\s*(?P<role>.{3,60})$")
_PRONOUN_BIO = re.compile(r"^(?:she|he|they)\s+(?:is|was|are|were|has|have|teaches|writes|works|leads|served|holds)\b",
                          re.IGNORECASE)


def name_with_role(text: str) -> str | None:
    """"Jane Doe | Staff Writer" / "JANE DOE, Contributor": a byline without "By"."""
    name, has_role = _split_inline_role(text.strip(" *_"))
    if has_role and (_TITLE_NAME.match(name) or _CAPS_NAME.match(name)):
        return name if not name.isupper() else name.title()
    return None


_ROLE_SEPARATORS = re.compile(r"[|/–—,]")


def _split_inline_role(text: str) -> tuple[str, bool]:
    # The name ends at the first separator (it holds none): at most 40 characters before it and
    # 60 after it, or no _INLINE_ROLE match (a prose line with a comma: no regex backtracking).
    sep = _ROLE_SEPARATORS.search(text)
    match = _INLINE_ROLE.match(text) if sep and len(text[:sep.start()].rstrip()) <= 40 \
        and len(text[sep.end():].lstrip()) <= 60 else None
    if match and _ROLE.match(match.group("role").strip()):
        return match.group("name").strip(), True
    return text, False


def _note_groups(lines: list[Line]) -> list[tuple[int, int]]:
    """(start, end) of each logical line: a hard-wrapped note runs on until a sentence ends."""
    groups: list[tuple[int, int]] = []
    width = wrap_width(lines)
    start = 0
    for end in range(1, len(lines) + 1):
        starred = lines[start].text[:1] in "*†‡"  # a marked note runs on even across a page break
        if end < len(lines) and (lines[end].gap == 0 or starred) and end - start < 6 \
                and lines[end].text[:1] not in "*†‡" and not ends_sentence(lines[end - 1].text) \
                and (starts_lower(lines[end].text) or starred or width and len(lines[end - 1].text) >= 0.7 * width):
            continue
        groups.append((start, end))
        start = end
    return groups


def remove_footer_credits(lines: list[Line], draft: ArticleDraft) -> list[Line]:
    """Author credits and disclaimers near the end (or marked with '*') → authors/outlet."""
    groups = _note_groups(lines)
    tail_start = max(0, len(groups) - 6)

    def text_of(index: int) -> str:  # (joined only for the groups asked about: the tail, starred notes)
        a, b = groups[index]
        return " ".join(line.text for line in lines[a:b])

    last = len(groups) - 1  # the closing paragraph: the last one above any other end notes
    while last > tail_start and _footer_kind(text_of(last), starred=lines[groups[last][0]].text[:1] in "*†‡",
                                             last=False, draft=ArticleDraft()):
        last -= 1
    out: list[Line] = []
    for index, (a, b) in enumerate(groups):
        starred = lines[a].text[:1] in "*†‡"  # (the group's text starts with its first line)
        kind = _footer_kind(text_of(index), starred=starred, last=index == last, draft=draft) \
            if index >= tail_start or starred else None
        if kind:
            draft.remove(kind, "\n".join(line.text for line in lines[a:b]))
            continue
        out.extend(lines[a:b])
    return out


_NOT_NECESSARILY = re.compile(r"\bnot necessarily\b", re.IGNORECASE)


def _footer_kind(raw: str, *, starred: bool, last: bool, draft: ArticleDraft) -> str | None:
    """'credit' or 'footer' when the line is an end note (and record what it says)."""
    text = raw.lstrip("*_†‡—–- ").strip()
    if not at_most_words(text, 80):
        return None
    n_words = len(words(text))
    reporting = _REPORTING.match(text)
    if reporting and n_words <= 40:
        for part in re.split(r",\s*(?:and\s+)?|\s+and\s+", reporting.group("rest")):
            name = re.match(_NAME, part.strip())
            if name:
                add_author(draft, re.sub(r"\s+in\s+.*$", "", name.group(0)))
        return "credit"
    if _CONTRIBUTED.search(text) and n_words <= 40:
        return "credit"  # "X contributed to this report": a helper, not an author
    credit = _CREDIT.search(text) or _AUTHOR_IS.match(text)
    if not credit and last and n_words <= 60:
        credit = _BIO_SENTENCE.match(text)  # "Jane Doe is a senior fellow at …" closing the piece
    disclaimer = bool(_DISCLAIMER.search(text) or _NOT_NECESSARILY.search(text))
    outlet = _OUTLET.search(text) if (starred or disclaimer) else None
    origin = _OUTLET_ORIGIN.search(text) if n_words <= 40 else None
    about = bool((starred or last) and n_words <= 60 and _ABOUT_WRITER.match(text))
    if not (credit or disclaimer or outlet or origin or about):
        return None
    if credit:
        add_author(draft, credit.group("name") or credit.group("name2"))
    found = outlet or origin
    if found and not draft.outlet:
        label = found.groupdict().get("outlet") or found.groupdict().get("owner") or ""
        draft.outlet = re.sub(r"\s+\d{4}$", "", label.strip(" *\"“”'").rstrip(".")) or None
    return "credit" if credit else "bio" if about else "footer"
