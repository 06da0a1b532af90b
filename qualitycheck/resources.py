"""Shared language data: an English lexicon, given names and a gazetteer of places.

Every accessor loads its data on first use and keeps it for the life of the process
(``functools.cache``), so a rule may call ``lexicon()`` as often as it likes. Nothing here touches the
network: the data ships with the package in compact files built by ``scripts/build_data.py`` (see
``docs/data.md`` for sources and licences), plus the declarative name data in ``rules/names/``.

- ``lexicon()``: how common an English word is, on the Zipf scale (wordfreq). The lexicon is
  lower-cased, so proper nouns are in it too ("kherson" has a small value): a token's Zipf value says
  "this string is used in English", not "this is a common noun".
- ``given_names()``: first names from many cultures, evidence that a capitalised token is a person.
- ``known_names()``: well-known people, tournaments and organisations with their accepted spellings,
  indexed for fuzzy lookup (``names.misspelled-known-name``).
- ``ngrams()`` and ``tagger()``: an English 3-gram model and a part-of-speech tagger, for grammar
  rules that compare a phrase with one alternative.
- ``gazetteer()``: places (GeoNames cities of 5,000+ people with their Latin-script alternate
  names, ISO 3166 countries and subdivisions, and the ``rules/names/*.toml`` packs), with exact and
  fuzzy lookup and country names / demonyms.
"""

from __future__ import annotations

import bisect
import mmap
import os
import re
import unicodedata
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, NamedTuple, cast

if TYPE_CHECKING:
    from qualitycheck.ngram import NgramModel
    from qualitycheck.tagger import Tagger

DATA_DIR = Path(__file__).resolve().parent / "data"
_PLACES_PER_MEMBER = 512  # place records per member of gazetteer.qcd

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


@lru_cache(maxsize=1 << 16)
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


def packs_dir() -> Path:
    """The built-in declarative packs and name data: the repository's top-level ``rules/`` in a
    source checkout, shipped in a wheel as ``qualitycheck/data/packs/``."""
    installed = DATA_DIR / "packs"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parent.parent / "rules"


rules_dir = packs_dir  # the former name, kept for code written against it


@cache
def capitalised_words() -> tuple[frozenset[str], tuple[str, ...]]:
    """Words that edited English capitalises mid-sentence, and multi-word names (``phrases``),
    from every ``rules/case/*.toml`` file: all keys but ``phrases`` hold single words, and the
    words of ``in_names_only`` are allowed only inside a name run, so they are not listed."""
    words: set[str] = set()
    phrases: set[str] = set()
    for path in sorted((packs_dir() / "case").glob("*.toml")):
        for key, values in _load_toml(path).items():
            if isinstance(values, list) and key != "in_names_only":
                (phrases if key == "phrases" else words).update(map(str, values))
    return frozenset(words), tuple(sorted(phrases))


@cache
def pack_table(relative: str) -> dict[str, Any]:
    """A data table of the packs folder (``rules/`` in a checkout), e.g.
    ``"grammar/closed-class.toml"``: parsed once per process, for the rule that owns it."""
    return _load_toml(packs_dir() / relative)


@cache
def capitalised_word_list(key: str) -> frozenset[str]:
    """One list of every ``rules/case/*.toml`` file (e.g. ``institutions``), merged."""
    words: set[str] = set()
    for path in sorted((packs_dir() / "case").glob("*.toml")):
        words.update(map(str, _load_toml(path).get(key, ())))
    return frozenset(words)


# -- lexicon ---------------------------------------------------------------------------------------


