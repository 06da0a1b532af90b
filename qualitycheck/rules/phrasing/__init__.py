"""Rules of the 'phrasing' category (the phrase lists are packs in rules/phrasing/)."""
