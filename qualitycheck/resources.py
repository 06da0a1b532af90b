"""Shared language data: an English lexicon, given names and a gazetteer of places.

Every accessor loads its data on first use and keeps it for the life of the process
(``functools.cache``), so a rule may call ``lexicon()`` as often as it likes. Nothing here touches the
network: the data ships with the package in compact files built by ``scripts/build_data.py`` (see
``docs/data.md`` for sources and licences), plus the declarative name data in ``rules/names/``.

- ``lexicon()``: how common an English word is, on the Zipf scale (wordfreq). The lexicon is
  lower-cased, so proper nouns are in it too ("kherson" has a small value): a token's Zipf value says
  "this string is used in English", not "this is a common noun".
- ``given_names()``: first names from many cultures, evidence that a capitalised token is a person.
- ``gazetteer()``: places (GeoNames cities of 5,000+ people with their Latin-script alternate
  names, ISO 3166 countries and subdivisions, and the ``rules/names/*.toml`` packs), with exact and
  fuzzy lookup and country names / demonyms.
"""

from __future__ import annotations

import bisect
import gzip
import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"

_FOLD_EXTRA = str.maketrans(
    {
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ð": "d",
        "ħ": "h",
        "ı": "i",
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
        "þ": "th",
        "-": " ",
        "‐": " ",
        "–": " ",
        "'": None,
        "’": None,
        "‘": None,
        "ʼ": None,
        "ʻ": None,
        "`": None,
        ".": None,
    }
)
_SPACES_RE = re.compile(r"\s+")


def fold(name: str) -> str:
    """The lookup key of a name: lower-case, diacritics stripped, apostrophes and full stops
    removed, hyphens as spaces ("Ivano-Frankivs'k" -> "ivano frankivsk", "Łódź" -> "lodz")."""
    s = name.casefold().translate(_FOLD_EXTRA)
    if not s.isascii():
        s = "".join(
            ch for ch in unicodedata.normalize("NFKD", s) if not unicodedata.combining(ch)
        ).translate(_FOLD_EXTRA)
    return _SPACES_RE.sub(" ", s).strip()


def _strip_accents(s: str) -> str:
    if s.isascii():
        return s
    return "".join(ch for ch in unicodedata.normalize("NFKD", s) if not unicodedata.combining(ch))


def rules_dir() -> Path:
    """The directory of the built-in declarative packs: ``qualitycheck/rulepacks`` in an installed
    wheel, the repository's ``rules/`` in a source checkout."""
    installed = Path(__file__).resolve().parent / "rulepacks"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parent.parent / "rules"


def _read_gz_text(path: Path) -> str:
    return gzip.decompress(path.read_bytes()).decode("utf-8")


# -- lexicon ---------------------------------------------------------------------------------------


class _Runs:
    """Sorted lines kept as one text and split lazily, one run of lines sharing a first
    character at a time (see ``scripts/build_data.py``)."""

    def __init__(self, table: str, body: str) -> None:
        entries = [r.split(" ") for r in table.split("\t")]
        self._runs: dict[str, tuple[int, int, int]] = {}
        for (char, first, start), (_, _, end) in itertools.pairwise(entries):
            self._runs[char] = (int(first), int(start), int(end))
        self._body = body
        self._split: dict[str, list[str]] = {}
        self.count = int(entries[-1][1])

    def find(self, probe: str) -> tuple[int, str] | None:
        """The first line ``>= probe`` within the run of ``probe[0]``, and its index among all
        lines; None when there is none."""
        run = self._runs.get(probe[:1])
        if run is None:
            return None
        lines = self._split.get(probe[0])
        if lines is None:
            lines = self._body[run[1] : run[2] - 1].split("\n")
            self._split[probe[0]] = lines
        i = bisect.bisect_left(lines, probe)
        return (run[0] + i, lines[i]) if i < len(lines) else None


class Lexicon:
    """English word frequencies (wordfreq, ~310k lower-cased words).

    ``zipf(word)`` is the Zipf-scale frequency: log10 of occurrences per billion words, so
    7.7 for "the", about 4 for "village", 2 to 3 for rare words and many proper nouns, 1.0 for the
    rarest listed words, and 0.0 for a word the lexicon does not have. Values are rounded to 0.1.
    Lookups are case-insensitive. Proper nouns are in the lexicon too (it is lower-cased), so a
    non-zero value does not prove a token is a common word.
    """

    def __init__(self, codes: str, words: _Runs) -> None:
        self._codes = codes
        self._words = words

    def zipf(self, word: str) -> float:
        """Zipf frequency of ``word`` (any case; curly apostrophes allowed); 0.0 when unknown."""
        w = word.lower().replace("’", "'")
        if not w:
            return 0.0
        found = self._words.find(w)
        if found is not None and found[1] == w:
            return (ord(self._codes[found[0]]) - 48) / 10 + 1
        return 0.0

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.zipf(word) > 0.0

    def __len__(self) -> int:
        return len(self._codes)


