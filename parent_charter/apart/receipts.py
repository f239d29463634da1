"""Checking an uploaded receipt before it is stored: its size, its name and its first bytes.

A file's name and the type the browser claims are both chosen by the sender, so neither is
trusted on its own: the first bytes must be those of a PDF, JPEG or PNG, and must agree with
the name's extension. The type we serve the file back with is the one the bytes show.
"""

import hashlib
import re
from dataclasses import dataclass
from pathlib import PurePath

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_RECEIPT_BYTES = 5 * 1024 * 1024

# Content type -> the bytes every file of that type starts with.
SIGNATURES = {
    "application/pdf": b"%PDF-",
    "image/jpeg": b"\xff\xd8\xff",
    "image/png": b"\x89PNG\r\n\x1a\n",
}
EXTENSIONS = {
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
}
SUFFIX_FOR = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}
_UNSAFE_IN_NAME = re.compile(r"[\x00-\x1f\x7f\"\\/]+")


@dataclass(frozen=True)
class ReceiptFile:
    data: bytes
    content_type: str
    size: int
    original_name: str
    sha256: str


def sniff(data: bytes) -> str | None:
    """The content type the first bytes show, or None if they are not PDF, JPEG or PNG."""
    for content_type, signature in SIGNATURES.items():
        if data.startswith(signature):
            return content_type
    return None


def clean_name(name: str) -> str:
    """The file's own name, without any folder, control characters or quotes, kept short."""
    base = PurePath(name.replace("\\", "/")).name
    base = _UNSAFE_IN_NAME.sub("_", base).strip(" .") or "receipt"
    if len(base) > 200:
        stem, suffix = base[: 200 - 10], PurePath(base).suffix[:10]
        base = stem + suffix
    return base


def check_receipt(upload) -> ReceiptFile:
    """A validated receipt from an uploaded file, or ValidationError with a GOV.UK message."""
    if upload.size == 0:
        raise forms.ValidationError(_("The selected file is empty"), code="empty")
    if upload.size > MAX_RECEIPT_BYTES:
        raise forms.ValidationError(_("The selected file must be smaller than 5 MB"), code="size")
    suffix = PurePath(upload.name or "").suffix.lower()
    expected = EXTENSIONS.get(suffix)
    if expected is None:
        raise forms.ValidationError(
            _("The selected file must be a PDF, JPG or PNG"), code="extension"
        )
    upload.seek(0)
    data = upload.read(MAX_RECEIPT_BYTES + 1)
    if len(data) > MAX_RECEIPT_BYTES:
        raise forms.ValidationError(_("The selected file must be smaller than 5 MB"), code="size")
    actual = sniff(data)
    if actual is None or actual != expected:
        raise forms.ValidationError(
            _("The selected file is not a real PDF, JPG or PNG. Choose the receipt again"),
            code="content",
        )
    return ReceiptFile(
        data=data,
        content_type=actual,
        size=len(data),
        original_name=clean_name(upload.name),
        sha256=hashlib.sha256(data).hexdigest(),
    )
