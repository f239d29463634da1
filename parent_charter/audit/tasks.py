"""Background work of the audit trail, run by the task worker (`manage.py db_worker`)."""

import logging

from django.tasks import task

from .verification import write_checkpoint

logger = logging.getLogger(__name__)


@task
def write_audit_checkpoint() -> dict:
    """Write a signed checkpoint of every chain's head outside the database.

    The worker writes it, not the web servers, so only the worker's machine needs to reach the
    checkpoint folder. A chain that does not verify keeps its previous mark, and is logged.
    """
    name, chains, problems = write_checkpoint()
    for problem in problems:
        logger.error("Audit chain not checkpointed: %s", problem)
    return {"file": name, "chains": chains, "problems": len(problems)}
