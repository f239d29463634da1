"""How the counts of a page hang together: groups of counts joined by relations, each group's
relations indexed by count, and the counts not shown that are tied to one."""

from .states import SHOWN


def groups(values, relations):
    """The keys of `values` in groups joined by relations, each with its relations, in the
    order of `values`; keys in no relation are left out."""
    parent = {}

    def find(key):
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for relation in relations:
        keys = list(relation)
        for key in keys:
            parent.setdefault(key, key)
        for key in keys[1:]:
            parent[find(key)] = find(keys[0])
    members: dict = {}
    for key in values:
        if key in parent:
            members.setdefault(find(key), []).append(key)
    tied: dict = {}
    for relation in relations:
        tied.setdefault(find(next(iter(relation))), []).append(relation)
    return [(keys, tied[root]) for root, keys in members.items()]


class Relations(list):
    """A group's relations, with the relations each count stands in (worked out once: the
    checks ask for them many times a round, and the relations never change)."""

    def __init__(self, relations, values):
        super().__init__(relations)
        self.position = {key: index for index, key in enumerate(values)}  # the group's order
        self.by_key: dict = {}
        for relation in self:
            for key in relation:
                self.by_key.setdefault(key, []).append(relation)

    def of(self, key) -> list:
        return self.by_key.get(key, [])


def component(start, relations: Relations, states) -> set:
    """The counts not shown that are tied to `start` through relations."""
    seen, queue = {start}, [start]
    while queue:
        key = queue.pop()
        for relation in relations.of(key):
            for other in relation:
                if states[other] != SHOWN and other not in seen:
                    seen.add(other)
                    queue.append(other)
    return seen
