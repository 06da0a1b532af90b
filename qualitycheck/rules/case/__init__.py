"""Rules of the 'case' category."""
