"""List what is due for disposal under each council's retention schedule.

Prints counts by kind of record, and the opaque id of each parent's record concerned, never a
name: the output may end up in a log. Disposal itself happens on the staff page, where one
person proposes and another approves.
"""

from collections import defaultdict

from django.core.management.base import BaseCommand, CommandError
from django_scopes import scope

from parent_charter.authorities.models import Council
from parent_charter.retention.selectors import due_for_disposal


class Command(BaseCommand):
    help = "List records due for disposal under each council's retention schedule."

    def add_arguments(self, parser):
        parser.add_argument("--council", help="Only this council (its short name, e.g. hillford)")
        parser.add_argument(
            "--ids", action="store_true", help="Also list the id of each parent's record concerned"
        )

    def handle(self, *args, **options):
        councils = Council.objects.order_by("name")
        if options["council"]:
            councils = councils.filter(slug=options["council"])
            if not councils.exists():
                raise CommandError(f"No council with the short name {options['council']!r}")
        total = 0
        for council in councils:
            with scope(council=council.pk):
                items = due_for_disposal(council)
            total += len(items)
            if not items:
                self.stdout.write(f"{council.name}: nothing due")
                continue
            by_kind = defaultdict(list)
            for item in items:
                by_kind[item.rule.kind].append(item)
            self.stdout.write(f"{council.name}: {len(items)} due")
            for kind in sorted(by_kind, key=lambda k: k.order):
                rows = by_kind[kind]
                waiting = sum(1 for item in rows if item.proposal is not None)
                records = sum(item.record_count for item in rows)
                self.stdout.write(
                    f"  {kind.key}: {len(rows)} parent(s), {records} record(s), "
                    f"{waiting} waiting for approval"
                )
                if options["ids"]:
                    for item in rows:
                        self.stdout.write(f"    {item.parent.public_id} due {item.due_on}")
        self.stdout.write(f"Total due: {total}")
