"""`manage.py notify_templates`: every Notify template a council needs, with its wording.

Prints, for each kind, channel and language, the environment variable that holds the
template's id, whether it is set, and the subject and body to paste into GOV.UK Notify.
"""

from django.core.management.base import BaseCommand
from django.utils.translation import override

from parent_charter.messaging import kinds


class Command(BaseCommand):
    help = "List the GOV.UK Notify templates to create, with their wording and variables."

    def handle(self, *args, **options):
        for kind in kinds.KINDS.values():
            for channel in kinds.CHANNELS:
                if channel == "sms" and kind.sms is None:
                    continue
                for language in kinds.LANGUAGES:
                    name = f"NOTIFY_TEMPLATE_{kind.key}_{channel}_{language}".upper()
                    state = "set" if kinds.template_id(kind.key, channel, language) else "NOT SET"
                    with override(language):
                        subject = str(kind.subject) if channel == "email" else ""
                        body = str(kind.email if channel == "email" else kind.sms)
                    self.stdout.write(f"{name} ({state})")
                    if subject:
                        self.stdout.write(f"  Subject: {subject}")
                    self.stdout.write("  " + body.replace("\n", "\n  ") + "\n")