class _Container:
    """A data file of separately compressed members (format: ``scripts/build_data.py``).
    Reading it costs one file read; each member is inflated on first use only."""

    def __init__(self, path: Path) -> None:
        # Mapped, not read: a run touches a small part of the file (reading all 3.7 MB of the
        # gazetteer costs ~2 ms at start-up).
        with path.open("rb") as f:
            data = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) if _size(f) else b""
        end = data.find(b"\n\n")
        lines = data[: max(end, 0)].decode("utf-8").split("\n")
        if end < 0 or lines[0] not in _CONTAINER_FORMATS:
            raise ValueError(f"{path}: not a qualitycheck data file")
        self._data = memoryview(data)[end + 2 :]
        # Member lines ``name<TAB>offset<TAB>length`` (a chunk of a large group has a fourth
        # field, its first key: format 2; a length written ``=n`` is a member stored as it is,
        # not compressed: format 3). Only the names are indexed here; a line is parsed when its
        # member is first used.
        self._header = lines[1:]
        self._index = {line[: line.find("\t")]: i for i, line in enumerate(self._header)}
        self._chunks: dict[str, tuple[list[str], list[str]]] = {}  # group -> first keys, names
        self._lines: dict[str, list[str]] = {}
        self._texts: dict[str, str] = {}  # "\n" + text + "\n" of members not split yet
        self._scans: dict[str, int] = {}  # lookups answered from those texts

    def _span(self, name: str) -> tuple[int, int] | None:
        """``(offset, length)`` of a member (a negative length: stored uncompressed, ``-length``
        bytes); None when there is none."""
        i = self._index.get(name)
        if i is None:
            return None
        fields = self._header[i].split("\t")
        length = fields[2]
        return int(fields[1]), -int(length[1:]) if length[:1] == "=" else int(length)

    def _chunk(self, group: str, key: str) -> str:
        """The member that holds ``key`` among the members of ``group`` (``prefix:cc``): a large
        group is cut into chunks ``group#1``, ``group#2``... listed right after it, whose header
        lines give their first key; the chunk is the last one starting at or before ``key``."""
        chunks = self._chunks.get(group)
        if chunks is None:
            firsts, names = [""], [group]
            i = self._index.get(group)
            if i is not None:
                header, tag = self._header, group + "#"
                for j in range(i + 1, len(header)):
                    fields = header[j].split("\t")
                    if not header[j].startswith(tag) or len(fields) != 4:
                        break  # the next group ("a#..." after "a" is a group of its own)
                    names.append(fields[0])
                    firsts.append(fields[3])
            chunks = self._chunks[group] = (firsts, names)
        firsts, names = chunks
        if len(names) == 1:
            return group
        return names[bisect.bisect_right(firsts, key) - 1]

    def __contains__(self, name: str) -> bool:
        return self._span(name) is not None

    def text(self, name: str) -> str:
        """A member's text; empty when there is no such member."""
        span = self._span(name)
        if span is None:
            return ""
        offset, length = span
        if length < 0:  # stored as it is: no inflating
            return str(self._data[offset : offset - length], "utf-8")
        return zlib.decompress(self._data[offset : offset + length]).decode("utf-8")

    def lines(self, name: str) -> list[str]:
        """A member's lines, split once and kept."""
        lines = self._lines.get(name)
        if lines is None:
            framed = self._texts.pop(name, None)
            text = self.text(name) if framed is None else framed[1:-1]
            lines = text.split("\n") if text else []
            self._lines[name] = lines
        return lines

    def find(self, prefix: str, key: str) -> str | None:
        """In the sorted ``key<TAB>value`` lines of member ``prefix:<first two chars of key>``
        (or of its chunk that holds ``key``), the value for ``key`` ("" for a line that is the
        key alone); None when absent."""
        if not key:
            return None
        group = f"{prefix}:{key[:2]}"
        if group not in self._index:
            return None  # no key starts so (and nothing is remembered about a missing group)
        name = self._chunk(group, key)
        if name not in self._lines and "\n" not in key and "\t" not in key:
            # The first lookups in a member search its text: splitting a large member into
            # lines costs as much as a few hundred searches, and a short run asks few words.
            scans = self._scans.get(name, 0)
            if scans < _SCANS_BEFORE_SPLIT:
                self._scans[name] = scans + 1
                return self._search(name, key)
        lines = self.lines(name)
        # TAB sorts before any character of a key, so "key<TAB>value" directly follows the lines
        # that sort before "key" and precedes "key and more".
        i = bisect.bisect_left(lines, key)
        if i < len(lines):
            line = lines[i]
            if line == key:
                return ""
            if line.startswith(key) and line[len(key) : len(key) + 1] == "\t":
                return line[len(key) + 1 :]
        return None

    def _search(self, name: str, key: str) -> str | None:
        """``find`` by a search of the member's text: the first line that is ``key`` or starts
        with ``key<TAB>`` is the one ``find`` bisects to, the lines being sorted."""
        framed = self._texts.get(name)
        if framed is None:
            framed = self._texts[name] = "\n" + self.text(name) + "\n"
        # Sorted, the lines that start with ``key`` come first among those >= ``key``.
        needle = "\n" + key
        i = framed.find(needle)
        if i < 0:
            return None
        j = i + len(needle)
        after = framed[j]
        if after == "\n":
            return ""
        if after == "\t":
            return framed[j + 1 : framed.index("\n", j)]
        return None


_SCANS_BEFORE_SPLIT = 32
_CONTAINER_FORMATS = ("qualitycheck-data 1", "qualitycheck-data 2", "qualitycheck-data 3")


def _size(f: BinaryIO) -> int:
    return os.fstat(f.fileno()).st_size


