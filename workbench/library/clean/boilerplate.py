"""Web-page furniture that is not part of the article: adverts, promos, navigation.

Copying an article from a news site drags along "- Advertisement -", newsletter boxes,
"Must read", "More articles", share buttons. These are recognised by shape (a short line
of a known kind), never by the article's own words, and are recorded as removed.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from workbench.library.clean.dates import is_date_line
from workbench.library.clean.lines import Line, ends_sentence, heading_like, starts_lower, words, wrap_width
from workbench.library.clean.starts import first_items, may_begin, may_start, starts, uncased_symbol
from workbench.library.model import ArticleDraft

_ADVERT = re.compile(
    r"^[-–—•|\s]*(advertisement|advertising|sponsored( content| post)?|(partner|paid) (content|post)|promoted( content)?"
    r"|ad|spot_img|spot_imgspot_img)"
    r"(\s*[-–—•|:]\s*)?(spot_img|(story )?continues below|scroll to continue( with content)?)?\s*$",
    re.IGNORECASE,
)
_ADVERT_TOKEN = re.compile(r"\bspot_img\b|^-\s*advertisement\s*-", re.IGNORECASE)

_NAVIGATION = re.compile(
    r"^(must[- ]reads?|more articles|latest articles?|latest news|related( articles| posts| stories| news)?"
    r"|recommended( for you)?|popular( posts| stories)?|trending( now)?|you (may|might) (also )?like"
    r"|share( this( article| story| post)?)?( on \w+)?|tweet|print|email|comments?|leave a (comment|reply)"
    r"|tags?|categories|previous article|next article|skip to (main )?content|back to top"
    r"|follow us( on [\w ,&]+)?|click here.*|top stories|editor'?s picks?|read (more|also|next)|(also|see) read|see also"
    r"|most (read|popular|viewed|shared)|don'?t miss|print (this )?(page|article|story)|listen to (this|the) (article|story)"
    r"|subscribe( now| today)?|sign in|log ?in|continue reading( below)?|story continues( below)?( (the )?advertisement)?"
    r"|scroll (down )?to continue( with content)?|all rights reserved|reading time.*|enter your e-?mail( address)?( (subscribe|sign up))?"
    r"|comments?\s*\(\d+\)|\d+ comments?|view comments|show comments|menu|search|home|close|open menu"
    r"|toggle navigation|main menu|sections)\s*[:.]?\s*$",
    re.IGNORECASE,
)
_SOCIAL = re.compile(
    r"^(?:(?:share (?:on|via) )?(?:facebook|twitter|x|whatsapp|telegram|linkedin|reddit|pinterest|email|e-mail|print|copy link|messenger)"
    r"[\s,|•·/]*){1,10}$",
    re.IGNORECASE,
)
_META = re.compile(
    r"^(?:\d+\s*min(?:ute)?s?\s+read|tags?\s*:.*|filed under\s*:?.*|topics?\s*:.*|(?:home|news)\s*(?:[>»/›]\s*[\w ,&'’-]+){1,6}"
    r"|(?:updated|published|posted)?\s*\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago)$",
    re.IGNORECASE,
)
_READ_MORE = re.compile(r"^(read more|read also|also read|see also|related|recommended|watch)\s*[:|–—-]\s*\S", re.IGNORECASE)
_SHARE = re.compile(r"^share (this|on)\b.{0,40}$", re.IGNORECASE)
# A promo names the newsletter or the inbox, or opens with the call to action itself; a body
# sentence that merely mentions signing up ("Residents can sign up for alerts.") is kept.
_PROMO = re.compile(
    r"\b(?:our\s+(?:[\w-]+\s+){0,3}newsletters?|your inbox|subscribe to our|follow us on"
    r"|join our (?:mailing|telegram|whatsapp))\b|^\W*(?:[\w'’-]+\W+){0,6}newsletters?\W*$"
    r"|^by (?:signing up|subscribing|registering)\b.{0,80}\b(?:terms|privacy)\b"
    r"|^(?:[^.?!]{0,60}[?!.]\s+)?(?:sign[- ]up|subscribe|get (?:the|our) (?:latest|best)|join (?:us|our \w+) on|never miss"
    r"|follow [\w.]+(?: [\w.]+)? on (?:telegram|twitter|x|facebook|instagram|youtube|whatsapp|linkedin))\b",
    re.IGNORECASE,
)


# A site's cookie notice, not a sentence that mentions cookies ("The bakery's cookies use butter.").
_COOKIE = re.compile(
    r"\b(?:we|this (?:web)?site|our (?:web)?site|the site)\s+(?:also\s+)?uses?\s+cookies\b"
    r"|\bcookies?\s+(?:policy|settings|preferences|consent|notice|banner)\b|\buse of cookies\b"
    r"|\b(?:accept|manage|reject|decline|allow)\s+(?:all\s+)?cookies\b"
    r"|^(?:accept|reject|decline|allow) all$|^(?:manage|cookie) (?:preferences|settings|options)$",
    re.IGNORECASE,
)
# A line that only marks the end of the story: "###", "—30—", "■", "◆", "∎".
_END_MARK = re.compile(r"^(?:#{3}|#\s#\s#|[-—–]\s*30\s*[-—–]|[■□◆◇∎▪◼●✦]+|\*{3}|\*\s\*\s\*|[-—–_]{3,})$",
                       re.IGNORECASE)
# Headers of the lists and sections that follow an article on a web page.
_TAIL_HEADER = re.compile(
    r"^(?:more articles|more stories|more from [\w .&'’-]{1,30}|more (?:coverage|on this (?:story|topic))|further reading"
    r"|related(?: articles| stories| posts| news| content| coverage| reading| links)?|in other news|see more"
    r"|tags|topics|categories|filed under"
    r"|latest(?: articles?| news| stories)?|recommended(?: for you| reading)?|you (?:may|might) also like|most (?:read|popular|viewed|shared|emailed|commented)"
    r"|explore more(?: on (?:these|this) topics?)?|read next|read more|read also|also read|see also|top stories|editor'?s picks?|popular (?:posts|stories)"
    r"|trending(?: now)?|what to read next)\s*(?::|\.{3}|…)?$|^more\s*:$",  # "You may also like…", "More:"
    re.IGNORECASE,
)
_COMMENTS = re.compile(
    r"^(?:\d+\s+)?comments?(?:\s*\(\d+\))?:?$|^\d+\s+(?:responses?|replies)$"  # "Responses" alone may be a heading
    r"|^(?:leave a (?:comment|reply)|join the (?:conversation|discussion)"
    r"|(?:show|view|read) (?:all )?(?:\d+ )?comments|comments are closed|add a comment)\.?$",
    re.IGNORECASE,
)
# "6 thoughts on “Title”", "12 comments on Title", "3 responses to “Title”": a blog's comment header.
_COMMENT_COUNT = re.compile(r"^\d{1,5}\s+(?:thoughts?|comments?|responses?|replies)\s+(?:on|to)\s+\S.{0,200}$",
                            re.IGNORECASE)
# A comment's time stamp standing alone: "August 22, 2018 at 5:57 am", "22/08/2018 14:05", "3 hours ago".
_COMMENT_STAMP = re.compile(
    r"^(?=.{0,60}$).{0,30}\b(?:19|20)\d{2}\b.{0,12}?\b\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?\s*$"
    r"|^\d{1,3}\s+(?:minutes?|hours?|days?|weeks?|months?|years?)\s+ago$",
    re.IGNORECASE,
)
# A photo gallery's counter: "Image 1 of 8", "Photo 3 of 12", "Slide 2 of / 5".
_GALLERY = re.compile(r"^(?:image|photo|picture|slide)\s+\d{1,4}\s+of\s+/?\s*\d{1,4}$", re.IGNORECASE)
# What a (stripped) gallery counter line can start with, IGNORECASE's matches of "i"/"s" included
# ("İ", "ı", "ſ"): a cheap test before the regex.
_GALLERY_FIRST = frozenset("iIpPsS\u0130\u0131\u017f")
COMMENT_STAMPS = 2  # a comment header followed by this many stamped posts opens a comment section
STAMP_REACH = 8  # lines below the header within which the first post's stamp stands


def _comment_section(rest: list[Line]) -> bool:
    """The lines under a comment header read as posts: stamped (the first one just below)."""
    stamps = [i for i, r in enumerate(rest) if _COMMENT_STAMP.match(r.text.strip())]
    return len(stamps) >= COMMENT_STAMPS and stamps[0] < STAMP_REACH


_PROMO_WORDS = ("newsletter", "inbox", "subscribe", "follow", "join", "sign", "never miss", "get the", "get our")
_PROMO_WORD = re.compile("|".join(map(re.escape, _PROMO_WORDS)))  # any of them in a lower-cased line: one C scan
_COOKIE_STARTS = ("accept", "reject", "decline", "allow", "manage")


@lru_cache(maxsize=8192)
def boilerplate_kind(text: str) -> str | None:
    """'advert', 'navigation', 'promo', 'cookie' or 'end_mark' for a line of page furniture, else None.

    Pure and cached: a page judges the same lines as blocks, as lines and as tail sections. The
    regexes that search a whole line run only when a word they need is in it."""
    stripped = text.strip()
    if stripped[:1] in "*_" and stripped[-1:] in "*_":
        stripped = stripped.strip("*_ ") or stripped  # "**Advertisement**"
    if len(stripped) > 400:
        return None  # longer than any furniture line
    # The line-anchored regexes are asked only when the line's start could start a match (`_may`).
    # (A list header is a few words — "more from" and 30 characters at most; an advert line's
    # words are a fixed few: longer lines skip those.)
    may = _may(stripped)
    if "end" in may and _END_MARK.match(stripped):
        return "end_mark"
    n = len(words(stripped))
    if n <= 17 and "tail" in may and _TAIL_HEADER.match(stripped):
        return "navigation"
    low = stripped.lower()
    if n <= 45 and ("cookie" in low or low.startswith(_COOKIE_STARTS)) and _COOKIE.search(stripped):
        return "cookie"
    if n <= 8 and "advert" in may and _ADVERT.match(stripped) \
            or ("spot_img" in low or "advertisement" in low) and _ADVERT_TOKEN.search(stripped):
        return "advert"
    if n <= 8 and "nav" in may and _NAVIGATION.match(stripped) \
            or n <= 8 and "share" in may and _SHARE.match(stripped) \
            or n <= 20 and "social" in may and _SOCIAL.match(stripped):
        return "navigation"
    if n <= 20 and "meta" in may and _META.match(stripped) \
            or n <= 25 and "read" in may and _READ_MORE.match(stripped):
        return "navigation"
    if n <= 30 and _PROMO_WORD.search(low) and _PROMO.search(stripped):
        return "promo"
    return None


_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?$|^\d{1,4}\s*[|•·]\s*.{1,40}$|^.{1,40}[|•·]\s*\d{1,4}$",
                          re.IGNORECASE)
REPEATS = 3  # a short line printed this often is a running header or footer


def _page_number(text: str) -> bool:
    """`_PAGE_NUMBER.match(text)`, asked only of a text that starts or ends with a digit (each of
    its alternatives does; "$" may stand before a final newline)."""
    return (text[:1].isdigit() or text[-1:].isdigit() or text[-2:-1].isdigit()) and bool(_PAGE_NUMBER.match(text))


def _repeated_lines(lines: list[Line]) -> set[str]:
    """Short lines that recur verbatim (page headers/footers of a PDF or print copy)."""
    counts = Counter(line.text for line in lines)  # (lines with the same text have the same words)
    return {text for text, n in counts.items() if n >= REPEATS and len(words(text)) <= 10}


def _tail_sections(lines: list[Line]) -> dict[int, str]:
    """Lines of the sections a web page puts after the article: a "More articles" header
    followed only by headlines (or other furniture), or a "Comments" header and the comments
    (any number of them when they carry the posts' time stamps)."""
    found: dict[int, str] = {}
    start = int(len(lines) * 0.5)
    for index in range(len(lines) - 1, start - 1, -1):
        text = lines[index].text.strip()
        may = _may(text)  # (the three regexes below are line-anchored: most lines ask none)
        comments = "comments" in may and _COMMENTS.match(text)
        if (comments or "count" in may and _COMMENT_COUNT.match(text)) and (
                comments and len(lines) - index - 1 <= 40 and all(len(words(r.text)) <= 120 for r in lines[index + 1:])
                or _comment_section(lines[index + 1:])):
            found = {i: "comment" for i in range(index + 1, len(lines))}
            found[index] = "navigation"
        elif "tail" in may and _TAIL_HEADER.match(text) and all(
            i in found or boilerplate_kind(r.text) or (len(words(r.text)) <= 18 and not ends_sentence(r.text))
            for i, r in enumerate(lines[index + 1:], start=index + 1)
        ):
            found.update({i: found.get(i) or "navigation" for i in range(index, len(lines))})
    return found


# The line-anchored regexes, and what their matches can start with — read off each regex
# (starts.py), never kept by hand: the (lower-case, ASCII) first one and two characters, and the
# items that match a first character (for lines that start with a symbol: •, “, □, ©).
_ANCHORED = {"end": _END_MARK, "tail": _TAIL_HEADER, "advert": _ADVERT, "nav": _NAVIGATION, "social": _SOCIAL,
             "meta": _META, "read": _READ_MORE, "share": _SHARE, "comments": _COMMENTS, "count": _COMMENT_COUNT}
_FIRST = {name: starts(regex, 1) for name, regex in _ANCHORED.items()}
_PAIRS = {name: starts(regex, 2) for name, regex in _ANCHORED.items()}
_FIRST_ITEMS = {name: first_items(regex) for name, regex in _ANCHORED.items()}
_ANY = frozenset(_ANCHORED)
_NOTHING: frozenset[str] = frozenset()
_MAY_FIRST = {ch: frozenset(name for name in _ANCHORED if may_start(_FIRST[name], ch)) for ch in map(chr, range(128))}
_MAY_PAIR = {
    pair: may for pair, may in (
        (letter + chr(code), frozenset(name for name in _ANCHORED if may_start(_PAIRS[name], letter + chr(code))))
        for letter in "abcdefghijklmnopqrstuvwxyz" for code in range(128))
    if may
}
_MAY_SYMBOL: dict[str, frozenset[str]] = {}  # filled as symbols are met (a page uses a few)


def _may(text: str) -> frozenset[str]:
    """The names of the line-anchored regexes (`_ANCHORED`) a match of which `text` may start
    with: by its first two characters when they are ASCII and the first is a letter (prose lines
    begin "Th", "He", "In" — no furniture word), else by its first character. A non-ASCII first
    character that is no symbol (a letter: IGNORECASE matches "ſ" for "s"; a space) asks them all."""
    first, second = text[:1], text[1:2]
    if second and first.isalpha() and first.isascii() and second.isascii():
        return _MAY_PAIR.get(text[:2].lower(), _NOTHING)
    if first.isascii() and first and not first.isspace():
        return _MAY_FIRST.get(first.lower(), _NOTHING)
    found = _MAY_SYMBOL.get(first)
    if found is None:
        found = frozenset(name for name, items in _FIRST_ITEMS.items() if may_begin(items, first)) \
            if uncased_symbol(first) else _ANY
        if len(_MAY_SYMBOL) < 4096:
            _MAY_SYMBOL[first] = found
    return found


_LONG_KINDS = ("cookie", "promo")  # furniture long enough to be hard-wrapped
# A word every cookie notice or promo holds (see boilerplate_kind): without one, neither can it be.
_LONG_HINT = re.compile("|".join(map(re.escape, ("cookie", *_COOKIE_STARTS, *_PROMO_WORDS))))


def _long_kind(text: str) -> str | None:
    """boilerplate_kind(text) when that is a cookie notice or promo, else None (usually without
    judging the text at all: a hard-wrapped run of lines is a new text each time)."""
    if not _LONG_HINT.search(text.lower()):
        return None
    kind = boilerplate_kind(text)
    return kind if kind in _LONG_KINDS else None


def _wrapped_kinds(lines: list[Line]) -> dict[int, str | None]:
    """Judge hard-wrapped lines as the one line they were: a cookie notice or promo wrapped
    over two lines goes whole, and a body sentence that mentions a newsletter stays whole."""
    found: dict[int, str | None] = {}
    width = wrap_width(lines)
    if not width:
        return found  # one line per paragraph: nothing is wrapped
    start = 0
    for end in range(1, len(lines) + 1):
        if end < len(lines) and lines[end].gap == 0 and len(lines[end - 1].text) >= 0.7 * width \
                and starts_lower(lines[end].text) and not ends_sentence(lines[end - 1].text):
            continue  # a full-width line running on: the same sentence
        if end - start > 1:
            joined = " ".join(line.text for line in lines[start:end])
            if not _LONG_HINT.search(joined.lower()):
                start = end
                continue  # no line of it holds a word that a cookie notice or promo needs either
            kind = _long_kind(joined)
            for index in range(start, end):
                if kind:
                    found[index] = kind
                elif _long_kind(lines[index].text):
                    found[index] = None  # part of a sentence that only mentions such things
        start = end
    return found


def remove_boilerplate(lines: list[Line], draft: ArticleDraft) -> list[Line]:
    """Drop furniture lines; a promo's short headline line just above it goes too."""
    kept: list[Line] = []
    carry = 0  # blank lines before a removed line pass to the next kept one
    running = _repeated_lines(lines)
    tail = _tail_sections(lines)
    blocky = sum(1 for line in lines if line.gap) >= 0.1 * len(lines)  # blank lines separate blocks
    in_list = False  # headlines hanging under a "Related coverage" header
    after_promo = False  # the line before was a promo's (a subscription box goes on below it)
    in_gallery = False  # the block a gallery counter opens: captions, credits, "1 / 8", "Back to Gallery"
    wrapped = _wrapped_kinds(lines)
    for index, line in enumerate(lines):
        in_gallery = line.text[:1] in _GALLERY_FIRST and bool(_GALLERY.match(line.text.strip())) \
            or in_gallery and line.gap == 0
        kind = "caption" if in_gallery else \
            wrapped[index] if index in wrapped else boilerplate_kind(line.text) or tail.get(index)
        if kind is None and in_list and line.gap == 0 and len(words(line.text)) <= 16 and not ends_sentence(line.text):
            kind = "navigation"
        if kind is None and after_promo and blocky and line.gap == 0 and len(words(line.text)) <= 20 \
                and (index + 1 == len(lines) or lines[index + 1].gap):
            kind = "promo"  # the box's last line under its call to action ("Thousands of readers get new posts …")
        after_promo = kind == "promo"
        in_list = kind == "navigation" and (in_list or bool(_TAIL_HEADER.match(line.text.strip())))
        if kind is None and (line.text in running or _page_number(line.text)):
            kind = "page_furniture"
        if kind is None:
            kept.append(line if carry <= line.gap else Line(line.text, carry, line.indent))  # (replace() is slow)
            carry = 0
            continue
        gap = line.gap
        if kind == "promo" and kept and gap == 0 and _promo_headline(kept[-1].text) \
                and (blocky or heading_like(kept[-1].text)):
            headline = kept.pop()
            draft.remove("promo", headline.text)
            gap = headline.gap
        draft.remove(kind, line.text)
        carry = max(carry, gap)
    return kept


def _promo_headline(text: str) -> bool:
    """"Stay Ahead with X" above "Get … straight to your inbox" (not a date or byline line)."""
    return len(words(text)) <= 8 and not ends_sentence(text) and not is_date_line(text) \
        and not re.match(r"(?i)by\s", text) and not text[:1].isdigit()
