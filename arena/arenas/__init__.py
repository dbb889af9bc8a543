"""Arenas (districts), themes, co-benefits and yearly cycles with their phases."""
