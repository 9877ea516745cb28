"""Cleaner benchmark: body P/R/F1 and titles on real page dumps, do-no-harm on clean articles, speed.

    PYTHONPATH=$PWD .venv/bin/python benchmarks/clean_bench.py [--corpus DIR] [--details]

In one run:

* **Page dumps** (`<corpus>/text/*.txt` vs `truth.json`): the article-extraction benchmark's
  scoring (tokens are `\\w+` runs, precision/recall over 4-token shingles with multiplicity,
  precision averaged over pages with predicted text, recall over pages with true text, F1 of the
  two means) on the cleaner's body blocks (paragraphs, headings, quotes — no title/subtitle/byline,
  as articleBody has none). Baselines in the same run: no cleaning (the whole dump) and jusText
  over the same blank-line blocks. Reported for the whole set and for its two halves (ids sorted,
  alternating: "tune" = the half rules were looked at against, "held out" = the other half).
* **Titles**: `truth.json` has no headlines, so the reference is the page's own HTML: its
  `og:title` (whole, or before a ` | ` / ` - ` site suffix) and its `<h1>`s. A title counts as right
  when its tokens match one of those with token F1 ≥ 0.8; pages with no reference of 3+ tokens
  are left out.
* **Clean articles**: every articleBody of the dev set written as a clean article (headline from
  the HTML reference, else its first sentence, as the first line; then the paragraphs, blank
  lines between), one line per paragraph and hard-wrapped at 80 columns, plus the seeds'
  generator prose (benchmarks/synthlib.py). Words kept = share of the input's words (multiset)
  found in the article text; also whether the first line became the title.
* **Speed**: CPU seconds (process time, so other work on a shared machine counts less) per MB of
  cleaning on the seeds, the dev set and generated text, and the ratio to jusText (its blocks
  built from the same text) measured in the same run.
"""

from __future__ import annotations

import argparse
import html as htmlmod
import json
import re
import sys
import textwrap
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from workbench.library.clean import clean_plain_text
from workbench.library.clean.pipeline import forget_cached
from search_queries import PAGE_DUMPS  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = PAGE_DUMPS  # ../shared beside the checkout (or beside its worktree folder)
BODY_KINDS = ("paragraph", "heading", "quote")
_TOKEN = re.compile(r"\w+")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def shingles(text: str, n: int = 4) -> Counter:
    toks = tokens(text)
    return Counter(tuple(toks[i:i + n]) for i in range(max(0, len(toks) - n + 1)))


def page_pr(predicted: str, truth: str) -> tuple[float | None, float | None]:
    """(precision, recall) of one page; None where the benchmark leaves the page out of that mean."""
    pred, true = shingles(predicted), shingles(truth)
    common = sum((pred & true).values())
    precision = common / sum(pred.values()) if pred else None
    recall = common / sum(true.values()) if true else None
    return precision, recall


def summary(pairs: list[tuple[float | None, float | None]]) -> tuple[float, float, float]:
    ps = [p for p, _ in pairs if p is not None]
    rs = [r for _, r in pairs if r is not None]
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(rs) / len(rs) if rs else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def body_of(draft) -> str:
    return "\n\n".join(text for kind, text in draft.pieces if kind in BODY_KINDS)


def justext_body(text: str) -> str:
    import justext

    blocks = [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]
    page = "<html><body>" + "".join(f"<p>{htmlmod.escape(b)}</p>" for b in blocks) + "</body></html>"
    paragraphs = justext.justext(page.encode("utf-8"), justext.get_stoplist("English"))
    return "\n\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def title_references(html_path: Path) -> list[str]:
    if not html_path.exists():
        return []
    page = html_path.read_text(encoding="utf-8", errors="replace")
    refs: list[str] = []
    for tag in re.findall(r"<meta\b[^>]*>", page, re.IGNORECASE):
        if re.search(r"""property\s*=\s*["']og:title["']""", tag, re.IGNORECASE):
            m = re.search(r"""content\s*=\s*(["'])(.*?)\1""", tag, re.IGNORECASE | re.DOTALL)
            if m:
                og = htmlmod.unescape(m.group(2)).strip()
                refs += [og, re.split(r"\s+[|\-–—]\s+", og)[0]]
    for inner in re.findall(r"<h1\b[^>]*>(.*?)</h1>", page, re.IGNORECASE | re.DOTALL):
        refs.append(htmlmod.unescape(re.sub(r"<[^>]+>", " ", inner)).strip())
    return [r for r in refs if len(tokens(r)) >= 3]


def token_f1(a: str, b: str) -> float:
    ta, tb = Counter(t.lower() for t in tokens(a)), Counter(t.lower() for t in tokens(b))
    common = sum((ta & tb).values())
    if not common:
        return 0.0
    p, r = common / sum(ta.values()), common / sum(tb.values())
    return 2 * p * r / (p + r)


def title_right(title: str | None, refs: list[str]) -> bool:
    return bool(title) and any(token_f1(title, ref) >= 0.8 for ref in refs)


def words_kept(source: str, article_text: str) -> float:
    src, out = Counter(tokens(source)), Counter(tokens(article_text))
    total = sum(src.values())
    return sum((src & out).values()) / total if total else 1.0


