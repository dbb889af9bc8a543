"""In-person workshops and what was said and voted there."""