class Lexicon:
    """English word frequencies (wordfreq, ~310k lower-cased words).

    ``zipf(word)`` is the Zipf-scale frequency: log10 of occurrences per billion words, so
    7.7 for "the", about 4 for "village", 2 to 3 for rare words and many proper nouns, 1.0 for the
    rarest listed words, and 0.0 for a word the lexicon does not have. Values are rounded to 0.1.
    Lookups are case-insensitive. Proper nouns are in the lexicon too (it is lower-cased), so a
    non-zero value does not prove a token is a common word.
    """

    def __init__(self, data: _Container) -> None:
        self._data = data
        # Rules ask about the same words again and again: memoise (bounded, so memory stays flat).
        self.zipf = lru_cache(maxsize=1 << 17)(self._zipf)  # type: ignore[method-assign]

    def zipf(self, word: str) -> float:
        """Zipf frequency of ``word`` (any case; curly apostrophes allowed); 0.0 when unknown."""
        return self._zipf(word)

    def _zipf(self, word: str) -> float:
        code = self._data.find("w", word.lower().replace("’", "'"))
        return (ord(code) - 48) / 10 + 1 if code else 0.0

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.zipf(word) > 0.0

    def __len__(self) -> int:
        return int(self._data.text("meta").split()[1])


@cache
def lexicon() -> Lexicon:
    """The English lexicon, loaded once per process (~1 ms; a lookup inflates the ~2 KB chunk
    of words around it the first time, ~10 µs)."""
    return Lexicon(_Container(DATA_DIR / "lexicon.qcd"))


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
    for path in sorted((packs_dir() / "names").glob("given-names*.txt")):
        listed = list(_read_name_list(path))
        names.update(listed)
        names.update(map(str.title, listed))
    names.update([_strip_accents(name) for name in names if not name.isascii()])
    return frozenset(names)


# -- known names -----------------------------------------------------------------------------------


class KnownName(NamedTuple):
    """A well-known person, event, venue or organisation (``rules/names/known-names*.txt``).

    ``name`` is the spelling suggested (the first of its line); ``forms`` are the comparable keys
    of its accepted spellings (see ``KnownForm``); ``domains`` the sections it is listed in
    ("tennis", "politics"). (Named tuples: thousands are built at load, and tuples are the
    cheapest to build.)"""

    name: str
    forms: tuple[str, ...]
    domains: tuple[str, ...]


class KnownForm(NamedTuple):
    """One accepted spelling of a known name, as the name rules compare it: ``tokens`` are its
    folded comparable words (no initials, no lower-case particles: "Ursula von der Leyen" ->
    ("ursula", "leyen")), ``key`` those tokens joined by spaces."""

    key: str
    tokens: tuple[str, ...]
    spelling: str  # as written in the list ("Volodymyr Zelenskyy")
    entry: KnownName


@dataclass(frozen=True, slots=True)
class KnownNames:
    """The known names, indexed for fuzzy lookup.

    - ``exact``: folded comparable key -> the entries that spell it so (a name of three words or
      more also by its last two or more: "tayyip erdogan", "martin potro");
    - ``pools``: (number of tokens, first letter of a token) -> the forms whose first or last
      token starts with that letter, with their keys (``pool_keys``) for ``rapidfuzz.process``;
    - ``surnames``: folded last token -> the entries ending in it;
    - ``tokens``: every folded token of every accepted form;
    - ``context``: domain -> its context words (lower-case).
    """

    exact: dict[str, tuple[KnownName, ...]]
    pools: dict[tuple[int, str], tuple[KnownForm, ...]]
    pool_keys: dict[tuple[int, str], tuple[str, ...]]
    surnames: dict[str, tuple[KnownName, ...]]
    tokens: frozenset[str]
    context: dict[str, frozenset[str]]

    def pool(self, n_tokens: int, letter: str) -> tuple[tuple[KnownForm, ...], tuple[str, ...]]:
        key = (n_tokens, letter)
        return self.pools.get(key, ()), self.pool_keys.get(key, ())


_GLUED_PARTICLE_RE = re.compile(r"^(?:[a-z]{1,3}[\-’'])+(?=[A-Z])")


def comparable_tokens(name: str) -> tuple[str, ...]:
    """The folded words of a name that name rules compare: initials ("F.", "J.R.R."), lower-case
    particles ("von", "de", "al") and glued particle prefixes ("al-Assad") left out."""
    out: list[str] = []
    for word in name.split():
        if word.isalpha() and word[0].isupper() and len(word) > 1:
            out.append(word.lower() if word.isascii() else fold(word))  # most words: fast path
            continue
        word = _GLUED_PARTICLE_RE.sub("", word)
        if not word[:1].isupper() and not word[:1].isdigit():
            continue  # "von", "der", "bin", "de", "the"
        core = word.replace(".", "")
        if len(core) <= 1 or (word.endswith(".") and core.isupper() and len(core) <= 3):
            continue  # initials: "F.", "J.R.R.", "Jr."
        out.extend(fold(word).split())  # "Roland-Garros": "roland", "garros"
    return tuple(out)


KNOWN_NAMES_FILE = DATA_DIR / "known-names.pickle"


def _known_names_sources() -> tuple[list[Path], int]:
    """The known-name lists and one CRC-32 of them and of this module (whose code builds the
    index): the key under which ``data/known-names.pickle`` is valid."""
    paths = sorted((packs_dir() / "names").glob("known-names*.txt"))
    crc = zlib.crc32(Path(__file__).read_bytes())
    for path in paths:
        crc = zlib.crc32(path.name.encode() + b"\0" + path.read_bytes(), crc)
    return paths, crc


