"""language.untranslated: sentences left in another language or script, and the English prose full
of foreign names, quotations and loanwords that it must leave alone."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SAMPLES, load_sample
from hypothesis import given, settings
from hypothesis import strategies as st

from qualitycheck.document import Document
from qualitycheck.rules.language import untranslated
from qualitycheck.rules.language.untranslated import RULE
from qualitycheck.testing import flagged, run_rule


@pytest.fixture
def lingua_calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Records every sentence the rule hands to the language detector."""
    calls: list[str] = []
    real = untranslated.detect_language

    def counting(text: str) -> tuple[str, float, float]:
        calls.append(text)
        return real(text)

    monkeypatch.setattr(untranslated, "detect_language", counting)
    yield calls


# -- other scripts -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "script"),
    [
        ("Президент заявил, что переговоры будут продолжены на следующей неделе.", "Cyrillic"),
        ("Президент заявив, що переговори продовжаться наступного тижня.", "Cyrillic"),
        ("قال الرئيس إن المحادثات ستستأنف الأسبوع المقبل في إسطنبول.", "Arabic"),
        ("הממשלה הודיעה על צעדים חדשים להורדת יוקר המחיה בשנה הבאה.", "Hebrew"),
        ("Ο πρόεδρος δήλωσε ότι οι συνομιλίες θα συνεχιστούν την επόμενη εβδομάδα.", "Greek"),
        ("总统表示，谈判将于下周在伊斯坦布尔恢复。", "Chinese"),
        ("大統領は来週イスタンブールで協議を再開すると述べた。", "Japanese"),
        ("대통령은 다음 주 이스탄불에서 회담이 재개될 것이라고 말했다.", "Hangul"),
        ("राष्ट्रपति ने कहा कि बातचीत अगले सप्ताह फिर से शुरू होगी।", "Devanagari"),
        ("ประธานาธิบดีกล่าวว่าการเจรจาจะเริ่มขึ้นอีกครั้งในสัปดาห์หน้า", "Thai"),
    ],
)
def test_flags_sentence_in_another_script(sentence: str, script: str) -> None:
    text = f"The president spoke to reporters on Monday. {sentence}"
    doc = Document.from_text(text)
    (match,) = run_rule(RULE, doc)
    assert doc.text[match.start : match.end] == sentence
    assert script in match.message
    assert match.suggestions == ()


@pytest.mark.parametrize(
    "text",
    [
        "The mayor of Kyiv (Київ) said the city would rebuild its bridges by the autumn.",
        "Residents of Kharkiv (Харків) and Odesa (Одеса) were told to stay indoors.",
        "The sign on the door read «Вход воспрещён», but nobody stopped them.",
        "The slogan “Слава Україні” was painted on the wall of the school.",
        "The word for peace, 和平, appeared on banners across the square.",
        "Her name, written 김지수 in Korean, means wisdom and beauty.",
        "The Greek word δημοκρατία gave English its word democracy.",
    ],
)
def test_quiet_on_foreign_names_and_short_quotes_in_other_scripts(text: str) -> None:
    assert flagged(RULE, text) == []


# -- Latin-script languages ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        (
            "La situación es muy grave y necesitamos ayuda de la comunidad internacional.",
            "Spanish",
        ),
        (
            "Der Minister sagte, dass die Regierung keine weiteren Zugeständnisse machen werde.",
            "German",
        ),
        (
            "Le gouvernement a annoncé de nouvelles mesures pour soutenir les ménages modestes.",
            "French",
        ),
        (
            "O presidente disse que as negociações serão retomadas na próxima semana.",
            "Portuguese",
        ),
        ("Il governo ha deciso di rinviare la riforma delle pensioni al prossimo anno.", "Italian"),
        ("De regering heeft nieuwe maatregelen aangekondigd om de inflatie te verlagen.", "Dutch"),
        ("Rząd ogłosił nowe środki mające na celu obniżenie inflacji w przyszłym roku.", "Polish"),
        (
            "Hükümet gelecek yıl enflasyonu düşürmek için yeni önlemler açıkladı ve paket hazırladı.",
            "Turkish",
        ),
        (
            "Pemerintah mengumumkan langkah baru untuk menurunkan harga bahan pokok tahun depan.",
            "Indonesian",
        ),
    ],
)
def test_flags_sentence_in_another_latin_script_language(
    sentence: str, language: str, lingua_calls: list[str]
) -> None:
    text = f"The minister spoke after the meeting on Tuesday. {sentence}"
    doc = Document.from_text(text)
    (match,) = run_rule(RULE, doc)
    assert doc.text[match.start : match.end] == sentence
    assert language in match.message
    assert len(lingua_calls) == 1  # the English sentence never reached the detector


@pytest.mark.parametrize(
    "text",
    [
        "The chancellor spoke of a 'Zeitenwende' in German policy after the invasion.",
        "Critics called the annexation a fait accompli and said the ministers acted ultra vires.",
        "The paper, Frankfurter Allgemeine Zeitung, and the broadcaster Deutsche Welle reported it.",
        "The Instituto Nacional de Estadística said unemployment fell to its lowest level in years.",
        "Kherson Governor Hanadi Lahota said on social media that Russian forces had occupied it.",
        "Oleksandr Kovalenko, Mykhailo Podolyak and Yevhenii Yenin met Nnamdi Okonkwo in Dnipro.",
        "The chef served gazpacho, paella and crema catalana, with a glass of rioja to finish.",
        "He described the mood in the capital as one of déjà vu, a sense of raison d'être lost.",
        'The motto of the regiment, "Nec aspera terrent", was painted above the barracks gate.',
        "The delegates from Côte d'Ivoire, São Tomé and Príncipe and Curaçao arrived in Zürich.",
        'The band played "La Vie en rose" and "Besame mucho" before the fireworks began.',
        "The patient presented with dyspnoea, tachycardia and bilateral pulmonary oedema today.",
        "Wir schaffen das, she said.",  # too short to judge
    ],
)
def test_quiet_on_english_with_foreign_names_and_phrases(text: str) -> None:
    assert flagged(RULE, text) == []


