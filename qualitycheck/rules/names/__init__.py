"""Rules of the 'names' category."""