@cache
def known_names() -> KnownNames:
    """Well-known people, tournaments, venues and organisations with their accepted spellings
    (``rules/names/known-names.txt`` and any other ``rules/names/known-names*.txt``), loaded once
    per process and indexed by token count and first letters. The index is stored at build time
    in ``data/known-names.pickle`` (``scripts/build_data.py known-names``; ~5 ms to read) and
    used while the lists and this module are unchanged; otherwise it is built here (~50 ms)."""
    import pickle

    paths, crc = _known_names_sources()
    try:
        with KNOWN_NAMES_FILE.open("rb") as f:
            stored_crc, index = pickle.load(f)  # our own file, shipped in the package
        if stored_crc == crc and isinstance(index, KnownNames):
            return index
    except (OSError, ValueError, EOFError, pickle.UnpicklingError, AttributeError, TypeError):
        pass
    return build_known_names(paths)


def build_known_names(paths: list[Path] | None = None) -> KnownNames:
    """The known-names index built from the lists (``paths``: default, the built-in ones)."""
    if paths is None:
        paths = _known_names_sources()[0]
    entries: dict[str, tuple[list[str], list[str]]] = {}  # name -> (spellings, domains)
    context: dict[str, set[str]] = {}
    for path in paths:
        domain = ""
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            if line.startswith("["):
                head, _, words = line[1:].partition("]")
                domain = head.strip()
                context.setdefault(domain, set()).update(words.lower().split())
                continue
            spellings = [s.strip() for s in line.split("|") if s.strip()]
            forms, domains = entries.setdefault(spellings[0], ([], []))
            forms.extend(s for s in spellings if s not in forms)
            if domain and domain not in domains:
                domains.append(domain)
    exact: dict[str, list[KnownName]] = {}
    pools: dict[tuple[int, str], list[KnownForm]] = {}
    surnames: dict[str, list[KnownName]] = {}
    tokens: set[str] = set()
    for name, (spellings, domains) in entries.items():
        compared: dict[str, tuple[tuple[str, ...], str]] = {}  # key -> (tokens, spelling)
        for spelling in spellings:
            toks = comparable_tokens(spelling)
            if toks:
                compared.setdefault(" ".join(toks), (toks, spelling))
        entry = KnownName(name, tuple(compared), tuple(domains))
        for key, (toks, spelling) in compared.items():
            tokens.update(toks)
            for i in range(len(toks) - 1 if len(toks) > 2 else 1):
                # the name, and its last words: "Tayyip Erdogan", "Martin del Potro"
                spelled = exact.setdefault(" ".join(toks[i:]), [])
                if entry not in spelled:
                    spelled.append(entry)
            if len(toks) < 2:
                continue
            form = KnownForm(key, toks, spelling, entry)
            for letter in {toks[0][0], toks[-1][0]}:
                pools.setdefault((len(toks), letter), []).append(form)
            bucket = surnames.setdefault(toks[-1], [])
            if not bucket or bucket[-1] is not entry:
                bucket.append(entry)
    frozen_pools = {k: tuple(v) for k, v in pools.items()}
    return KnownNames(
        {k: tuple(v) for k, v in exact.items()},
        frozen_pools,
        {k: tuple(f.key for f in v) for k, v in frozen_pools.items()},
        {k: tuple(v) for k, v in surnames.items()},
        frozenset(tokens),
        {k: frozenset(v) for k, v in context.items()},
    )


# -- name meanings ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NameMeanings:
    """Names that are also words, from the ``rules/names/*.toml`` tables ``surnames``,
    ``titles``, ``first-names``, ``surname-lists``, ``first-name-lists`` and ``countries`` (see
    ``rules/names/name-meanings.toml``). Keys of ``by_meaning`` and ``english_first_names`` are
    lower-case; names are kept as written and also without diacritics."""

    by_meaning: dict[str, tuple[tuple[str, str, str], ...]]  # word -> (name, language, kind)
    english_first_names: dict[str, tuple[tuple[str, str], ...]]  # "margaret" -> (lang, foreign)
    surnames: dict[str, frozenset[str]]  # language -> surnames
    first_names: dict[str, frozenset[str]]  # language -> first names
    countries: dict[str, frozenset[str]]  # language -> ISO 3166 codes


