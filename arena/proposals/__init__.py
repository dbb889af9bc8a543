"""Proposals and the supports (votes) they collect."""
