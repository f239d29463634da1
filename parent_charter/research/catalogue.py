"""The fixed catalogue of what an export may hold, and the data dictionary that describes it.

File 1 (identifiers) always holds the same columns: it goes to the trusted third party only,
who links it to other records. File 2 (events) holds one row per event, for the groups of
events the agreement names (`FIELDS`), with the join key as the only link to a person: months,
never days; age bands, never ages or birth dates; codes, never free text.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from parent_charter.charter.models import Stage
from parent_charter.children.models import LegalStatus, LivesWith
from parent_charter.childrens_services.models import ReferralKind
from parent_charter.parents.models import CareStatus, ParentRole
from parent_charter.partner_referrals.models import Outcome, ServiceKind
from parent_charter.partner_referrals.models import Status as PartnerStatus

IDENTIFIER_COLUMNS = ("join_key", "given_name", "family_name", "date_of_birth", "postcode")
EVENT_COLUMNS = ("join_key", "event", "event_month", "age_band", "code", "programme")

# The parent's age on the day of the event, in the bands the council figures use.
AGE_BANDS = (
    ("under_18", 0, 17),
    ("18_20", 18, 20),
    ("21_24", 21, 24),
    ("25_over", 25, 200),
)
CHILDREN_SERVICES_STEPS = (
    "held",
    "held_routine",
    "sent",
    "sent_after_check",
    "returned",
    "withdrawn",
)


@dataclass(frozen=True)
class Event:
    name: str
    description: object  # lazily translated
    codes: tuple[str, ...]


@dataclass(frozen=True)
class FieldGroup:
    key: str
    label: object
    hint: object
    events: tuple[Event, ...]


def _codes(choices) -> tuple[str, ...]:
    return tuple(choices.values)


FIELDS = (
    FieldGroup(
        "parent_role",
        _("Mother, father or other parent"),
        _("One row per parent, in the month their record was started."),
        (
            Event(
                "parent_role",
                _("Whether the parent is a mother, father or other parent"),
                _codes(ParentRole),
            ),
        ),
    ),
    FieldGroup(
        "care_status",
        _("Care status"),
        _("In care, or leaving or left care, as the record stands."),
        (
            Event(
                "care_status",
                _("The parent's care status as it stands on the day of the export"),
                _codes(CareStatus),
            ),
        ),
    ),
    FieldGroup(
        "stages",
        _("Charter stages"),
        _("When each stage of the charter began and stopped applying to the parent."),
        (
            Event(
                "stage_entered", _("A charter stage began to apply to the parent"), _codes(Stage)
            ),
            Event("stage_left", _("A charter stage stopped applying to the parent"), _codes(Stage)),
        ),
    ),
    FieldGroup(
        "children",
        _("Births and pregnancies"),
        _("The month each child was born or is due, never the day."),
        (
            Event("child_born", _("A child of the parent was born"), ("born",)),
            Event("child_expected", _("A baby is expected that month"), ("expected",)),
        ),
    ),
    FieldGroup(
        "child_living",
        _("Where children live and their legal position"),
        _("Each change in where a child lives and in their legal position."),
        (
            Event(
                "child_lives_with",
                _("Where a child of the parent lives from that month"),
                _codes(LivesWith),
            ),
            Event(
                "child_legal_status",
                _("A child's legal position from that month"),
                _codes(LegalStatus),
            ),
        ),
    ),
    FieldGroup(
        "childrens_services",
        _("Referrals to children's services"),
        _(
            "Referrals and pre-birth requests made, and each step they took, without the "
            "grounds or evidence."
        ),
        (
            Event(
                "cs_request_made",
                _("A referral or pre-birth request was started"),
                _codes(ReferralKind),
            ),
            *(
                Event(
                    f"cs_request_{step}",
                    _("A step a referral or request took (see the event name)"),
                    _codes(ReferralKind),
                )
                for step in CHILDREN_SERVICES_STEPS
            ),
        ),
    ),
    FieldGroup(
        "partner_referrals",
        _("Referrals to partner services and programmes"),
        _(
            "Each referral's status as it changed, the kind of service, the programme (such as "
            "Baby Steps) and how it ended."
        ),
        (
            *(
                Event(
                    f"partner_referral_{status}",
                    _("A referral to a partner service reached this status"),
                    _codes(ServiceKind),
                )
                for status in PartnerStatus.values
                if status != PartnerStatus.ENDED
            ),
            Event(
                "partner_referral_ended",
                _("Support from a partner ended; the code is how it ended"),
                (*_codes(Outcome), "not_recorded"),
            ),
        ),
    ),
)
FIELD_KEYS = tuple(group.key for group in FIELDS)
FIELD_CHOICES = [(group.key, group.label) for group in FIELDS]


def groups(keys) -> list[FieldGroup]:
    return [group for group in FIELDS if group.key in set(keys)]


def age_band(age: int) -> str:
    return next(key for key, low, high in AGE_BANDS if low <= age <= high)


COLUMN_DESCRIPTIONS = {
    ("identifiers", "join_key"): (
        _(
            "A random key made for this export only, linking a row here to the rows of the "
            "events file. It is not held anywhere else and means nothing outside this export."
        ),
        _("32 hexadecimal characters"),
    ),
    ("identifiers", "given_name"): (_("The parent's first name"), _("text")),
    ("identifiers", "family_name"): (_("The parent's last name"), _("text")),
    ("identifiers", "date_of_birth"): (_("The parent's date of birth"), _("YYYY-MM-DD")),
    ("identifiers", "postcode"): (
        _("The parent's postcode, as recorded (may be empty)"),
        _("text"),
    ),
    ("events", "join_key"): (
        _("The same random key as in the identifiers file: the only link between the two files"),
        _("32 hexadecimal characters"),
    ),
    ("events", "event"): (_("What happened: one of the events listed below"), _("code")),
    ("events", "event_month"): (_("The month it happened (never the day)"), _("YYYY-MM")),
    ("events", "age_band"): (
        _("The parent's age in that month, as a band"),
        _("code"),
    ),
    ("events", "code"): (
        _("The detail of the event: its codes are listed with each event below"),
        _("code"),
    ),
    ("events", "programme"): (
        _(
            "For referrals to a programme of the council's offer, the programme's short code "
            "(such as baby-steps); otherwise empty"
        ),
        _("code"),
    ),
}


def dictionary_rows(field_keys) -> list[dict]:
    """Every column of both files, then every event of the chosen groups with its codes."""
    rows = []
    for file, columns in (("identifiers", IDENTIFIER_COLUMNS), ("events", EVENT_COLUMNS)):
        for column in columns:
            description, form = COLUMN_DESCRIPTIONS[(file, column)]
            values = ""
            if (file, column) == ("events", "age_band"):
                values = " ".join(key for key, _low, _high in AGE_BANDS)
            elif (file, column) == ("events", "event"):
                values = " ".join(e.name for group in groups(field_keys) for e in group.events)
            rows.append(
                {
                    "file": file,
                    "column": column,
                    "event": "",
                    "description": str(description),
                    "format": str(form),
                    "values": values,
                }
            )
    for group in groups(field_keys):
        for event in group.events:
            rows.append(
                {
                    "file": "events",
                    "column": "code",
                    "event": event.name,
                    "description": str(event.description),
                    "format": str(_("code")),
                    "values": " ".join(event.codes),
                }
            )
    return rows


DICTIONARY_COLUMNS = ("file", "column", "event", "description", "format", "values")