@cache
def name_meanings() -> NameMeanings:
    """The name meanings of every ``rules/names/*.toml`` pack, loaded once per process."""
    by_meaning: dict[str, list[tuple[str, str, str]]] = {}
    english: dict[str, list[tuple[str, str]]] = {}
    surnames: dict[str, set[str]] = {}
    firsts: dict[str, set[str]] = {}
    countries: dict[str, set[str]] = {}

    def both(name: str) -> tuple[str, ...]:
        plain = _strip_accents(name)
        return (name,) if plain == name else (name, plain)

    for path in sorted((rules_dir() / "names").glob("*.toml")):
        data = _load_toml(path)
        for table, kind in (("surnames", "surname"), ("titles", "title")):
            for lang, entries in data.get(table, {}).items():
                for name, meanings in entries.items():
                    for meaning in meanings:
                        by_meaning.setdefault(str(meaning).lower(), []).append((name, lang, kind))
                    if kind == "surname":
                        surnames.setdefault(lang, set()).update(both(name))
        for lang, entries in data.get("first-names", {}).items():
            for name, form in entries.items():
                english.setdefault(str(form).lower(), []).append((lang, name))
                firsts.setdefault(lang, set()).update(both(name))
        for lang, names in data.get("surname-lists", {}).items():
            for name in names:
                surnames.setdefault(lang, set()).update(both(str(name)))
        for lang, names in data.get("first-name-lists", {}).items():
            for name in names:
                firsts.setdefault(lang, set()).update(both(str(name)))
        for lang, codes in data.get("countries", {}).items():
            countries.setdefault(lang, set()).update(str(c).upper() for c in codes)
    return NameMeanings(
        {k: tuple(v) for k, v in by_meaning.items()},
        {k: tuple(v) for k, v in english.items()},
        {k: frozenset(v) for k, v in surnames.items()},
        {k: frozenset(v) for k, v in firsts.items()},
        {k: frozenset(v) for k, v in countries.items()},
    )


@cache
def place_variants() -> dict[str, str]:
    """Folded name -> display name, for every ``[[place]]`` of the ``rules/names/*.toml`` packs
    that lists ``variants``: the accepted spellings of one place ("kiev" -> "Kyiv")."""
    out: dict[str, str] = {}
    for path in sorted((rules_dir() / "names").glob("*.toml")):
        for entry in _load_toml(path).get("place", []):
            variants = [str(v) for v in entry.get("variants", [])]
            if variants:
                name = str(entry["name"])
                for form in (name, *variants):
                    out.setdefault(fold(form), name)
    return out


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
    distance: int  # edits (OSA distance: a swap of two letters is one) between the folded forms
    similarity: float  # 1 - distance / max(len), on the folded forms