@cache
def lexicon() -> Lexicon:
    """The English lexicon, loaded once per process (~15 ms; the first lookup of each first
    letter costs a further ~0.5 ms)."""
    text = _read_gz_text(DATA_DIR / "lexicon.txt.gz")
    nl1 = text.index("\n")
    nl2 = text.index("\n", nl1 + 1)
    return Lexicon(text[:nl1], _Runs(text[nl1 + 1 : nl2], text[nl2 + 1 :]))


# -- given names -----------------------------------------------------------------------------------


def _read_name_list(path: Path) -> Iterator[str]:
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        yield from line.split()


@cache
def given_names() -> frozenset[str]:
    """Common first names from many cultures (~3,000: ``rules/names/given-names.txt`` and any
    other ``rules/names/given-names*.txt``).

    Names are capitalised as written in the list ("Oleksandr", "Jean-Yves", "DeShawn"), plus their
    ``str.title()`` form ("Deshawn") and their form without diacritics ("Jose" for "José"); test a
    token as it appears, or an all-caps token as ``token.title()``. Many names are also words or places ("Grace", "Florence",
    "Jordan"): treat membership as evidence of a person, not proof.
    """
    names: set[str] = set()
    for path in sorted((rules_dir() / "names").glob("given-names*.txt")):
        for name in _read_name_list(path):
            for form in (name, name.title()):
                names.add(form)
                names.add(_strip_accents(form))
    return frozenset(names)


# -- gazetteer -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Place:
    """A known place. ``country`` is the ISO 3166-1 alpha-2 code; ``population`` is 0 when not
    known (regions, places added by packs without one); ``kind`` is ``city`` (any populated place),
    ``region`` (a first-level subdivision: oblast, province, state...) or ``country``."""

    name: str
    country: str
    population: int
    kind: str


@dataclass(frozen=True, slots=True)
class PlaceCandidate:
    """A place whose name lies close to a token (see ``Gazetteer.candidates``)."""

    place: Place
    name: str  # the spelling of the place the token is close to (its usual name, or a variant)
    distance: int  # Levenshtein distance between the folded token and the folded name
    similarity: float  # 1 - distance / max(len), on the folded forms


