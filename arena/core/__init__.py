"""Shared machinery used by every feature package."""
