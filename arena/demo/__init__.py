"""Demo data for trying arena out (`flask seed-demo`); see `base.seed_demo`."""

from arena.demo.base import seed_demo
from arena.demo.data import DEMO_ACCOUNTS

__all__ = ["DEMO_ACCOUNTS", "seed_demo"]