class Gazetteer:
    """Known places and the names they go by.

    - ``lookup(name)`` / ``name in gazetteer``: exact lookup of a name or any of its known alternate
      spellings, case- and diacritic-insensitive ("odessa", "Odesa", "ODESA" are all Odesa).
    - ``is_minor_place(name)``: whether a name is a smaller populated place (500-5,000 people) that
      is not in the main index; a second file, loaded on first call.
    - ``candidates(token)``: places whose *usual* name (or an accepted variant from a pack) lies
      within a small edit distance of the token: what a misspelling of the place would be.
    - ``country_of(word)``: the country a country name or demonym refers to ("Ukraine",
      "Ukrainian" -> "UA"); ``country_name(code)`` the other way.

    Names from the packs in ``rules/names/*.toml`` are merged in when the gazetteer loads.
    """

    def __init__(
        self,
        place_lines: Sequence[str],
        fuzzy_lines: Sequence[str],
        lengths: Sequence[int],
        keys: _Runs,
    ) -> None:
        self._place_lines = place_lines
        self._fuzzy_lines = fuzzy_lines  # per length: folded names joined by "|", then ids
        self._fuzzy_lengths = {n: i for i, n in enumerate(lengths)}
        self._fuzzy_split: dict[int, tuple[list[str], list[str]]] = {}
        self._keys = keys
        self._extra: dict[str, list[int]] = {}  # folded name -> place ids, from packs
        self._extra_places: list[Place] = []  # places added by packs (ids after the shipped ones)
        self._fuzzy_extra: dict[int, list[tuple[str, int, str]]] = {}  # len -> (key, id, name)
        self._display: dict[int, str] = {}  # a pack's preferred spelling of a shipped place
        self._demonyms: dict[str, str] = {}  # folded country name or demonym -> alpha-2
        self._place_cache: dict[int, Place] = {}

    # -- places ---------------------------------------------------------------------------
    def place(self, place_id: int) -> Place:
        """The place numbered ``place_id`` (numbers come from the index; stable within a
        process only)."""
        p = self._place_cache.get(place_id)
        if p is None:
            n = len(self._place_lines)
            if place_id < n:
                name, cc, pop, kind = self._place_lines[place_id].split("\t")
                p = Place(self._display.get(place_id, name), cc, int(pop), kind)
            else:
                p = self._extra_places[place_id - n]
            self._place_cache[place_id] = p
        return p

    def _ids(self, key: str) -> list[int]:
        ids: list[int] = []
        if key:
            found = self._keys.find(key + "\t")
            if found is not None and found[1].startswith(key + "\t"):
                ids.extend(int(x) for x in found[1][len(key) + 1 :].split(","))
        for extra_id in self._extra.get(key, ()):
            if extra_id not in ids:
                ids.append(extra_id)
        return ids

    def lookup(self, name: str) -> tuple[Place, ...]:
        """Every place called ``name`` (usual or alternate name), most populous first; countries
        and regions before cities of the same population. Empty when unknown."""
        places = [self.place(i) for i in self._ids(fold(name))]
        places.sort(key=lambda p: (p.kind != "country", -p.population))
        return tuple(places)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and bool(self._ids(fold(name)))

    def is_minor_place(self, name: str) -> bool:
        """Whether ``name`` is a populated place of 500-5,000 people (GeoNames) that the main
        index does not have. Loads a second file (~0.5 MB, ~12 ms) on first call."""
        key = fold(name)
        keys = _minor_place_keys()
        i = bisect.bisect_left(keys, key)
        return i < len(keys) and keys[i] == key

    # -- fuzzy ----------------------------------------------------------------------------
    def _fuzzy_pool(self, length: int) -> tuple[list[str], list[int], list[str]]:
        """Folded names of ``length`` characters, their place ids, their display spellings."""
        keys: list[str] = []
        ids: list[int] = []
        names: list[str] = []
        i = self._fuzzy_lengths.get(length)
        if i is not None:
            split = self._fuzzy_split.get(length)
            if split is None:
                split = (
                    self._fuzzy_lines[2 * i].split("|"),
                    self._fuzzy_lines[2 * i + 1].split(","),
                )
                self._fuzzy_split[length] = split
            keys.extend(split[0])
            ids.extend(int(x) for x in split[1])
            names.extend("" for _ in split[0])  # the place's own name
        for key, place_id, name in self._fuzzy_extra.get(length, ()):
            keys.append(key)
            ids.append(place_id)
            names.append(name)
        return keys, ids, names

    def candidates(
        self, token: str, *, max_distance: int = 2, limit: int = 5
    ) -> list[PlaceCandidate]:
        """Places whose usual name (or a pack variant) is within ``max_distance`` edits
        (Levenshtein, on folded forms) of ``token``, best first: smaller distance, then larger
        population. Exact matches (distance 0) are included. Alternate names are not fuzzy
        targets: they are many and noisy, and a suggestion should be a name editors use.
        About 1-4 ms per call (rapidfuzz, imported on first use)."""
        from rapidfuzz.distance import Levenshtein
        from rapidfuzz.process import extract

        key = fold(token)
        if len(key) < 3:
            return []
        found: dict[int, PlaceCandidate] = {}
        for length in range(len(key) - max_distance, len(key) + max_distance + 1):
            keys, ids, names = self._fuzzy_pool(length)
            if not keys:
                continue
            hits = extract(
                key, keys, scorer=Levenshtein.distance, score_cutoff=max_distance, limit=None
            )
            for _, dist, idx in hits:
                place_id = ids[idx]
                old = found.get(place_id)
                if old is not None and old.distance <= dist:
                    continue
                place = self.place(place_id)
                similarity = 1.0 - dist / max(len(key), length)
                found[place_id] = PlaceCandidate(
                    place, names[idx] or place.name, int(dist), similarity
                )
        ranked = sorted(found.values(), key=lambda c: (c.distance, -c.place.population))
        return ranked[:limit]

    # -- countries ------------------------------------------------------------------------
    def country_of(self, word: str) -> str | None:
        """ISO alpha-2 code of the country ``word`` names ("Ukraine", "Côte d'Ivoire") or whose
        people or language it names ("Ukrainian", "Nigerians"); None otherwise."""
        key = fold(word)
        code = self._demonyms.get(key)
        if code is not None:
            return code
        for place in self.lookup(word):
            if place.kind == "country":
                return place.country
        return None

    def country_name(self, code: str) -> str:
        """The short English name of a country code ("UA" -> "Ukraine"); the code when unknown."""
        return _country_names(self).get(code.upper(), code)


