"""Query sets for the search benchmark: real news articles plus seeded misquote generators.

Everything here looks only at article text (never at the search engine's index, folding or
passages), so the queries test the engine rather than mirror it. Each generator returns
`Query(kind, text, targets)`: `targets` are (article id, start, end) spans a right hit must
cover (any one of them for misquotes; keyword queries list every sentence holding all the
words; absent sentences have none).
"""

from __future__ import annotations

import itertools
import json
import random
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from workbench.library.model import ArticleDraft

_REPO = Path(__file__).resolve().parent.parent
# The development corpus sits next to the main checkout (../shared); worktrees are one level deeper.
PAGE_DUMPS = next((p / "corpora/page-dumps" for p in (_REPO.parent / "shared", _REPO.parent.parent / "shared")
                   if (p / "corpora/page-dumps/truth.json").is_file()), _REPO.parent / "shared/corpora/page-dumps")
TRUTH = PAGE_DUMPS / "truth.json"
# The benchmark's own idea of a sentence end: . ! ? (and closers) then space and a capital or an
# opening quote (or a letter of a script without case) — not after an initial ("U.S.") or a short abbreviation ("Nr.", "Mr.").
_SENT_END = re.compile(r"(\S*)[.!?][\"'\u201d\u2019)]?\s+(?=[\"\u201c\u2018(]?[^\W_a-z])")
_ABBREV = re.compile(r"(?:[A-Z]|[A-Z][a-z]{1,2}|[A-Z]\.[A-Z]|(?:[a-z]\.)?[a-z])")
_WORD = re.compile(r"\w+(?:['\u2019]\w+)*")
STOP = {"a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by", "from", "as", "is", "are", "was", "were", "be", "been", "being", "it", "its", "this", "that", "these", "those", "he", "she", "they", "we", "you", "i", "his", "her", "their", "our", "your", "my", "not", "no", "so", "if", "then", "than", "there", "here", "who", "whom", "which", "what", "when", "where", "why", "how", "all", "any", "some", "more", "most", "such", "only", "also", "just", "very", "can", "could", "will", "would", "should", "may", "might", "must", "do", "does", "did", "has", "have", "had", "said", "says", "about", "after", "before", "into", "over", "under", "up", "out", "one", "two", "new"}

CONTRACTIONS = [("don\u2019t", "do not"), ("It\u2019s", "It is"), ("didn\u2019t", "did not"), ("won\u2019t", "will not"),
                ("couldn\u2019t", "could not"), ("wouldn\u2019t", "would not"), ("doesn't", "does not"),
                ("isn't", "is not"), ("don't", "do not"), ("it's", "it is"), ("can't", "cannot")]
SYNONYMS = {"said": "stated", "big": "large", "but": "however", "also": "too", "start": "begin",
            "started": "began", "help": "assist", "buy": "purchase", "bought": "purchased", "show": "reveal",
            "shows": "reveals", "showed": "revealed", "get": "obtain", "got": "obtained", "many": "numerous",
            "often": "frequently", "about": "around", "because": "since", "while": "whereas",
            "told": "informed", "think": "believe", "thought": "believed", "want": "wish", "wanted": "wished",
            "need": "require", "needed": "required", "quickly": "rapidly", "almost": "nearly",
            "enough": "sufficient", "important": "significant", "announced": "declared", "people": "persons"}
NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
                "nineteen"]
TENS = {20: "twenty", 30: "thirty", 40: "forty", 50: "fifty", 60: "sixty", 70: "seventy", 80: "eighty",
        90: "ninety"}
SCALE = {"m": "million", "bn": "billion", "tn": "trillion", "k": "thousand"}


@dataclass
class Query:
    kind: str
    text: str
    targets: list[tuple[str, int, int]] = field(default_factory=list)


def real_articles() -> list[ArticleDraft]:
    """The real news bodies of the page-dumps development set as drafts (title + paragraphs)."""
    records = json.loads(TRUTH.read_text(encoding="utf-8"))
    drafts = []
    for key in sorted(records):
        body = records[key].get("articleBody") or ""
        paras = [p.strip() for p in re.split(r"\n+", body) if p.strip()]
        if len(paras) < 3:
            continue
        draft = ArticleDraft()
        draft.title = (records[key].get("headline") or paras[0])[:120]
        draft.add("title", draft.title)
        for p in paras:
            draft.add("paragraph", p)
        drafts.append(draft)
    return drafts


