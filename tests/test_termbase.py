"""The user termbase: TSV and TBX loading, lookups, the document matcher and safe XML parsing."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TEST_DATA

from qualitycheck.glossary import Glossary, GlossaryError, load_glossary, parse_tbx, parse_tsv

DATA = TEST_DATA / "glossary"


# -- TSV ---------------------------------------------------------------------------------------
def test_loads_tsv_with_bom_header_comments_and_blank_lines() -> None:
    g = load_glossary(DATA / "names.tsv")
    assert [e.preferred for e in g.entries] == [
        "Volodymyr Zelenskyy",
        "Enerhodar",
        "Okonjo-Iweala",
        "email",
        "Kyiv",
        "Thessaloniki",
    ]
    assert g.entries[0].variants == ("Vladimir Zelensky", "Volodimir Zelenskiy")
    assert g.entries[0].origin.endswith("names.tsv:3")


def test_tsv_names_match_case_and_lowercase_terms_ignore_it() -> None:
    g = load_glossary(DATA / "names.tsv")
    by_preferred = {e.preferred: e for e in g.entries}
    assert by_preferred["Kyiv"].case_sensitive
    assert not by_preferred["email"].case_sensitive


def test_tsv_case_option_overrides_the_default() -> None:
    g = parse_tsv("Kyiv\tkiev\t@ignore-case\n", "x.tsv")
    assert not g.entries[0].case_sensitive
    assert g.lookup_variant("KIEV") == "Kyiv"


def test_tsv_rejects_an_unknown_option_naming_file_and_line() -> None:
    with pytest.raises(GlossaryError, match=r"^x\.tsv:2: unknown option '@fuzzy'$"):
        parse_tsv("# comment\nKyiv\tKiev\t@fuzzy\n", "x.tsv")


def test_tsv_rejects_an_empty_preferred_field() -> None:
    with pytest.raises(GlossaryError, match=r"x\.tsv:1: the first field"):
        parse_tsv("\tKiev\n", "x.tsv")


def test_tsv_rejects_duplicate_entries() -> None:
    with pytest.raises(GlossaryError, match=r"x\.tsv:2: 'Kyiv' already has an entry \(line 1\)"):
        parse_tsv("Kyiv\tKiev\nKyiv\tKijev\n", "x.tsv")


def test_rejects_a_variant_that_is_another_entrys_preferred_form() -> None:
    with pytest.raises(GlossaryError, match="preferred form of another entry"):
        parse_tsv("Kyiv\tKiev\nKiev\tKief\n", "x.tsv")


def test_header_only_counts_on_the_first_entry_line() -> None:
    g = parse_tsv("Anna\tAna\npreferred\tvariants\n", "x.tsv")
    assert [e.preferred for e in g.entries] == ["Anna", "preferred"]


def test_load_reports_unreadable_and_non_utf8_files(tmp_path: Path) -> None:
    with pytest.raises(GlossaryError, match="cannot read glossary"):
        load_glossary(tmp_path / "missing.tsv")
    bad = tmp_path / "latin1.tsv"
    bad.write_bytes("Müller\tMuller\n".encode("latin-1"))
    with pytest.raises(GlossaryError, match=r"latin1\.tsv: not UTF-8"):
        load_glossary(bad)


# -- TBX ---------------------------------------------------------------------------------------
def test_loads_tbx_basic_v2_english_terms_only() -> None:
    g = load_glossary(DATA / "names-basic.tbx")
    assert g.lookup_variant("Zaporozhye") == "Zaporizhzhia"
    assert g.lookup_variant("Mikhailo Podolyak") == "Mykhailo Podolyak"  # superseded, in ntig
    assert g.accepts("Zaporizhia")  # admitted: accepted, never flagged
    assert g.lookup_variant("Zaporizhia") is None
    assert not g.accepts("Bundestag")  # only a German term
    assert not g.accepts("Запоріжжя")


def test_loads_tbx_v3_concept_entries_and_normative_authorization() -> None:
    g = load_glossary(DATA / "names-v3.tbx")
    assert g.lookup_variant("Ngozi Okonja-Iweala") == "Ngozi Okonjo-Iweala"
    assert g.lookup_variant("Mariupil") == "Mariupol"
    assert not g.accepts("Marioupol")  # French


def test_tbx_entry_with_only_deprecated_terms_is_an_error_naming_the_entry() -> None:
    tbx = """<tbx xml:lang="en"><text><body>
      <conceptEntry id="k9"><langSec xml:lang="en"><termSec><term>Kiev</term>
      <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec>
      </langSec></conceptEntry></body></text></tbx>"""
    with pytest.raises(GlossaryError, match=r"^t\.tbx: entry k9: only deprecated English terms"):
        parse_tbx(tbx, "t.tbx")


def test_tbx_unknown_status_is_an_error() -> None:
    tbx = """<martif type="TBX-Basic"><text><body><termEntry id="e1"><langSet xml:lang="en">
      <tig><term>Kyiv</term><termNote type="administrativeStatus">maybe</termNote></tig>
      </langSet></termEntry></body></text></martif>"""
    with pytest.raises(GlossaryError, match="e1: unknown term status 'maybe'"):
        parse_tbx(tbx, "t.tbx")


def test_malformed_xml_names_the_line() -> None:
    with pytest.raises(GlossaryError, match=r"^t\.tbx:3: not well-formed XML"):
        parse_tbx("<tbx>\n<text>\n</body>\n</tbx>", "t.tbx")


def test_rejects_xml_that_is_not_tbx() -> None:
    with pytest.raises(GlossaryError, match="not a TBX file"):
        parse_tbx("<html><body/></html>", "t.xml")


def test_refuses_entity_declarations_billion_laughs() -> None:
    bomb = (
        '<?xml version="1.0"?>\n<!DOCTYPE tbx [\n<!ENTITY a "aaaaaaaaaa">\n'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n]>\n<tbx><text>&b;</text></tbx>'
    )
    with pytest.raises(GlossaryError, match=r"t\.tbx:3: entity declaration 'a' refused"):
        parse_tbx(bomb, "t.tbx")


def test_refuses_external_entities(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("Kyiv", encoding="utf-8")
    xxe = (
        f'<!DOCTYPE tbx [<!ENTITY x SYSTEM "file://{secret}">]>'
        "<tbx><text><body><conceptEntry><langSec xml:lang='en'><termSec><term>&x;</term>"
        "</termSec></langSec></conceptEntry></body></text></tbx>"
    )
    with pytest.raises(GlossaryError, match="refused"):
        parse_tbx(xxe, "t.tbx")


def test_detects_tbx_by_content_whatever_the_extension(tmp_path: Path) -> None:
    f = tmp_path / "terms.txt"
    f.write_text((DATA / "names-v3.tbx").read_text(encoding="utf-8"), encoding="utf-8")
    assert load_glossary(f).lookup_variant("Mariupil") == "Mariupol"


# -- lookups and matching ------------------------------------------------------------------------
def test_accepts_preferred_forms_and_their_words() -> None:
    g = Glossary.of([("Volodymyr Zelenskyy", ["Vladimir Zelensky"]), ("email", ["e-mail"])])
    assert g.accepts("Volodymyr Zelenskyy")
    assert g.accepts("Zelenskyy")
    assert g.accepts("EMAIL")  # a term matched ignoring case
    assert not g.accepts("zelenskyy")  # names keep their case
    assert not g.accepts("Zelensky")  # a variant is not accepted
    assert not g.accepts("")


def test_lookup_variant_returns_the_preferred_form_or_none() -> None:
    g = Glossary.of([("Kyiv", ["Kiev"])])
    assert g.lookup_variant("Kiev") == "Kyiv"
    assert g.lookup_variant("kiev") is None  # case-sensitive name
    assert g.lookup_variant("Kyiv") is None


def test_find_variants_matches_whole_words_longest_first() -> None:
    g = Glossary.of([("Kyiv", ["Kiev"]), ("Volodymyr Zelenskyy", ["Vladimir Zelensky"])])
    text = "Vladimir  Zelensky left Kiev; Kievan Rus and Kiev-based firms are not flagged."
    found = [(v.text, v.entry.preferred) for v in g.find_variants(text)]
    assert found == [("Vladimir  Zelensky", "Volodymyr Zelenskyy"), ("Kiev", "Kyiv")]


def test_find_variants_ignores_case_for_lowercase_terms_but_not_the_preferred_form() -> None:
    g = Glossary.of([("email", ["e-mail"])])
    assert [v.text for v in g.find_variants("E-mail me; email is fine; an e-mail.")] == [
        "E-mail",
        "e-mail",
    ]


def test_empty_glossary_is_truthy_and_finds_nothing() -> None:
    g = Glossary()
    assert g and len(g) == 0
    assert list(g.find_variants("Kiev")) == []