@cache
def _country_names(gaz: Gazetteer) -> dict[str, str]:
    names: dict[str, str] = {}
    for i in range(len(gaz._place_lines)):
        p = gaz.place(i)
        if p.kind != "country":
            break  # countries come first in the index
        names[p.country] = p.name
    return names


@cache
def _minor_place_keys() -> list[str]:
    path = DATA_DIR / "minor-places.txt.gz"
    if not path.exists():
        return []
    return _read_gz_text(path).split("\n")


def _load_toml(path: Path) -> dict[str, Any]:
    import tomllib

    with path.open("rb") as f:
        return tomllib.load(f)


def _parse_gazetteer(text: str) -> Gazetteer:
    nl = text.index("\n")
    n_places = int(text[:nl].split()[1])
    # places, "#fuzzy" line and the fuzzy lines are few: split them; the keys stay one text.
    keys_at = text.index("\n#keys ")
    head = text[nl + 1 : keys_at].split("\n")
    place_lines = head[:n_places]
    lengths = [int(x) for x in head[n_places].split()[1:]]
    fuzzy_lines = head[n_places + 1 :]
    table_end = text.index("\n", keys_at + 1)
    keys = _Runs(text[keys_at + len("\n#keys ") : table_end], text[table_end + 1 :])
    return Gazetteer(place_lines, fuzzy_lines, lengths, keys)


def _add_pack(gaz: Gazetteer, data: dict[str, Any]) -> None:
    """Merge one names pack: ``[[place]]`` and ``[[country]]`` tables (see docs/data.md)."""
    for entry in data.get("place", []):
        _add_pack_place(gaz, entry)
    for entry in data.get("country", []):
        code = str(entry["code"]).upper()
        for word in [*entry.get("names", []), *entry.get("demonyms", [])]:
            gaz._demonyms[fold(str(word))] = code
            if word in entry.get("names", []):
                country = [i for i in gaz._ids(fold(str(word))) if gaz.place(i).kind == "country"]
                if not country:
                    _add_pack_place(gaz, {"name": word, "country": code, "kind": "country"})


def _add_pack_place(gaz: Gazetteer, entry: dict[str, Any]) -> None:
    """A ``[[place]]`` entry: ``name`` (the usual English spelling), ``country`` (alpha-2),
    optional ``kind`` (city, region or country; default city), ``population`` and ``variants``
    (accepted other spellings). When the gazetteer already knows a place of that name (or of one
    of the variants) in that country, the pack's name becomes its display name and the variants
    are attached to it; otherwise the place is added."""
    name = str(entry["name"])
    country = str(entry.get("country", "")).upper()
    kind = str(entry.get("kind", "city"))
    variants = [str(v) for v in entry.get("variants", [])]
    existing = [
        i
        for form in [name, *variants]
        for i in gaz._ids(fold(form))
        if gaz.place(i).country == country and gaz.place(i).kind == kind
    ]
    n_shipped = len(gaz._place_lines)
    if existing:
        place_id = max(existing, key=lambda i: gaz.place(i).population)
        if place_id < n_shipped:
            gaz._display[place_id] = name
            gaz._place_cache.pop(place_id, None)
    else:
        place_id = n_shipped + len(gaz._extra_places)
        gaz._extra_places.append(Place(name, country, int(entry.get("population", 0)), kind))
    for form in [name, *variants]:
        key = fold(form)
        ids = gaz._extra.setdefault(key, [])
        if place_id not in ids:
            ids.append(place_id)
        if len(key) >= 3:
            gaz._fuzzy_extra.setdefault(len(key), []).append((key, place_id, form))


def load_gazetteer(index: Path, packs: Iterable[Path]) -> Gazetteer:
    """A gazetteer from an index file built by ``scripts/build_data.py`` and names packs."""
    gaz = _parse_gazetteer(_read_gz_text(index))
    for path in packs:
        _add_pack(gaz, _load_toml(path))
    return gaz


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer, loaded once per process (~20 ms): the shipped index plus every
    ``rules/names/*.toml`` pack."""
    return load_gazetteer(
        DATA_DIR / "gazetteer.txt.gz", sorted((rules_dir() / "names").glob("*.toml"))
    )