# -- cost ----------------------------------------------------------------------------------------


CLEAN_SAMPLES = sorted((SAMPLES / "clean").glob("*.*"))


@pytest.mark.parametrize("path", CLEAN_SAMPLES, ids=lambda p: p.name)
def test_clean_samples_never_reach_the_detector(path: Path, lingua_calls: list[str]) -> None:
    assert flagged(RULE, load_sample(path)) == []
    assert lingua_calls == []


def test_clean_article_of_1200_words_costs_no_detection(lingua_calls: list[str]) -> None:
    text = "\n".join(p.read_text(encoding="utf-8") for p in CLEAN_SAMPLES if p.suffix == ".txt")
    doc = Document.from_text(text)
    assert doc.word_count >= 1200
    assert flagged(RULE, doc) == []
    assert len(lingua_calls) == 0


def test_the_example_article_has_no_untranslated_sentence(
    seed_text: str, lingua_calls: list[str]
) -> None:
    assert flagged(RULE, seed_text) == []
    assert len(lingua_calls) <= 1


def test_detector_is_built_once_and_answers_are_remembered() -> None:
    sentence = "El gobierno anunció nuevas medidas económicas para el año."
    untranslated.detector()
    first = untranslated.detect_language(sentence)
    hits = untranslated.detect_language.cache_info().hits
    for _ in range(20):
        assert untranslated.detect_language(sentence) == first
    assert untranslated.detect_language.cache_info().hits == hits + 20  # no detection rerun
    assert untranslated.detector.cache_info().currsize == 1
    assert first[0] == "Spanish"


_TOKENS = [
    "la",
    "situación",
    "es",
    "muy",
    "grave",
    "the",
    "minister",
    "said",
    "Kyiv",
    "covid19",
    "x²y",
    "2022",
    "3.5",
    "rock’n’roll",
    "de-facto",
    "«",
    "»",
    "“",
    "”",
    "(",
    ")",
    ".",
    ",",
    "zzqx",
    "qwv-brr",
    "ñandú",
    "Łódź",
    "über",
    "straße",
    "1,000",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_TOKENS), min_size=1, max_size=30))
def test_rare_word_bound_never_undercounts(tokens: list[str]) -> None:
    # the per-sentence bound lets check() skip sentences; it must never skip one the full
    # word test would flag
    doc = Document.from_text(" ".join(tokens))
    bounds = untranslated._rare_word_bounds(doc)
    for sent, bound in zip(doc.sentences, bounds, strict=True):
        body = untranslated._short_quotes_removed(doc.text[sent.start : sent.end])
        if untranslated.looks_foreign(untranslated._WORD_RE.findall(body)):
            assert bound >= untranslated.MIN_RARE_WORDS


# -- short sentences and German: judged from source-language function words ----------------------
@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("Die Mannschaft hat am Sonntag gut gespielt und verdient gewonnen.", "German"),
        ("Wir haben die Wahl nicht verloren.", "German"),
        ("Das ist nicht unser Problem, sagte er.", "German"),
        ("Ce n'est pas fini pour nous.", "French"),
        ("Non è il momento per questo.", "Italian"),
        ("Isso não é o que queremos.", "Portuguese"),
        ("To nie jest koniec dla nas.", "Polish"),
        ("Het is nog niet voorbij.", "Dutch"),
    ],
)
def test_flags_short_or_english_looking_sentence_in_another_language(
    sentence: str, language: str
) -> None:
    text = f"The coach spoke after the match on Sunday. {sentence}"
    doc = Document.from_text(text)
    (match,) = run_rule(RULE, doc)
    assert doc.text[match.start : match.end] == sentence
    assert language in match.message


@pytest.mark.parametrize(
    "text",
    [
        "Wir schaffen das, she said, and the hall applauded.",
        "Ursula von der Leyen met officials in Rio de Janeiro and the Partido dos Trabalhadores.",
        "Smith et al. found that the die was cast and the hat was blue.",
        "He ordered the sopa del día, and she had the plat du jour.",
        "Das Boot is a film about a submarine.",
        "| source | es colaboró con este informe |\n|---|---|\n| a | b |",
        "Die Zeit und Der Spiegel",
    ],
)
def test_quiet_on_english_with_foreign_function_words(text: str) -> None:
    assert flagged(RULE, text) == []


def test_function_words_are_not_english_words() -> None:
    from qualitycheck.resources import lexicon

    # Frequent in English text only as parts of names ("El Paso", "Los Angeles", "Le Monde",
    # "da Silva"), which the rule does not count.
    name_particles = {"el", "los", "le", "da"}
    frequent = {w for w in untranslated.function_words() if lexicon().zipf(w) >= 4.5}
    assert frequent <= name_particles
