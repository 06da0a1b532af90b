"""Rules of the 'grammar' category."""