def sentences(article) -> list[tuple[int, int, int]]:
    """(block index, start, end) of the benchmark's sentences in each paragraph."""
    out = []
    for b, block in enumerate(article.blocks_of("paragraph")):
        cuts = [block.start] + [m.end() for m in _SENT_END.finditer(article.text, block.start, block.end)
                                if not _ABBREV.fullmatch(m[1].lstrip("(\"\u201c"))]
        for s, e in zip(cuts, cuts[1:] + [block.end]):
            while s < e and article.text[s].isspace():
                s += 1
            while e > s and article.text[e - 1].isspace():
                e -= 1
            if e > s:
                out.append((b, s, e))
    return out


def typo(word: str, rng: random.Random, vocab: set[str] | None = None) -> str:
    """One slip of the keyboard; with `vocab`, prefer a slip that is itself a real word ("back" → "beck")."""
    if len(word) < 4:
        return word
    if vocab is not None and rng.random() < 0.5:
        real = []
        for i in range(1, len(word)):
            for ch in "aeiou":
                w = word[:i] + ch + word[i + 1:]
                if w != word and w.lower() in vocab:
                    real.append(w)
        if real:
            return rng.choice(real)
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(4)
    if kind == 0:
        return word[:i] + word[i + 1:]
    if kind == 1:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if kind == 2:
        return word[:i] + rng.choice("aeiourstln") + word[i:]
    return word[:i] + rng.choice("aeiourstln") + word[i + 1:]


def light(q: str, rng: random.Random) -> str:
    """A light misremembering: one or two of contraction, straight quotes, a dropped word, case, a typo."""
    for op in rng.sample(["contraction", "straight", "drop", "case", "typo", "swap"], rng.choice((1, 2))):
        words = q.split()
        if op == "contraction":
            for a, b in CONTRACTIONS:
                q = q.replace(a, b)
        elif op == "straight":
            q = q.translate(str.maketrans("\u2018\u2019\u201c\u201d", "''\"\""))
        elif op == "case":
            q = q.lower()
        elif op == "drop" and len(words) > 8:
            del words[rng.randrange(1, len(words) - 1)]
            q = " ".join(words)
        elif op == "typo":
            long_idx = [i for i, w in enumerate(words) if len(w) >= 5]
            if long_idx:
                i = rng.choice(long_idx)
                words[i] = typo(words[i], rng)
                q = " ".join(words)
        elif op == "swap" and len(words) > 5:
            i = rng.randrange(len(words) - 1)
            words[i], words[i + 1] = words[i + 1], words[i]
            q = " ".join(words)
    return q


def _number_words(n: int) -> str:
    if n < 20:
        return NUMBER_WORDS[n]
    tens, units = divmod(n, 10)
    return TENS[tens * 10] + (f"-{NUMBER_WORDS[units]}" if units else "")


_MONEY = re.compile(r"([£$€])(\d+(?:\.\d+)?)(m|bn|tn|k)\b")
_PCT = re.compile(r"\b(\d+(?:\.\d+)?)(%| per cent| percent)")
_SMALL = re.compile(r"(?<![\d.,£$€])\b([1-9]\d?)\b(?![\d.,%])")


def numbers_in_words(q: str, rng: random.Random) -> str:
    """'£264m' → '264 million', '30%' → 'thirty per cent', '7 days' → 'seven days' (the other way too)."""
    q = _MONEY.sub(lambda m: rng.choice([f"{m[2]} {SCALE[m[3]]}", f"{m[1]}{m[2]} {SCALE[m[3]]}"]), q)

    def pct(m):
        num = m[1]
        spoken = _number_words(int(num)) if num.isdigit() and int(num) < 100 else num
        word = rng.choice([" per cent", " percent"]) if m[2] == "%" else "%"
        return (spoken if rng.random() < 0.5 and word != "%" else num) + word
    q = _PCT.sub(pct, q)
    return _SMALL.sub(lambda m: _number_words(int(m[1])) if rng.random() < 0.7 else m[1], q)


