"""Document scores: readability formulas (``qualitycheck.scores.readability``) and the overall
quality score (``qualitycheck.scores.quality``).

Import from the submodules. Nothing is re-exported here, so that importing one of them does not
import the other, and so that the function ``readability`` cannot hide the module of that name.
Both are cheap to import; the readability resources (pyphen's hyphenation patterns, the Dale-Chall
word list) load on first use only.
"""
