"""Shared by the synthetic data's modules: seeded choices (the same seed always draws the same
values) and the synthetic users, who cannot sign in."""

import random
import uuid

from parent_charter.accounts.models import User

UNUSABLE = "!synthetic"  # noqa: S105


def seeded_uuid(rng: random.Random) -> uuid.UUID:
    """A random-looking but seeded identifier (uuid4 would differ between runs)."""
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def weighted(rng: random.Random, weights: dict):
    """One of the keys of `weights`, drawn in proportion to its value."""
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def synthetic_user(login: str, **fields) -> User:
    """An unsaved user of the synthetic data at `login`@synthetic.invalid, who cannot sign in."""
    address = f"{login}@synthetic.invalid"
    return User(username=address, email=address, password=UNUSABLE, **fields)