class Gazetteer:
    """Known places and the names they go by.

    - ``lookup(name)`` / ``name in gazetteer``: exact lookup of a name or any of its known alternate
      spellings, case- and diacritic-insensitive ("odessa", "Odesa", "ODESA" are all Odesa).
    - ``is_minor_place(name)``: whether a name is a smaller populated place (1,000-5,000 people) that
      is not in the main index; a second file, loaded on first call.
    - ``candidates(token)``: places whose *usual* name (or an accepted variant from a pack) lies
      within a small edit distance of the token: what a misspelling of the place would be.
    - ``country_of(word)``: the country a country name or demonym refers to ("Ukraine",
      "Ukrainian" -> "UA"); ``country_name(code)`` the other way.

    Names from the packs in ``rules/names/*.toml`` are merged in when the gazetteer loads.
    """

    def __init__(self, data: _Container) -> None:
        self._data = data
        self._n_shipped = int(data.text("meta").split()[1])
        self._extra: dict[str, list[int]] = {}  # folded name -> place ids, from packs
        self._extra_places: list[Place] = []  # places added by packs (ids after the shipped ones)
        self._fuzzy_extra: dict[int, list[tuple[str, int, str]]] = {}  # len -> (key, id, name)
        self._fuzzy_split: dict[int, tuple[list[str], list[str], list[str]]] = {}
        self._display: dict[int, str] = {}  # a pack's preferred spelling of a shipped place
        self._demonyms: dict[str, str] = {}  # folded country name or demonym -> alpha-2
        self._place_cache: dict[int, Place] = {}
        # Per-name answers are memoised (bounded): rules ask about the same names many times.
        self.lookup = lru_cache(maxsize=1 << 15)(self._lookup)  # type: ignore[method-assign]
        self.country_of = lru_cache(maxsize=1 << 15)(self._country_of)  # type: ignore[method-assign]
        self.is_minor_place = lru_cache(maxsize=1 << 14)(self._is_minor_place)  # type: ignore[method-assign]
        self._known = lru_cache(maxsize=1 << 15)(self._has_name)
        self._candidates_memo = lru_cache(maxsize=1 << 13)(self._candidates)

    def _country_ids(self) -> dict[str, int]:
        """Country code -> place number of the country (countries come first in the index)."""
        if not hasattr(self, "_country_id_map"):
            ids: dict[str, int] = {}
            for place_id in range(self._n_shipped):
                p = self.place(place_id)
                if p.kind != "country":
                    break
                ids[p.country] = place_id
            self._country_id_map = ids
        return self._country_id_map

    # -- places ---------------------------------------------------------------------------
    def place(self, place_id: int) -> Place:
        """The place numbered ``place_id`` (numbers come from the index; stable within a
        process only)."""
        p = self._place_cache.get(place_id)
        if p is None:
            n = self._n_shipped
            if place_id < n:
                chunk, row = divmod(place_id, _PLACES_PER_MEMBER)
                line = self._data.lines(f"places:{chunk}")[row]
                name, cc, pop, kind = line.split("\t")
                p = Place(self._display.get(place_id, name), cc, int(pop), kind)
            else:
                p = self._extra_places[place_id - n]
            self._place_cache[place_id] = p
        return p

    def _ids(self, key: str) -> list[int]:
        ids: list[int] = []
        found = self._data.find("keys", key)
        if found:
            ids.extend(int(x) for x in found.split(","))
        for extra_id in self._extra.get(key, ()):
            if extra_id not in ids:
                ids.append(extra_id)
        return ids

    def lookup(self, name: str) -> tuple[Place, ...]:
        """Every place called ``name`` (usual or alternate name), most populous first; countries
        and regions before cities of the same population. Empty when unknown."""
        return self._lookup(name)

    def _lookup(self, name: str) -> tuple[Place, ...]:
        places = [self.place(i) for i in self._ids(fold(name))]
        places.sort(key=lambda p: (p.kind != "country", -p.population))
        return tuple(places)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self._known(name)

    def _has_name(self, name: str) -> bool:
        return bool(self._ids(fold(name)))

    def is_minor_place(self, name: str) -> bool:
        """Whether ``name`` is a populated place of 1,000-5,000 people (GeoNames) that the main
        index does not have."""
        return self._is_minor_place(name)

    def _is_minor_place(self, name: str) -> bool:
        return self._data.find("minor", fold(name)) is not None

    # -- fuzzy ----------------------------------------------------------------------------
    def _fuzzy_pool(self, length: int) -> tuple[list[str], list[str], list[str]]:
        """Folded names of ``length`` characters, their place ids (as text: only the few that
        match are converted), their display spellings ("" for the place's own name); built once
        per length, shipped names then pack names."""
        pool = self._fuzzy_split.get(length)
        if pool is None:
            text = self._data.text(f"fuzzy:{length}")
            keys, ids = text.split("\n") if text else ("", "")
            pool = (
                keys.split("|") if keys else [],
                ids.split(",") if ids else [],
                [""] * (keys.count("|") + 1 if keys else 0),
            )
            for key, place_id, name in self._fuzzy_extra.get(length, ()):
                pool[0].append(key)
                pool[1].append(str(place_id))
                pool[2].append(name)
            self._fuzzy_split[length] = pool
        return pool

    def candidates(
        self, token: str, *, max_distance: int = 2, limit: int = 5
    ) -> list[PlaceCandidate]:
        """Places whose usual name (or a pack variant) is within ``max_distance`` edits
        (insertions, deletions, substitutions and swaps of neighbouring letters, on folded
        forms) of ``token``, best first: smaller distance, then larger
        population. Exact matches (distance 0) are included. Alternate names are not fuzzy
        targets: they are many and noisy, and a suggestion should be a name editors use.
        About 1-4 ms per call (rapidfuzz, imported on first use); answers are memoised."""
        return list(self._candidates_memo(token, max_distance, limit))

    def _candidates(self, token: str, max_distance: int, limit: int) -> tuple[PlaceCandidate, ...]:
        from rapidfuzz.distance import OSA
        from rapidfuzz.process import extract

        key = fold(token)
        if len(key) < 3:
            return ()
        found: dict[int, PlaceCandidate] = {}
        for length in range(len(key) - max_distance, len(key) + max_distance + 1):
            keys, ids, names = self._fuzzy_pool(length)
            if not keys:
                continue
            hits = extract(key, keys, scorer=OSA.distance, score_cutoff=max_distance, limit=None)
            for _, dist, idx in hits:
                place_id = int(ids[idx])
                old = found.get(place_id)
                if old is not None and old.distance <= dist:
                    continue
                place = self.place(place_id)
                similarity = 1.0 - dist / max(len(key), length)
                found[place_id] = PlaceCandidate(
                    place, names[idx] or place.name, int(dist), similarity
                )
        ranked = sorted(found.values(), key=lambda c: (c.distance, -c.place.population))
        return tuple(ranked[:limit])

    # -- countries ------------------------------------------------------------------------
    def country_of(self, word: str) -> str | None:
        """ISO alpha-2 code of the country ``word`` names ("Ukraine", "Côte d'Ivoire") or whose
        people or language it names ("Ukrainian", "Nigerians"); None otherwise."""
        return self._country_of(word)

    def _country_of(self, word: str) -> str | None:
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
    for place_id in range(gaz._n_shipped):
        p = gaz.place(place_id)
        if p.kind != "country":
            break  # countries come first in the index
        names[p.country] = p.name
    for p in gaz._extra_places:
        if p.kind == "country":
            names.setdefault(p.country, p.name)
    return names


