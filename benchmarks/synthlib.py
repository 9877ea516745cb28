"""Synthetic library for the search benchmark: article-like prose from a small grammar.

Sentences come from clause templates filled with a few thousand words (a hand-written
core plus generated names and compounds), so they read like policy/science journalism,
are practically never repeated, and use curly quotes, contractions and British
spellings the way real articles do. Deterministic for a given seed.
"""

from __future__ import annotations

import random
from pathlib import Path

from workbench.library.model import Article, ArticleDraft

NOUNS = """government policy ministry economy market election parliament treaty agreement
minister president leader official committee council agency institution organisation
strategy reform budget deficit inflation currency investment trade tariff export import
industry factory worker union wage pension tax revenue debt bank lender crisis recovery
growth decline forecast survey report study analysis evidence data researcher scientist
laboratory experiment climate emission energy pipeline reactor grid battery turbine
drought harvest farmer village city region province border coastline river harbour port
railway highway bridge airport hospital clinic doctor patient vaccine disease outbreak
school teacher student university curriculum library archive museum newspaper journalist
editor broadcaster audience voter campaign candidate coalition opposition majority
minority court judge lawyer verdict appeal lawsuit regulation licence permit inspector
army general soldier ceasefire conflict negotiation mediator diplomat embassy sanction
refugee migrant settlement neighbourhood community landlord tenant housing mortgage rent
software platform network algorithm database startup founder investor shareholder
merger subsidiary supplier shortage price consumer retailer warehouse shipment container
satellite telescope mission rocket orbit observatory ocean glacier forest wildfire flood
storm hurricane earthquake volcano species habitat wetland reserve fishery catch quota
centre theatre programme colour behaviour favour honour labour rumour flavour defence
memoir biography novel essay lecture seminar conference summit forum panel interview
""".split()
ADJECTIVES = """new old major minor significant modest sharp steady sudden gradual public
private national regional local global foreign domestic economic political social
cultural historical scientific technical legal fiscal monetary environmental rural urban
coastal northern southern eastern western central independent fragile robust volatile
ambitious cautious controversial unprecedented widespread limited remote crucial
temporary permanent annual quarterly preliminary final official unofficial reliable
detailed vague generous strict lenient complex simple rapid slow costly cheap rare
""".split()
VERBS = """announced approved rejected proposed delayed cancelled expanded reduced raised
lowered questioned defended criticised praised examined reviewed published released
confirmed denied revealed concealed negotiated signed ratified challenged supported
opposed financed funded regulated inspected measured estimated predicted recorded
organised analysed emphasised recognised realised prioritised modernised stabilised
""".split()
ADVERBS = """quietly openly sharply slowly quickly recently initially eventually largely
partly widely narrowly reportedly apparently reluctantly deliberately repeatedly
""".split()
REPORTING = "said argued noted warned claimed suggested insisted admitted conceded explained".split()
CONNECTORS = ["However,", "Meanwhile,", "In contrast,", "As a result,", "For now,", "Still,",
              "In the meantime,", "By then,", "Even so,", "At the same time,", "Last year,"]
NEGATED = ["couldn\u2019t", "wouldn\u2019t", "didn\u2019t", "won\u2019t"]
MONTHS = "January February March April May June July August September October November December".split()
SYLLABLES = "ka lo mi ra ven dor sel tan bri gor al ix um ber wen tho sa li na mar rik est ov ul har pen".split()


def _name(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(syllables)).capitalize()