def clean_article_texts(truth: dict, refs: dict[str, list[str]]) -> list[tuple[str, str]]:
    """(label, text) clean articles: headline line + paragraphs, two layouts each."""
    out: list[tuple[str, str]] = []
    for page_id, record in sorted(truth.items()):
        paragraphs = [p.strip() for p in record["articleBody"].split("\n") if p.strip()]
        if not paragraphs:
            continue
        candidates = refs.get(page_id) or []
        headline = min(candidates, key=len) if candidates else re.split(r"(?<=[.!?])\s", paragraphs[0])[0]
        out.append((f"{page_id[:8]}/lines", "\n\n".join([headline, *paragraphs]) + "\n"))
        wrapped = ["\n".join(textwrap.wrap(p, 80)) for p in paragraphs]
        out.append((f"{page_id[:8]}/wrap80", "\n\n".join([headline, *wrapped]) + "\n"))
    try:
        from synthlib import ProseGenerator

        gen = ProseGenerator(11)
        for i in range(40):
            draft = gen.article(700)
            text = "\n\n".join(t for _, t in draft.pieces) + "\n"
            out.append((f"synth{i:02d}", text))
    except ImportError:
        pass
    return out


def seconds_per_mb(texts: list[str], repeat: int = 1) -> float:
    """CPU s/MB from cold: the cleaner's caches (words per text, furniture per line) persist
    across calls, so they are emptied before each pass — texts cleaned earlier in this run
    (for the scores above) or in an earlier repeat must not make the figure look better."""
    size = sum(len(t.encode("utf-8")) for t in texts) * repeat
    elapsed = 0.0
    for _ in range(repeat):
        forget_cached()
        start = time.process_time()
        for text in texts:
            clean_plain_text(text)
        elapsed += time.process_time() - start
    return elapsed / (size / 1e6)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--details", action="store_true", help="one line per page")
    args = parser.parse_args()
    corpus: Path = args.corpus
    truth = json.loads((corpus / "truth.json").read_text(encoding="utf-8"))
    ids = sorted(p.stem for p in (corpus / "text").glob("*.txt") if p.stem in truth)
    halves = {"tune": set(ids[0::2]), "held out": set(ids[1::2])}

    texts = {i: (corpus / "text" / f"{i}.txt").read_text(encoding="utf-8") for i in ids}
    refs = {i: title_references(corpus / "html" / f"{i}.html") for i in ids}
    ours, raw, jt, titles = {}, {}, {}, {}
    for page_id in ids:
        draft = clean_plain_text(texts[page_id])
        true_body = truth[page_id]["articleBody"]
        ours[page_id] = page_pr(body_of(draft), true_body)
        raw[page_id] = page_pr(texts[page_id], true_body)
        jt[page_id] = page_pr(justext_body(texts[page_id]), true_body)
        if refs[page_id]:
            titles[page_id] = title_right(draft.title, refs[page_id])
        if args.details:
            p, r = ours[page_id]
            print(f"  {page_id[:8]} P {p or 0:.2f} R {r or 0:.2f} jusText P {jt[page_id][0] or 0:.2f} "
                  f"R {jt[page_id][1] or 0:.2f} title {'ok ' if titles.get(page_id) else 'BAD'} {draft.title!r:.70}")

    print(f"page dumps: {len(ids)} pages ({corpus})")
    for label, subset in [("all", set(ids)), *halves.items()]:
        for name, scores in (("cleaner", ours), ("jusText", jt), ("no cleaning", raw)):
            p, r, f = summary([scores[i] for i in ids if i in subset])
            print(f"  {label:9} {name:12} P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
        judged = [titles[i] for i in ids if i in subset and i in titles]
        print(f"  {label:9} titles       {sum(judged)}/{len(judged)} = {sum(judged) / max(1, len(judged)):.0%}")

    kept = []
    first_line_titles = 0
    for label, text in clean_article_texts(truth, refs):
        draft = clean_plain_text(text)
        article = draft.assemble(article_id="x", path=Path("x.txt"))
        kept.append((words_kept(text, article.text), label))
        first = text.strip().split("\n")[0].strip()
        first_line_titles += article.title == first and not article.title_is_derived
    kept.sort()
    mean = sum(k for k, _ in kept) / len(kept)
    print(f"clean articles: {len(kept)}; words kept mean {mean:.4f}, min {kept[0][0]:.4f} ({kept[0][1]}), "
          f"below 95%: {sum(k < 0.95 for k, _ in kept)}, below 99.5%: {sum(k < 0.995 for k, _ in kept)}; "
          f"first line is the title: {first_line_titles}/{len(kept)}")
    if args.details:
        for k, label in kept[:8]:
            print(f"  {label} {k:.4f}")

    seeds = [p.read_text(encoding="utf-8") for p in sorted((REPO / "seeds").glob("*.txt"))]
    generated = [t for _, t in clean_article_texts(truth, refs) if _.startswith("synth")]
    big = "\n\n".join(texts.values())
    print("speed (s/MB, one core):")
    print(f"  seeds        {seconds_per_mb(seeds, repeat=5):.3f}")
    print(f"  dev set      {seconds_per_mb(list(texts.values())):.3f}")
    print(f"  generated    {seconds_per_mb(generated):.3f}")
    print(f"  dev set as one 0.45 MB text {seconds_per_mb([big]):.3f}")
    dev = list(texts.values())
    start = time.process_time()
    for text in dev:
        justext_body(text)
    baseline = (time.process_time() - start) / (sum(len(t.encode("utf-8")) for t in dev) / 1e6)
    ours_dev = seconds_per_mb(dev)
    print(f"  baseline: jusText on the dev set {baseline:.3f} s/MB; cleaner/jusText = {ours_dev / baseline:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
