"""Commands an operator runs: importing offers, creating staff, synthetic data, translations."""

import datetime
import io
from pathlib import Path

import polib
import pytest
import time_machine
from django.apps import apps
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import transaction
from django_scopes import scopes_disabled

from parent_charter.accounts.models import User
from parent_charter.audit.models import AuditEvent
from parent_charter.authorities.models import Council
from parent_charter.parents.models import Parent


@pytest.fixture
def charter(db):
    call_command("load_charter", stdout=io.StringIO())


def test_import_offer_is_idempotent_and_audited(charter):
    path = Path(settings.PACKAGE_DIR) / "offers" / "data" / "herefordshire.yaml"
    call_command("import_offer", str(path), stdout=io.StringIO())
    call_command("import_offer", str(path), stdout=io.StringIO())
    council = Council.objects.get(slug="herefordshire")
    assert council.local_offer.programmes.count() == 1
    assert AuditEvent.objects.filter(action="offer.imported", council=council).count() == 2


def test_import_offer_reports_a_bad_file(charter, tmp_path):
    bad = tmp_path / "nowhere.yaml"
    bad.write_text("council: {}\n")
    with pytest.raises(CommandError, match="nowhere.yaml"):
        call_command("import_offer", str(bad))


def test_create_staff_reads_the_password_from_stdin(hillford, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("a sufficiently long passphrase\n"))
    call_command(
        "create_staff",
        email="ceri@hillford.example",
        name="Ceri Admin",
        council="hillford",
        role=["council_admin"],
        stdout=io.StringIO(),
    )
    user = User.objects.get(username="ceri@hillford.example")
    assert user.roles == {"council_admin"} and user.check_password("a sufficiently long passphrase")
    assert AuditEvent.objects.filter(action="account.created", council=hillford).exists()


def test_create_staff_refuses_weak_passwords_and_missing_councils(hillford, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    with pytest.raises(CommandError, match="Password refused"):
        call_command(
            "create_staff",
            email="a@b.example",
            name="A",
            council="hillford",
            role=["personal_adviser"],
        )
    with pytest.raises(CommandError, match="belong to a council"):
        call_command("create_staff", email="a@b.example", name="A", role=["personal_adviser"])
    assert not User.objects.filter(username="a@b.example").exists()


def casework() -> tuple[int, int, int]:
    from parent_charter.children.models import Child
    from parent_charter.plans.models import PlanItem, PlanItemStatus

    return Child.objects.count(), PlanItem.objects.count(), PlanItemStatus.objects.count()


def generate(**sizes) -> None:
    call_command("generate_synthetic", no_progress=True, stdout=io.StringIO(), **sizes)


@pytest.mark.django_db
def test_synthetic_data_is_deterministic_idempotent_and_covers_many_welsh_councils():
    generate(councils=180, parents=360, seed=3)
    with scopes_disabled():
        first = list(Parent.objects.order_by("public_id").values_list("public_id", "given_name"))
        assert len(first) == 360
        first_casework = casework()
        assert Council.objects.filter(nation="wales", welsh_required=True).count() == 18
        generate(councils=180, parents=360, seed=3)
        assert Parent.objects.count() == 360
        ages = {p.date_of_birth.year for p in Parent.objects.all()}
        assert min(ages) >= 1990
        # Casework comes with the parents, and is not made twice either.
        assert casework() == first_casework
        assert first_casework[0] > 300 and first_casework[1] > 360 * 8


class _Undo(Exception):
    pass


def _rows_per_model() -> dict[str, int]:
    with scopes_disabled():
        return {
            model._meta.label: model._base_manager.count()
            for model in apps.get_models()
            if model._meta.app_label not in ("contenttypes", "auth", "sessions", "admin")
        }


@pytest.mark.django_db
def test_synthetic_data_does_not_depend_on_the_hour_it_is_made():
    """The same seed on the same day makes the same data set at 03:30 as at 21:30 (the
    benchmark compares runs made at different hours, and on different machines)."""

    def made_at(hour: int) -> dict[str, int]:
        moment = datetime.datetime(2026, 12, 7, hour, 30, tzinfo=datetime.UTC)
        try:
            with time_machine.travel(moment, tick=False), transaction.atomic():
                generate(councils=2, parents=400, seed=5)
                rows = _rows_per_model()
                raise _Undo
        except _Undo:
            return rows

    early, late = made_at(3), made_at(21)
    assert early["parents.Parent"] == 400
    assert {k: (v, late[k]) for k, v in early.items() if v != late[k]} == {}


def welsh_catalogues() -> list[Path]:
    """The project's catalogue and each app's own (apps keep their strings beside their code)."""
    package = Path(settings.PACKAGE_DIR)
    return [
        package / "locale" / "cy" / "LC_MESSAGES" / "django.po",
        *sorted(package.glob("*/locale/cy/LC_MESSAGES/django.po")),
    ]


@pytest.mark.parametrize(
    "path", welsh_catalogues(), ids=lambda p: p.parent.parent.parent.parent.name
)
def test_welsh_catalogue_has_no_untranslated_strings(path):
    catalogue = polib.pofile(str(path))
    missing = [entry.msgid for entry in catalogue.untranslated_entries()]
    assert not missing, f"Translate these into Welsh (or mark fuzzy for review): {missing}"