def _load_toml(path: Path) -> dict[str, Any]:
    raw = path.read_bytes()
    found = prebuilt_table(path, raw)
    if found is not None:
        return cast("dict[str, Any]", found)
    import tomllib

    return tomllib.loads(raw.decode("utf-8"))


# -- TOML files parsed at build time -----------------------------------------------------------
# Parsing the built-in packs and data tables (``rules/**/*.toml``) with ``tomllib`` costs ~20 ms
# at every start. ``scripts/build_data.py tables`` stores them parsed, as JSON, in
# ``data/tables.json``, each with the CRC-32 of the file it was parsed from; a file is taken from
# there only while its bytes have that CRC, so an edited file is parsed afresh (same result, just
# slower) and a test fails until the tables are built again. Nothing is ever written at run time.

TABLES_FILE = DATA_DIR / "tables.json"
_TABLES_FORMAT = "qualitycheck-tables 1"


@cache
def _prebuilt_tables() -> dict[str, list[Any]]:
    """Path relative to ``packs_dir()`` -> ``[CRC-32, the parsed file as JSON text]``; empty when
    the file is missing or not of this format."""
    import json

    try:
        data = json.loads(TABLES_FILE.read_bytes())
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("format") != _TABLES_FORMAT:
        return {}
    files = data.get("files")
    return files if isinstance(files, dict) else {}


def prebuilt_table(path: Path, raw: bytes) -> Any | None:
    """The parsed TOML of ``path`` (a file of the packs folder whose bytes are ``raw``) as stored
    at build time, a fresh object on every call; None when it was not stored or has changed."""
    tables = _prebuilt_tables()
    if not tables:
        return None
    try:
        key = path.resolve().relative_to(packs_dir().resolve()).as_posix()
    except ValueError:
        return None  # not a built-in file
    stored = tables.get(key)
    # (A carriage return would make the file's readers differ: some read it as text, newlines
    # translated. Files with one are never stored.)
    if stored is None or stored[0] != zlib.crc32(raw) or b"\r" in raw:
        return None
    import json

    return json.loads(stored[1])


def build_tables() -> str:
    """The content of ``data/tables.json`` for the current ``rules/**/*.toml`` files (used by
    ``scripts/build_data.py tables`` and by the test that the shipped file is up to date)."""
    import json
    import tomllib

    root = packs_dir()
    files: dict[str, list[Any]] = {}
    for path in sorted(root.rglob("*.toml")):
        raw = path.read_bytes()
        try:
            parsed = tomllib.loads(raw.decode("utf-8"))
            text = json.dumps(parsed, ensure_ascii=False, separators=(",", ":"))
        except (ValueError, TypeError):  # not valid TOML, or not plain JSON data (a date)
            continue
        if b"\r" in raw or json.loads(text) != parsed:
            continue  # parsed at run time, as before
        files[path.relative_to(root).as_posix()] = [zlib.crc32(raw), text]
    state = {"format": _TABLES_FORMAT, "files": files}
    return json.dumps(state, ensure_ascii=False, indent=0) + "\n"


def _add_pack(gaz: Gazetteer, data: dict[str, Any]) -> None:
    """Merge one names pack: ``[[place]]`` and ``[[country]]`` tables (see docs/data.md)."""
    for entry in data.get("place", []):
        _add_pack_place(gaz, entry)
    for entry in data.get("country", []):
        code = str(entry["code"]).upper()
        names = [str(n) for n in entry.get("names", [])]
        for word in [*names, *entry.get("demonyms", [])]:
            gaz._demonyms[fold(str(word))] = code
        if names:
            place_id = gaz._country_ids().get(code)
            if place_id is None:
                _add_pack_place(gaz, {"name": names[0], "country": code, "kind": "country"})
            else:
                for name in names:
                    _attach(gaz, place_id, name, fuzzy=False)


def _attach(gaz: Gazetteer, place_id: int, form: str, *, fuzzy: bool) -> None:
    key = fold(form)
    ids = gaz._extra.setdefault(key, [])
    if place_id not in ids:
        ids.append(place_id)
    if fuzzy and len(key) >= 3:
        gaz._fuzzy_extra.setdefault(len(key), []).append((key, place_id, form))
        gaz._fuzzy_split.pop(len(key), None)  # built again with this name


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
    place_id: int | None = None
    for form in [name, *variants]:
        # Place numbers follow population within a kind: the first match is the largest place.
        for i in sorted(gaz._ids(fold(form))):
            p = gaz.place(i)
            if p.country == country and p.kind == kind:
                if place_id is None or i < place_id:
                    place_id = i
                break
        if place_id is not None and place_id < _PLACES_PER_MEMBER:
            break  # already among the largest places: no variant will find a larger one
    if place_id is not None:
        if place_id < gaz._n_shipped:
            gaz._display[place_id] = name
            gaz._place_cache.pop(place_id, None)
    else:
        place_id = gaz._n_shipped + len(gaz._extra_places)
        gaz._extra_places.append(Place(name, country, int(entry.get("population", 0)), kind))
    for form in [name, *variants]:
        _attach(gaz, place_id, form, fuzzy=True)


