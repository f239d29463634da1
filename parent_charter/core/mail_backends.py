"""The development email backend: prints each email as a person would read it.

Django's console backend prints the raw MIME message, with quoted-printable or base64 bodies,
so a sign-in link is broken across lines by "=" and cannot be copied. This one prints the
headers decoded and the plain-text body as text.
"""

from django.core.mail.backends.console import EmailBackend as ConsoleEmailBackend


class DecodedConsoleEmailBackend(ConsoleEmailBackend):
    def write_message(self, message):
        msg = message.message()
        lines = [
            f"{name}: {msg[name]}" for name in ("From", "To", "Cc", "Subject", "Date") if msg[name]
        ]
        lines.append("")
        skipped = []
        for part in msg.walk():
            if part.is_multipart():
                continue
            content_type = part.get_content_type()
            if content_type == "text/plain" and not part.get_filename():
                payload = part.get_payload(decode=True) or b""
                lines.append(payload.decode(part.get_content_charset() or "utf-8", "replace"))
            else:
                skipped.append(part.get_filename() or content_type)
        if skipped:
            lines.append(f"[Not shown: {', '.join(skipped)}]")
        self.stream.write("\n".join(lines).rstrip("\n") + "\n")
        self.stream.write("-" * 79)
        self.stream.write("\n")