def has_numbers(text: str) -> bool:
    return bool(_MONEY.search(text) or _PCT.search(text) or _SMALL.search(text))


class QueryMaker:
    """Seeded query sets over a library (articles with .id, .text, .blocks_of)."""

    def __init__(self, articles, rng: random.Random) -> None:
        self.articles = articles
        self.rng = rng
        self.df: Counter = Counter()
        for a in articles:
            self.df.update({w.lower() for w in _WORD.findall(a.text)})
        self.vocab = {w for w, c in self.df.items() if c >= 2}
        self._sents = {a.id: sentences(a) for a in articles}
        self._where: dict | None = None  # word → sentences holding it (keyword targets)

    def _pick_sentence(self, pool, lo=8, hi=40, want=None):
        for _ in range(10_000):
            art = self.rng.choice(pool)
            spans = [(b, s, e) for b, s, e in self._sents[art.id] if lo <= len(art.text[s:e].split()) <= hi
                     and (want is None or want(art.text[s:e]))]
            if spans:
                _b, s, e = self.rng.choice(spans)
                return art, s, e
        raise RuntimeError("no sentence fits")

    def misquotes(self, pool, n: int, kind="misquote") -> list[Query]:
        out = []
        for _ in range(n):
            art, s, e = self._pick_sentence(pool)
            out.append(Query(kind, light(art.text[s:e], self.rng), [(art.id, s, e)]))
        return out

    def across_breaks(self, pool, n: int) -> list[Query]:
        """The end of one paragraph and the start of the next, lightly misquoted."""
        out = []
        while len(out) < n:
            art = self.rng.choice(pool)
            sents = self._sents[art.id]
            pairs = [(x, y) for x, y in itertools.pairwise(sents) if y[0] == x[0] + 1]
            if not pairs:
                continue
            (_, s1, e1), (_, s2, e2) = self.rng.choice(pairs)
            tail = [m.span() for m in re.finditer(r"\S+", art.text[s1:e1])]
            head = [m.span() for m in re.finditer(r"\S+", art.text[s2:e2])]
            if len(tail) < 4 or len(head) < 4:
                continue
            a = s1 + tail[-self.rng.randint(4, min(len(tail), 18))][0]
            z = s2 + head[self.rng.randint(4, min(len(head), 18)) - 1][1]
            quote = " ".join(art.text[a:z].split())
            out.append(Query("across_break", light(quote, self.rng), [(art.id, a, z)]))
        return out

    def rare_typos(self, pool, n: int) -> list[Query]:
        """The two rarest words of a sentence mistyped (half the time into another real word)."""
        out = []
        for _ in range(n):
            art, s, e = self._pick_sentence(pool, 8, 35)
            words = art.text[s:e].split()
            idx = sorted((i for i, w in enumerate(words) if len(re.sub(r"\W", "", w)) >= 4),
                         key=lambda i: self.df[re.sub(r"\W", "", words[i]).lower()])[:2]
            for i in idx:
                core = re.sub(r"^\W+|\W+$", "", words[i])
                words[i] = words[i].replace(core, typo(core, self.rng, self.vocab), 1)
            out.append(Query("rare_typo", " ".join(words), [(art.id, s, e)]))
        return out

    def numbers(self, pool, n: int) -> list[Query]:
        out = []
        for _ in range(n):
            art, s, e = self._pick_sentence(pool, 6, 40, has_numbers)
            q = numbers_in_words(art.text[s:e], self.rng)
            out.append(Query("numbers", q, [(art.id, s, e)]))
        return out

    def compounds(self, pool, n: int) -> list[Query]:
        """'file-sharing' → 'filesharing' / 'file sharing'; 'newsroom' → 'news-room'."""
        def joinable(w: str) -> bool:
            return bool(re.fullmatch(r"[A-Za-z]{3,}-[A-Za-z]{3,}", w)) or self._split(w) is not None

        out = []
        for _ in range(n):
            art, s, e = self._pick_sentence(pool, 6, 40, lambda t: any(joinable(w.strip(",.;:\"'()")) for w in t.split()))
            words = art.text[s:e].split()
            i = self.rng.choice([i for i, w in enumerate(words) if joinable(w.strip(",.;:\"'()"))])
            core = words[i].strip(",.;:\"'()")
            if "-" in core:
                new = core.replace("-", self.rng.choice(["", " "]))
            else:
                a, b = self._split(core)
                new = a + self.rng.choice(["-", " "]) + b
            words[i] = words[i].replace(core, new)
            out.append(Query("compound", " ".join(words), [(art.id, s, e)]))
        return out

    def _split(self, word: str):
        w = word.lower()
        if not w.isalpha() or len(w) < 9:
            return None
        for k in range(4, len(w) - 3):
            if self.df.get(w[:k], 0) >= 3 and self.df.get(w[k:], 0) >= 3 and w[:k] not in STOP and w[k:] not in STOP:
                return word[:k], word[k:]
        return None

    def reordered(self, pool, n: int) -> list[Query]:
        """Clauses swapped ("B, A") or a chunk of words moved to the front."""
        out = []
        for _ in range(n):
            art, s, e = self._pick_sentence(pool, 12, 40)
            text = art.text[s:e].rstrip(".!?\"'\u201d")
            parts = [p for p in re.split(r",\s+", text) if p]
            if len(parts) >= 2 and all(len(p.split()) >= 3 for p in parts[:2]):
                k = self.rng.randrange(1, len(parts))
                q = ", ".join(parts[k:] + parts[:k])
            else:
                words = text.split()
                a = self.rng.randrange(3, len(words) - 4)
                b = a + self.rng.randint(3, 5)
                q = " ".join(words[a:b] + words[:a] + words[b:])
            out.append(Query("reordered", q, [(art.id, s, e)]))
        return out

    def paraphrases(self, pool, n: int) -> list[Query]:
        """Rare words kept; common words swapped for synonyms, a few small words dropped, tense of 'is'."""
        out = []
        while len(out) < n:
            art, s, e = self._pick_sentence(pool, 10, 35)
            words = art.text[s:e].split()
            changed = 0
            new = []
            for w in words:
                core = w.strip(",.;:\"'()\u201c\u201d").lower()
                if core in SYNONYMS and self.rng.random() < 0.8:
                    new.append(w.lower().replace(core, SYNONYMS[core]))
                    changed += 1
                elif core in {"the", "a", "that", "very", "just", "really"} and self.rng.random() < 0.5:
                    changed += 1
                else:
                    new.append(w)
            if changed < 2:
                continue
            out.append(Query("paraphrase", " ".join(new), [(art.id, s, e)]))
        return out

    def keywords(self, pool, n: int) -> list[Query]:
        """2–4 content words of a sentence, any order; targets = every sentence holding them all."""
        out = []
        while len(out) < n:
            art, s, e = self._pick_sentence(pool, 8, 40)
            content = list(dict.fromkeys(w.lower() for w in _WORD.findall(art.text[s:e])
                                         if len(w) >= 4 and w.lower() not in STOP and not w.isdigit()))
            if len(content) < 2:
                continue
            picked = self.rng.sample(content, min(len(content), self.rng.randint(2, 4)))
            if self._where is None:
                self._where = {}
                for a in self.articles:
                    for _, s2, e2 in self._sents[a.id]:
                        for w in {w.lower() for w in _WORD.findall(a.text[s2:e2])}:
                            self._where.setdefault(w, []).append((a.id, s2, e2))
            holding = set.intersection(*(set(self._where.get(p, ())) for p in picked))
            targets = [(art.id, s, e)] + sorted(holding - {(art.id, s, e)})
            if len(targets) > 10:
                continue
            out.append(Query("keyword", " ".join(picked), targets))
        return out

    @staticmethod
    def absent(drafts_or_articles, n: int, rng: random.Random) -> list[Query]:
        """Sentences of articles that are NOT in the library: a right answer is no hit."""
        pool = []
        for a in drafts_or_articles:
            for _, s, e in sentences(a):
                if 8 <= len(a.text[s:e].split()) <= 40:
                    pool.append(a.text[s:e])
        return [Query("absent", q) for q in rng.sample(pool, min(n, len(pool)))]
