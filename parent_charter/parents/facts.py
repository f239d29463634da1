"""The "a parent's facts changed" hook.

The facts that decide a parent's stages and plan are kept by the parents app (their role) and
the children app (each child's dates, home and legal position). When one changes, the service
that changed it announces it here, inside its transaction; the plans app, which derives stages
and plan items from those facts and so imports both, answers by refreshing the parent's plan
(registered in its AppConfig.ready()). So parents and children never import plans.
"""

from django.dispatch import Signal

# Sent with parent=, actor= and reason= (what prompted it, kept as the audit events' reason).
# Receivers run in the sender's transaction; an error in one undoes the change that sent it.
facts_changed = Signal()


def announce(*, parent, actor, reason: str) -> None:
    facts_changed.send(sender=parent.__class__, parent=parent, actor=actor, reason=reason)
