"""Compile the .po catalogues to .mo in pure Python, so no machine needs GNU gettext.

Entries marked fuzzy (translations awaiting review) are left out, so they show in English
rather than in unchecked Welsh.
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Compile every .po catalogue under LOCALE_PATHS and the project's apps to .mo "
        "(fuzzy entries excluded)."
    )

    def handle(self, *args, **options):
        compiled = 0
        # Apps keep their own catalogues beside their code (makemessages writes each string to
        # the nearest locale folder), so several people can translate at once without clashing.
        app_locales = sorted(Path(settings.PACKAGE_DIR).glob("*/locale"))
        for locale_dir in [*map(Path, settings.LOCALE_PATHS), *app_locales]:
            for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
                catalogue = polib.pofile(str(po_path))
                catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
                compiled += 1
                if options["verbosity"] > 1:
                    self.stdout.write(
                        f"{po_path}: {catalogue.percent_translated()}% translated, "
                        f"{len(catalogue.fuzzy_entries())} awaiting review"
                    )
        self.stdout.write(f"Compiled {compiled} translation catalogue(s).")
