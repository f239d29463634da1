"""Argon2id tuned for a 2-core server.

Django's default Argon2 parameters (m=100 MiB, t=2, p=8) cost 190–270 ms a sign-in on two
cores, which caps sign-ins at about four a second. These are OWASP's argon2id parameters
(m=19 MiB, t=2, p=1); measurements are in docs/adr/0005-password-hashing.md. Django re-hashes
a stored password with new parameters at the next sign-in.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idPasswordHasher(Argon2PasswordHasher):
    algorithm = "argon2"
    time_cost = 2
    memory_cost = 19456
    parallelism = 1
