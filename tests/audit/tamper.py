"""Changing the audit tables behind the application's back, as someone holding the database's
credentials could (the append-only triggers dropped first), for the tampering tests."""

from django.db import connection, transaction

from parent_charter.audit import db_guard
from parent_charter.audit.verification import verify_trail


def execute(sql, params=()):
    with transaction.atomic():
        db_guard.remove(connection)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
        db_guard.install(connection)


def checks_failed(chain):
    """The checks that failed on one chain, and every problem found on any other."""
    report = verify_trail()
    failed = {problem.check for problem in report.problems if problem.chain == chain}
    others = [problem for problem in report.problems if problem.chain != chain]
    return failed, others
