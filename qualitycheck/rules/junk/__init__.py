"""Rules of the 'junk' category."""
