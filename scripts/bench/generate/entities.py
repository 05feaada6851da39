"""Synthetic entities of every kind, with Chinese names and aliases for some, and the sources
that support them (cited once the sources exist)."""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable

from briefing.vocab import ENTITY_KINDS

from .pick import choose, slug, unique, weights_for
from .records import Citation, Entity, Source
from .text import sentence
from .words import COMPANY_SUFFIXES, REGIONS, SURNAMES, SYLLABLES, WORDS

KIND_WEIGHTS = weights_for(
    ENTITY_KINDS,
    {
        "company": 6,
        "person": 3,
        "government-body": 2,
        "international-body": 1,
        "association": 1,
        "market": 2,
        "product": 5,
    },
)
Name = tuple[str, str | None, list[str]]  # English name, native name, aliases


class _Namer:
    """Unique invented names: brands from syllable pairs, people from surname and given name."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        syllables = list(SYLLABLES)
        self.brands = [(a, b) for a, b in itertools.permutations(syllables, 2)]
        rng.shuffle(self.brands)
        self.people = [(s, g) for s in SURNAMES for g in syllables]
        rng.shuffle(self.people)
        self.made: list[str] = []  # company brands, for their products

    def _brand(self) -> tuple[str, str]:
        a, b = self.brands.pop()
        return a + b.lower(), SYLLABLES[a] + SYLLABLES[b]

    def company(self) -> Name:
        brand, native = self._brand()
        suffix, native_suffix = self.rng.choice(COMPANY_SUFFIXES)
        self.made.append(brand)
        aliases = [brand, native] if self.rng.random() < 0.6 else []
        return f"{brand} {suffix}", native + native_suffix, aliases

    def person(self) -> Name:
        surname, given = self.people.pop()
        return f"{surname} {given}", SURNAMES[surname] + SYLLABLES[given], []

    def product(self) -> Name:
        brand = self.rng.choice(self.made) if self.made else self._brand()[0]
        letters = "".join(self.rng.choice("HKMSUXYZ") for _ in range(2))
        code = f"{letters}{self.rng.randint(1, 9)}"
        return f"{brand} {code}", None, [code]

    def government_body(self) -> Name:
        region = self.rng.choice(list(REGIONS))
        what, native = self.rng.choice(
            (("Transport Commission", "交通委员会"), ("Economy Bureau", "经济和信息化局"))
        )
        return f"{region} {what}", REGIONS[region] + native, []

    def international_body(self) -> Name:
        return f"International {self.rng.choice(WORDS).title()} Agency", None, []

    def association(self) -> Name:
        region = self.rng.choice(list(REGIONS))
        return f"{region} Passenger Car Association", f"{REGIONS[region]}乘用车协会", []

    def market(self) -> Name:
        region = self.rng.choice(list(REGIONS))
        what = self.rng.choice(("car", "passenger-car"))
        return f"{region}'s {what} market", None, [f"{REGIONS[region]}市场"]

    def by_kind(self) -> dict[str, Callable[[], Name]]:
        return {kind: getattr(self, kind.replace("-", "_")) for kind in ENTITY_KINDS}


def make_entities(rng: random.Random, count: int) -> list[Entity]:
    """``count`` entities (at least one of each kind), sources cited later by ``cite``."""
    namer = _Namer(rng)
    makers = namer.by_kind()
    kinds = list(ENTITY_KINDS) + [choose(rng, KIND_WEIGHTS) for _ in range(count)]
    kinds = sorted(kinds[:count], key=lambda kind: kind != "company")  # brands before products
    taken: set[str] = set()
    found = []
    for kind in kinds:
        name, native, aliases = makers[kind]()
        entity = Entity(unique(slug(name), taken), name, kind, [], native, aliases)
        if rng.random() < 0.8:
            entity.description = sentence(rng, 40, 160)
        if kind in ("company", "government-body", "association") and rng.random() < 0.7:
            entity.website = f"https://www.example.com/{entity.id}"
        found.append(entity)
    return found


def cite(rng: random.Random, entities: list[Entity], sources: list[Source]) -> None:
    """Give each entity one to three supporting sources, some with a locator."""
    for entity in entities:
        for source in rng.sample(sources, min(len(sources), rng.choice((1, 1, 2, 3)))):
            locator = "native name" if entity.native_name and rng.random() < 0.2 else None
            entity.sources.append(Citation(source.id, locator))