class ProseGenerator:
    def __init__(self, seed: int = 7) -> None:
        self.rng = rng = random.Random(seed)
        self.people = [f"{_name(rng, 2)} {_name(rng, 3)}" for _ in range(1500)]
        self.places = [_name(rng, rng.choice((2, 3))) for _ in range(800)]
        self.orgs = [f"{_name(rng, 2)} {rng.choice(['Institute', 'Group', 'Foundation', 'Council', 'Bank', 'Trust'])}"
                     for _ in range(400)]
        # A long tail of rarer words (Zipf-distributed), as real prose has: ~30k types.
        self.extra = [_name(rng, rng.choice((2, 3, 4))).lower() + rng.choice(["ism", "ity", "ment", "ance", "ure", "ics", "er", "ion"])
                      for _ in range(30000)]
        total, self.extra_cum = 0.0, []
        for rank in range(1, len(self.extra) + 1):
            total += 1.0 / rank
            self.extra_cum.append(total)
        self.nouns = NOUNS

    def _noun(self) -> str:
        if self.rng.random() < 0.3:
            return self.rng.choices(self.extra, cum_weights=self.extra_cum)[0]
        return self.rng.choice(NOUNS)

    def _np(self) -> str:
        r = self.rng
        noun = self._noun()
        roll = r.random()
        if roll < 0.35:
            return f"the {r.choice(ADJECTIVES)} {noun}"
        if roll < 0.55:
            return f"the {noun} of {r.choice(self.places)}"
        if roll < 0.7:
            adj = r.choice(ADJECTIVES)
            return f"{'an' if adj[0] in 'aeiou' else 'a'} {adj} {noun}"
        if roll < 0.8:
            return f"the {r.choice(self.orgs)}"
        return f"the {noun}"

    def sentence(self) -> str:
        r = self.rng
        pick = r.randrange(9)
        if pick == 0:
            s = f"{self._np().capitalize()} {r.choice(ADVERBS)} {r.choice(VERBS)} {self._np()} in {r.choice(MONTHS)}."
        elif pick == 1:
            s = (f"{r.choice(self.people)}, a {r.choice(ADJECTIVES)} {self._noun()} at the "
                 f"{r.choice(self.orgs)}, {r.choice(REPORTING)} that {self._np()} had {r.choice(VERBS)} {self._np()}.")
        elif pick == 2:
            s = (f"\u201cWe don\u2019t know whether {self._np()} will survive {self._np()},\u201d "
                 f"{r.choice(REPORTING)} {r.choice(self.people)}.")
        elif pick == 3:
            s = (f"{r.choice(CONNECTORS)} {self._np()} {r.choice(VERBS)} {self._np()}, and "
                 f"{self._np()} {r.choice(VERBS)} {self._np()} by {r.randint(2, 95)} per cent.")
        elif pick == 4:
            s = (f"It\u2019s not clear why {self._np()} {r.choice(VERBS)} {self._np()} after "
                 f"{self._np()} in {r.choice(self.places)}.")
        elif pick == 5:
            s = (f"Critics {r.choice(REPORTING)} that {self._np()} {r.choice(ADVERBS)} {r.choice(VERBS)} "
                 f"{self._np()}, while supporters pointed to {self._np()} and {self._np()}.")
        elif pick == 6:
            s = (f"In {r.choice(self.places)}, {self._np()} {r.choice(VERBS)} {self._np()} that "
                 f"{r.choice(NEGATED)} "
                 f"{r.choice(['change', 'affect', 'replace', 'reach'])} {self._np()}.")
        elif pick == 7:
            s = (f"According to {self._np()}, {self._np()} {r.choice(VERBS)} {self._np()} "
                 f"{r.choice(ADVERBS)}, which {r.choice(VERBS)} {self._np()} across {r.choice(self.places)}.")
        else:
            s = f"{self._np().capitalize()} {r.choice(VERBS)} {self._np()}."
        return s[0].upper() + s[1:]

    def article(self, words: int = 1500) -> ArticleDraft:
        r = self.rng
        draft = ArticleDraft()
        draft.title = f"{self._np().capitalize()} in {r.choice(self.places)}"
        draft.add("title", draft.title)
        count = 0
        while count < words:
            para = " ".join(self.sentence() for _ in range(r.randint(3, 7)))
            draft.add("paragraph", para)
            count += para.count(" ") + 1
        return draft


def generate_articles(n: int, words: int = 1500, seed: int = 7, root: Path | None = None) -> list[Article]:
    """`n` assembled articles (ids art00000…); no files are written."""
    gen = ProseGenerator(seed)
    root = root or Path("synthetic")
    return [gen.article(words).assemble(article_id=f"art{i:05d}", path=root / f"art{i:05d}.txt")
            for i in range(n)]


OFF_TOPIC = [
    "The chef folded the whipped cream into the chocolate mousse and chilled it overnight.",
    "Our striker curled a free kick into the top corner during the second half of extra time.",
    "She knitted a woollen scarf for her grandson while the kettle whistled on the stove.",
    "Add two cloves of garlic and a pinch of saffron before the risotto starts to thicken.",
    "The puppy chased its tail around the garden until it fell asleep under the apple tree.",
    "He tuned the violin carefully and played a lullaby for the sleepy children upstairs.",
    "My sister painted the bathroom tiles turquoise and hung a mirror shaped like a seashell.",
    "The goalkeeper dived left but the penalty rolled gently into the right side of the net.",
    "Sprinkle the cinnamon sugar over the warm doughnuts and serve them with hot cocoa.",
    "The cat knocked a glass of lemonade off the table and hid behind the sofa cushions.",
]
NONSENSE = ["qwzx plorb vrenk", "zzzz yyyy xxxx", "asdf jkl qwerty uiop", "blorptang fizzwop",
            "xkcd qqq vvv zzz mmm", "lorem ipsum dolor sit amet consectetur", "0000 1111 2222",
            "hjkl hjkl hjkl hjkl hjkl", "grumblewhisk snoofle", "trqp wvxz"]
