"""Character offsets ↔ TextArea (row, column) locations, in one place.

Offsets into `Article.text` are the single source of truth for highlights and search hits;
the reader's TextArea thinks in (row, column). `display_text` replaces the characters that
`str.splitlines` would treat as line breaks (but `\\n` is the only one we mean) with spaces,
one for one, so both views keep the same length and the same positions.
"""

from __future__ import annotations

from bisect import bisect_right

# str.splitlines() breaks on these too; the TextArea document uses splitlines.
_EXTRA_BREAKS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_TO_SPACE = str.maketrans({ch: " " for ch in _EXTRA_BREAKS})


def display_text(text: str) -> str:
    """The article text as the reader shows it: same length, only `\\n` breaks lines."""
    return text.translate(_TO_SPACE)


class OffsetMap:
    """Converts between offsets into a text and (row, column) locations."""

    def __init__(self, text: str) -> None:
        self.length = len(text)
        starts = [0]
        find = text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self.line_starts = starts

    def line_start(self, row: int) -> int:
        return self.line_starts[row]

    def line_end(self, row: int) -> int:
        """Offset just past the last character of `row` (before its newline)."""
        if row + 1 < len(self.line_starts):
            return self.line_starts[row + 1] - 1
        return self.length

    def to_location(self, offset: int) -> tuple[int, int]:
        offset = max(0, min(offset, self.length))
        row = bisect_right(self.line_starts, offset) - 1
        return row, offset - self.line_starts[row]

    def to_offset(self, location: tuple[int, int]) -> int:
        row, column = location
        row = max(0, min(row, len(self.line_starts) - 1))
        return min(self.line_starts[row] + max(0, column), self.line_end(row))
