"""Demo equality monitoring answers: every demo parent of every council, varied as a real
caseload's would be.

Most parents say White (most of them English, Welsh, Scottish, Northern Irish or British); some
give a Mixed, Black or Asian group; one prefers not to say; and for some nobody has asked yet
(no answers at all, or recorded as not asked). About a quarter say they are disabled. Answers
go to the parents in a fixed order (by record), so every run gives the same; a parent who has
answers is never changed, so running the story again adds nothing.
"""

from django.db import transaction
from django_scopes import scopes_disabled

from parent_charter.demo.recorded import record_demo
from parent_charter.parents.models import EqualityAnswers, Parent

# (ethnic group, disability) for the parents in order, round and round; None: nobody has asked
# yet, so there is no record at all. The first fourteen (a demo council's parents) give the
# groups enough parents for the figures to show some of them.
ANSWERS = (
    ("white_british", "no"),
    ("white_british", "yes"),
    ("mixed_white_black_caribbean", "no"),
    ("white_british", "no"),
    ("white_other", "no"),
    None,
    ("white_british", "prefer_not_to_say"),
    ("black_african", "no"),
    ("white_british", "yes"),
    ("prefer_not_to_say", "prefer_not_to_say"),
    ("white_british", "no"),
    ("asian_pakistani", "not_recorded"),
    ("white_british", "yes"),
    ("not_recorded", "not_recorded"),
    ("white_irish", "no"),
    ("mixed_white_asian", "yes"),
    ("white_gypsy_traveller", "no"),
    ("white_british", "no"),
    ("other_arab", "no"),
    ("black_caribbean", "yes"),
)


def seed(council) -> str:
    added = 0
    with scopes_disabled(), transaction.atomic():
        parents = list(
            Parent.objects.filter(council=council).select_related("personal_adviser").order_by("pk")
        )
        answered = set(
            EqualityAnswers.objects.filter(parent__council=council).values_list(
                "parent_id", flat=True
            )
        )
        for index, parent in enumerate(parents):
            answer = ANSWERS[index % len(ANSWERS)]
            if answer is None or parent.pk in answered:
                continue
            ethnic_group, disability = answer
            row = EqualityAnswers.objects.create(
                council=council, parent=parent, ethnic_group=ethnic_group, disability=disability
            )
            record_demo(
                council,
                "parent.equality.updated",
                row,
                actor=parent.personal_adviser,
                detail={"fields": ["ethnic_group", "disability"], "by": "staff"},
                parent=parent,
            )
            added += 1
    return f"{added} parents' equality monitoring answers recorded" if added else ""
