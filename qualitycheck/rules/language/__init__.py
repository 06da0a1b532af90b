"""Rules of the 'language' category."""