def load_gazetteer(index: Path, packs: Iterable[Path]) -> Gazetteer:
    """A gazetteer from an index file built by ``scripts/build_data.py`` and names packs."""
    gaz = Gazetteer(_Container(index))
    packs = list(packs)
    if not _restore_merged_packs(gaz, packs):
        for path in packs:
            _add_pack(gaz, _load_toml(path))
    return gaz


# -- packs merged at build time ----------------------------------------------------------------
# Merging the packs costs a TOML parse and a hundred lookups in the index (~6 ms at every start).
# ``scripts/build_data.py`` stores the merged result in the index (member ``packs``) with the
# checksums of what it was computed from: the pack files and this module (the merge code). When
# they all match, the stored result is used; any edit falls back to merging the packs as above.


def _pack_sources(packs: list[Path]) -> list[list[Any]] | None:
    """``[file name, CRC-32]`` of this module and of each pack, in order (line ends as in a
    checkout on any system), and the Unicode version ``fold`` relies on; None when a file cannot
    be read."""
    try:
        files = [Path(__file__), *packs]
        sums = [[p.name, zlib.crc32(p.read_bytes().replace(b"\r\n", b"\n"))] for p in files]
    except OSError:
        return None
    return [*sums, ["unicodedata", unicodedata.unidata_version]]


def merged_packs_member(gaz: Gazetteer, packs: list[Path]) -> str:
    """The ``packs`` member for an index: ``gaz``'s pack data (the index with ``packs`` merged)
    and what it was computed from, as JSON. Used by ``scripts/build_data.py``."""
    import json

    state = {
        "sources": _pack_sources(packs),
        "extra": gaz._extra,
        "places": [[p.name, p.country, p.population, p.kind] for p in gaz._extra_places],
        "fuzzy": gaz._fuzzy_extra,
        "display": gaz._display,
        "demonyms": gaz._demonyms,
    }
    return json.dumps(state, ensure_ascii=False, separators=(",", ":"))


def _restore_merged_packs(gaz: Gazetteer, packs: list[Path]) -> bool:
    """Take the pack data stored in the index when it was computed from exactly ``packs`` and
    this module; False (nothing changed) otherwise."""
    import json

    text = gaz._data.text("packs")
    if not text:
        return False
    state = json.loads(text)
    if state["sources"] != _pack_sources(packs):
        return False
    gaz._extra = state["extra"]
    gaz._extra_places = [Place(*p) for p in state["places"]]
    gaz._fuzzy_extra = {
        int(n): [(key, place_id, name) for key, place_id, name in entries]
        for n, entries in state["fuzzy"].items()
    }
    gaz._display = {int(place_id): name for place_id, name in state["display"].items()}
    gaz._demonyms = state["demonyms"]
    return True


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer, loaded once per process (~3 ms with the packs merged at build time, ~10 ms
    when a pack was edited since): the shipped index plus every ``rules/names/*.toml`` pack."""
    return load_gazetteer(
        DATA_DIR / "gazetteer.qcd", sorted((packs_dir() / "names").glob("*.toml"))
    )


# -- grammar models --------------------------------------------------------------------------------


@cache
def ngrams() -> NgramModel:
    """The English 3-gram model (CMU Sphinx en-us, BSD-2), memory-mapped (~0.3 ms to open, about
    1-2 µs per table look-up): ``ngrams().logprob("signed", "the", "agreement")``. For relative
    tests only (a phrase against one alternative); see ``qualitycheck.ngram``."""
    from qualitycheck.ngram import NgramModel

    return NgramModel(DATA_DIR / "ngrams.qng")


@cache
def tagger() -> Tagger:
    """The part-of-speech tagger (averaged perceptron trained on the Brown corpus), loaded once
    per process: ``tagger().tag(["the", "minister", "said"])`` -> ``["DT", "NN", "VBD"]``."""
    from qualitycheck.tagger import load

    return load(DATA_DIR / "tagger.qpt")


def grammar_list(name: str) -> list[list[str]]:
    """The rows of ``rules/grammar/<name>.txt``: fields separated by ``|``, each a list of
    words separated by spaces or commas (``#`` starts a comment). Not cached: a rule keeps what
    it builds from them."""
    return data_rows(f"grammar/{name}.txt")


def data_rows(relative: str) -> list[list[str]]:
    """The rows of the data file ``rules/<relative>``: fields separated by ``|``, stripped
    (``#`` starts a comment, blank lines are skipped). Not cached."""
    rows = []
    for line in (rules_dir() / relative).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            rows.append([field.strip() for field in line.split("|")])
    return rows
