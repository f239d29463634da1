"""Seeded choices for the synthetic data: the same seed always draws the same values."""

import random
import uuid


def seeded_uuid(rng: random.Random) -> uuid.UUID:
    """A random-looking but seeded identifier (uuid4 would differ between runs)."""
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def weighted(rng: random.Random, weights: dict):
    """One of the keys of `weights`, drawn in proportion to its value."""
    return rng.choices(list(weights), weights=list(weights.values()))[0]
