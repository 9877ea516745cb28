"""Photo captions and credits: above a title (so it is not taken for one) and in the body.

A caption reads like one by its words ("Photo:", "(AFP)", "Getty Images"), by a trailing
", Month YYYY", or by being sentence case over a Title Case line. Split from titles.py, which
asks `caption_like` and `credited_caption` while it looks for the head.
"""

from __future__ import annotations

import re

from workbench.library.clean.dates import MONTHS
from workbench.library.clean.lines import Line, at_most_words, ends_sentence, heading_like, is_strict_title_case, words
from workbench.library.model import ArticleDraft

_MONTH = r"(?:" + "|".join(MONTHS) + r")\.?"
CAPTION_DATE = re.compile(  # ", September 2017" / ", 8 September 2017" / ", Sept. 8, 2017"
    r",\s*(?:" + _MONTH + r"\s+(?:\d{1,2},?\s+)?|\d{1,2}\s+" + _MONTH + r"\s+)\d{4}\.?$", re.IGNORECASE)
_CAPTION_CREDIT = re.compile(
    r"^(?:photo|image|picture|illustration|file photo)s?\b|\b(?:photo|image|credit|pictured)s?\s*(?::|by\b)"
    r"|\((?:photo|image|credit|file)[^)]*\)\s*$|\b(?:getty images|shutterstock|via reuters|ap photo|afp photo)\b"
    r"|\((?:afp|ap|reuters|epa|getty|xinhua|anadolu|dpa|tass|efe|ansa)\b[^)]{0,40}\)\s*$",
    re.IGNORECASE,
)
_BODY_CAPTION = re.compile(
    r"^(?:photo|image|picture|illustration|file photo)s?\s*(?::|by\b|credit)|\((?:photo|image|credit|file)[^)]*\)\s*$"
    r"|^(?:image|photo|picture|video|media)\s+(?:source|caption|credit)s?\s*[,:]"
    r"|^(?:reuters|afp|ap|epa|getty images|anadolu|xinhua|tass|shutterstock)(?:\s*/\s*[\w .'’-]{2,40})?$"
    r"|[.,/|–—-]\s*\(?(?:getty images|shutterstock|afp|reuters|ap|epa|anadolu|xinhua|tass|ap photo|afp photo)"
    r"(?:\s+via\s+getty images)?\)?$"
    r"|\b(?:photo|image)s?\s*:\s*[\w ./&'’-]{1,40}$",
    re.IGNORECASE,
)

def caption_like(text: str, following: str | None = None) -> bool:
    """A photo caption: credit words, a trailing ", Month YYYY", or sentence case above a Title."""
    if _CAPTION_CREDIT.search(text):
        return True
    if len(words(text)) >= 4 and CAPTION_DATE.search(text) and not text.rstrip().endswith("?"):
        return True
    return bool(
        following
        and ":" not in text  # "Topic: the long road" is a sentence-case title, not a caption
        and len(words(text)) >= 6
        and len(words(following)) >= 3
        and not ends_sentence(text)
        and not is_strict_title_case(text)
        and is_strict_title_case(following)
        and heading_like(following, max_words=20)
    )


def credited_caption(text: str) -> bool:
    """"… (AFP)", "… Getty Images", "Photo: …": a caption whatever stands next to it."""
    return 6 <= len(words(text)) <= 40 and bool(_CAPTION_CREDIT.search(text))


# What a _BODY_CAPTION match needs: one of these words at the start, a ")" or an agency at the
# end, or "photo"/"image" and a colon — tested before the regex searches the whole line.
_CAPTION_STARTS = ("photo", "image", "picture", "illustration", "file photo", "video", "media", "reuters", "afp",
                   "ap", "epa", "getty images", "anadolu", "xinhua", "tass", "shutterstock")
_CAPTION_ENDS = ("getty images", "shutterstock", "afp", "reuters", "ap", "epa", "anadolu", "xinhua", "tass", "photo")


def _may_be_body_caption(text: str) -> bool:
    if "\u0130" in text or "\u0131" in text or "\u017f" in text:
        return True  # "İ", "ı", "ſ": IGNORECASE reads them as "i"/"s", lower() does not — ask the regex
    low = text.lower().rstrip()
    end = low[:-1] if low.endswith(")") else low
    return low.startswith(_CAPTION_STARTS) or low.endswith(")") or end.endswith(_CAPTION_ENDS) \
        or ":" in low and ("photo" in low or "image" in low)


def remove_body_captions(lines: list[Line], draft: ArticleDraft) -> list[Line]:
    """Photo captions/credits standing on their own line in the body."""
    kept: list[Line] = []
    for line in lines:
        if _may_be_body_caption(line.text) and at_most_words(line.text, 40) and _BODY_CAPTION.search(line.text):
            draft.remove("caption", line.text)
            continue
        kept.append(line)
    return kept
