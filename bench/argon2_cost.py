"""Measure what one sign-in's password check costs with candidate Argon2id parameters.

Run: .venv/bin/python bench/argon2_cost.py  (prints a table; see docs/adr/0005).
"""

import statistics
import time

from argon2 import PasswordHasher, Type

CANDIDATES = [
    ("Django default", 102400, 2, 8),
    ("OWASP alternative", 47104, 1, 1),
    ("Parent Charter (OWASP minimum)", 19456, 2, 1),
]
ROUNDS = 15


def main():
    print(f"{'parameters':<34} {'m (KiB)':>8} {'t':>2} {'p':>2} {'median ms':>10} {'p95 ms':>8}")
    for label, memory, time_cost, parallelism in CANDIDATES:
        hasher = PasswordHasher(
            time_cost=time_cost, memory_cost=memory, parallelism=parallelism, type=Type.ID
        )
        encoded = hasher.hash("a sample passphrase of ordinary length")
        samples = []
        for _ in range(ROUNDS):
            start = time.perf_counter()
            hasher.verify(encoded, "a sample passphrase of ordinary length")
            samples.append((time.perf_counter() - start) * 1000)
        samples.sort()
        p95 = samples[int(len(samples) * 0.95) - 1]
        print(
            f"{label:<34} {memory:>8} {time_cost:>2} {parallelism:>2} "
            f"{statistics.median(samples):>10.1f} {p95:>8.1f}"
        )


if __name__ == "__main__":
    main()
