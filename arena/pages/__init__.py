"""Site-wide pages: home, language choice, and the pages every public service must have."""
