"""From pairwise runs to echo groups: one member per article, near-identical members.

Every aligned pair gives two spans (article, word span). Spans in the same article that
cover nearly the same words (overlap ≥ `SAME_SPAN` of the longer) are one node; pairs link
nodes; each connected set of nodes is a group. A group keeps one member per article (the
node with most links — a passage repeated inside one article, a pull quote, is still one
member), then every member is compared with the group's representative and dropped if it
is not near-identical to it. Lines that recur in most articles of one outlet are that
outlet's page furniture, not echoes: such members are dropped too.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from workbench.echoes.align import MIN_SIMILARITY, similarity

SAME_SPAN = 0.8
FURNITURE_SHARE = 0.5  # members from more than this share of one outlet's articles …
FURNITURE_MIN_OUTLET = 3  # … of an outlet with at least this many articles: furniture


@dataclass
class Node:
    article: int  # index into the article list
    start: int  # word span [start, end)
    end: int
    links: int = 0


class _Nodes:
    def __init__(self) -> None:
        self.nodes: list[Node] = []
        self.by_article: dict[int, list[int]] = defaultdict(list)
        self.parent: list[int] = []

    def node(self, article: int, start: int, end: int) -> int:
        for n in self.by_article[article]:
            node = self.nodes[n]
            overlap = min(end, node.end) - max(start, node.start)
            if overlap >= SAME_SPAN * max(end - start, node.end - node.start):
                node.start, node.end = min(start, node.start), max(end, node.end)
                return n
        self.nodes.append(Node(article, start, end))
        self.parent.append(len(self.parent))
        self.by_article[article].append(len(self.nodes) - 1)
        return len(self.nodes) - 1

    def find(self, n: int) -> int:
        while self.parent[n] != n:
            self.parent[n] = self.parent[self.parent[n]]
            n = self.parent[n]
        return n

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def build_groups(pairs: list[tuple[int, int, int, int, int, int]], keys: list, outlets: list[str | None],
                 min_words: int) -> list[tuple[Node, list[Node]]]:
    """pairs: (article a, a0, a1, article b, b0, b1) word spans → (representative, members).

    `keys[i]()` returns article i's word keys as a list (for the representative check).
    """
    nodes = _Nodes()
    for a, a0, a1, b, b0, b1 in pairs:
        na, nb = nodes.node(a, a0, a1), nodes.node(b, b0, b1)
        nodes.nodes[na].links += 1
        nodes.nodes[nb].links += 1
        nodes.union(na, nb)
    components: dict[int, list[Node]] = defaultdict(list)
    for n, node in enumerate(nodes.nodes):
        components[nodes.find(n)].append(node)
    outlet_size = Counter(o for o in outlets if o)
    groups = []
    for members in components.values():
        best: dict[int, Node] = {}
        for node in members:  # one member per article
            held = best.get(node.article)
            if held is None or (node.links, held.start) > (held.links, node.start):
                best[node.article] = node
        chosen = _drop_furniture(list(best.values()), outlets, outlet_size)
        if len(chosen) < 2:
            continue
        rep, chosen = _near_identical(chosen, keys)
        if len(chosen) >= 2 and all(n.end - n.start >= min_words for n in chosen):
            groups.append((rep, chosen))
    return groups


def _drop_furniture(members: list[Node], outlets: list[str | None], outlet_size: Counter) -> list[Node]:
    per_outlet = Counter(outlets[n.article] for n in members if outlets[n.article])
    furniture = {o for o, count in per_outlet.items()
                 if outlet_size[o] >= FURNITURE_MIN_OUTLET and count > FURNITURE_SHARE * outlet_size[o]}
    return [n for n in members if outlets[n.article] not in furniture] if furniture else members


def _near_identical(members: list[Node], keys: list) -> tuple[Node, list[Node]]:
    """The representative (most links, then longest, then first) and the members near-identical
    to it, in article order."""
    rep = max(members, key=lambda n: (n.links, n.end - n.start, -n.article))
    rep_keys = keys[rep.article]()[rep.start:rep.end]
    kept = [n for n in members
            if n is rep or similarity(keys[n.article]()[n.start:n.end], rep_keys) >= MIN_SIMILARITY]
    kept.sort(key=lambda n: n.article)
    return rep, kept
