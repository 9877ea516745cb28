"""Dates and datelines: "BAKU, Azerbaijan, January 8." / "January 8, 2025" / "2025-01-08".

A date is only reported when day, month and year are all present: "January 8" in a
dateline or "September 2017" in a caption is not enough to date an article.
"""

from __future__ import annotations

import re
from datetime import date

MONTHS = {
    name: number
    for number, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")],
        start=1,
    )
    for name in names
}
_MONTH = r"(?i:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"

_MDY = re.compile(r"\b(?P<m>" + _MONTH + r")\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})\b", re.IGNORECASE)
_DMY = re.compile(r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m>" + _MONTH + r"),?\s+(?P<y>\d{4})\b", re.IGNORECASE)
_ISO = re.compile(r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?!\d)")
# "12.03.2025" (day first, as in Europe) or "03/12/2025" (read only when one side exceeds 12).
_NUMERIC = re.compile(r"(?<![\d.])(?P<a>\d{1,2})(?P<sep>[./])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4})(?![\d.])")

# "CITY, Region, Month D[, YYYY]." or "CITY (Agency) —" at the very start of the lead.
_PLACE_WORD = r"[A-Z][\w.'’-]*"
_DATELINE = re.compile(
    r"^(?P<place>" + _PLACE_WORD + r"(?:\s" + _PLACE_WORD + r")*(?:,\s*" + _PLACE_WORD + r"(?:\s" + _PLACE_WORD
    + r")*){0,2}),\s*(?P<when>" + _MONTH + r"\s+\d{1,2}(?:,\s*\d{4})?|\d{1,2}\s+" + _MONTH + r"(?:,?\s+\d{4})?)\s*(?:\([^)]{1,30}\)\s*)?(?:\.|:|—|–|-)\s+"
    r"|^[A-Z][A-Z.'’-]+(?:\s[A-Z][A-Z.'’-]+)*(?:,\s*[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,2})?\s*\([A-Za-z. ]+\)\s*[—–-]+\s+"
    r"|^[A-Z][A-Z.'’-]{2,}(?:\s[A-Z][A-Z.'’-]+)*(?:,\s*[A-Z][\w.'’]*(?:\s[A-Z][\w.'’]*)?)?\s*(?:—|–|--)\s+(?=[\"“‘(]?[A-Z0-9])"
    r"|^(?!(?:The|A|An|This|That|It)\b)" + _PLACE_WORD + r"(?:\s" + _PLACE_WORD + r")?\s*\((?:Reuters|AP|AFP|Bloomberg|dpa|UPI|[A-Z]{2,}[A-Za-z]*)\)\s*[—–-]+\s+",
)


def _iso(year: str, month: str, day: str) -> str | None:
    try:
        m = int(month) if month.isdigit() else MONTHS[month.lower().rstrip(".")]
        return date(int(year), m, int(day)).isoformat()
    except (KeyError, ValueError):
        return None


_YEAR = re.compile(r"\d{4}")  # every date pattern here needs one: a text without it is no date (most lines)


def find_date(text: str) -> str | None:
    """The first complete (day, month, year) date in `text`, as ISO YYYY-MM-DD."""
    if not _YEAR.search(text):
        return None
    for pattern in (_ISO, _MDY, _DMY):
        match = pattern.search(text)
        if match:
            found = _iso(match.group("y"), match.group("m"), match.group("d"))
            if found:
                return found
    match = _NUMERIC.search(text)
    if match:
        a, b = int(match.group("a")), int(match.group("b"))
        if match.group("sep") == "." or a > 12:
            return _iso(match.group("y"), str(b), str(a))
        if b > 12:
            return _iso(match.group("y"), str(a), str(b))
    return None


# "7:00 pm", "07:00 GMT", and the British "07.00 GMT" / "7.30pm" (a dot between two digits and
# two more that no further digit follows: "12.03.2025" stays a date).
_TIME = re.compile(r"(?<![\d.])\d{1,2}(?::|\.(?=\d{2}(?!\.?\d)))\d{2}(\s*[ap]\.?m\.?)?(\s*[A-Z]{2,4})?\b", re.IGNORECASE)


_DATE_SEPARATOR = re.compile(r"\s+[·•|]\s+")
_DATE_LABEL = re.compile(r"^(published|updated|posted|date)\s*(on)?\s*:?\s*", re.IGNORECASE)
_WEEKDAY = re.compile(r"\b(mon|tue|wed|thu|fri|sat|sun)\w*\b", re.IGNORECASE)
_LETTERS3 = re.compile(r"[^\W\d_]{3,}")


def is_date_line(text: str) -> bool:
    """A short line that is only a date (optionally "Published"/"Updated" and a time), or
    dates joined by a separator ("Published March 3, 2024 · Updated March 4, 2024")."""
    if not _YEAR.search(text):
        return False  # no year, no date (taking out a time never joins digits into one)
    parts = [part for part in _DATE_SEPARATOR.split(text.strip()) if part]
    if len(parts) > 1:
        return len(parts) <= 3 and all(is_date_line(part) for part in parts)
    stripped = _DATE_LABEL.sub("", text.strip())
    stripped = _TIME.sub("", stripped)
    if len(stripped.split()) > 6 or not (find_date(stripped) or _NUMERIC.search(stripped)):
        return False
    leftover = stripped
    for pattern in (_ISO, _MDY, _DMY, _NUMERIC):
        leftover = pattern.sub("", leftover)
    leftover = _WEEKDAY.sub("", leftover)
    return not _LETTERS3.search(leftover)


def split_dateline(text: str) -> tuple[str, str]:
    """("BAKU, Azerbaijan, January 8. ", rest) — or ("", text) when there is no dateline."""
    match = _DATELINE.match(text)
    if not match:
        return "", text
    return match.group(0), text[match.end():]


_AGENCY = re.compile(r"\(([A-Z][A-Za-z. ]{1,28})\)")


def dateline_agency(text: str) -> str | None:
    """"LONDON (Reuters) -" → "Reuters": a wire story names its outlet in the dateline."""
    dateline, _ = split_dateline(text)
    match = _AGENCY.search(dateline)
    return match.group(1).strip() if match else None


def dateline_date(text: str) -> str | None:
    """The date of a dateline, only when it carries a year."""
    dateline, _ = split_dateline(text)
    return find_date(dateline) if dateline else None
