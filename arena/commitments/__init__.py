"""Commitments: selected proposals run and measured for a year, then reviewed."""
