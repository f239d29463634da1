"""Parents in and leaving care: each a full record of their own, mother, father or other parent."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from parent_charter.charter.models import Stage
from parent_charter.core.models import CouncilOwnedModel, VersionedModel


class ParentRole(models.TextChoices):
    MOTHER = "mother", _("Mother")
    FATHER = "father", _("Father")
    PARENT = "parent", _("Parent")


class ContactMethod(models.TextChoices):
    PHONE = "phone", _("Phone call")
    TEXT = "text", _("Text message")
    EMAIL = "email", _("Email")
    LETTER = "letter", _("Letter")
    IN_PERSON = "in_person", _("In person")


class Language(models.TextChoices):
    ENGLISH = "en", _("English")
    WELSH = "cy", _("Welsh")


class CareStatus(models.TextChoices):
    IN_CARE = "in_care", _("In care")
    LEAVING_CARE = "leaving_care", _("Leaving care or left care")


class CareCategory(models.TextChoices):
    """Care-leaver categories in law, which differ between England and Wales."""

    # England: Children Act 1989 and the Care Leavers (England) Regulations 2010.
    ENGLAND_ELIGIBLE = "eng_eligible", _("Eligible child (England)")
    ENGLAND_RELEVANT = "eng_relevant", _("Relevant child (England)")
    ENGLAND_FORMER_RELEVANT = "eng_former_relevant", _("Former relevant child (England)")
    ENGLAND_QUALIFYING = "eng_qualifying", _("Qualifying care leaver (England)")
    # Wales: Social Services and Well-being (Wales) Act 2014, section 104(2).
    WALES_1 = "wal_cat1", _("Category 1 young person (Wales)")
    WALES_2 = "wal_cat2", _("Category 2 young person (Wales)")
    WALES_3 = "wal_cat3", _("Category 3 young person (Wales)")
    WALES_4 = "wal_cat4", _("Category 4 young person (Wales)")
    WALES_5 = "wal_cat5", _("Category 5 young person (Wales)")
    WALES_6 = "wal_cat6", _("Category 6 young person (Wales)")
    OTHER = "other", _("Another nation's category, or not known")

    @classmethod
    def for_nation(cls, nation: str) -> list[tuple[str, str]]:
        prefix = {"england": "eng_", "wales": "wal_"}.get(nation)
        return [
            (value, label)
            for value, label in cls.choices
            if prefix is None or value.startswith(prefix) or value == cls.OTHER
        ]


class Parent(CouncilOwnedModel, VersionedModel):
    given_name = models.CharField(_("first name"), max_length=100)
    family_name = models.CharField(_("last name"), max_length=100)
    preferred_name = models.CharField(_("preferred name"), max_length=100, blank=True)
    pronouns = models.CharField(_("pronouns"), max_length=40, blank=True)
    date_of_birth = models.DateField(_("date of birth"))
    parent_role = models.CharField(
        _("is this person a mother, a father or another parent?"),
        max_length=20,
        choices=ParentRole.choices,
        default=ParentRole.PARENT,
    )
    email = models.EmailField(_("email address"), blank=True)
    phone = models.CharField(_("phone number"), max_length=20, blank=True)
    address = models.TextField(_("address"), blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    preferred_contact = models.CharField(
        _("preferred way to be contacted"),
        max_length=20,
        choices=ContactMethod.choices,
        blank=True,
    )
    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    care_status = models.CharField(
        _("care status"),
        max_length=20,
        choices=CareStatus.choices,
        default=CareStatus.LEAVING_CARE,
    )
    care_category = models.CharField(
        _("care-leaver category"), max_length=30, choices=CareCategory.choices, blank=True
    )
    personal_adviser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personal adviser"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="caseload",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["family_name", "given_name"]
        indexes = [
            models.Index(fields=["council", "family_name", "given_name"]),
            models.Index(fields=["council", "personal_adviser"]),
            models.Index(fields=["council", "date_of_birth"]),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        given = self.preferred_name or self.given_name
        return f"{given} {self.family_name}"


def display_name_fields(path: str = "") -> tuple[str, ...]:
    """The fields `display_name` reads, for a list's `.only()`; `path` leads from the listed
    model to the parent ("parent")."""
    prefix = f"{path}__" if path else ""
    return tuple(f"{prefix}{name}" for name in ("given_name", "preferred_name", "family_name"))


class ConsentRecord(CouncilOwnedModel):
    """What the parent agreed may be shared, with whom, and whether they have withdrawn it.

    Rows are never edited except to record a withdrawal, so the history of consent stays
    readable.
    """

    parent = models.ForeignKey(Parent, on_delete=models.CASCADE, related_name="consents")
    share_with = models.CharField(_("shared with"), max_length=200)
    partner_organisation = models.ForeignKey(
        "authorities.PartnerOrganisation",
        verbose_name=_("partner organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    information = models.TextField(_("what may be shared"))
    given_on = models.DateField(_("date consent was given"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    withdrawn_on = models.DateField(_("date consent was withdrawn"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    withdrawal_note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-given_on", "-pk"]

    def __str__(self):
        return f"Consent to share with {self.share_with}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_on is None


class ParentStage(CouncilOwnedModel):
    """A charter stage that applies to a parent now. Derived from facts, never typed in."""

    parent = models.ForeignKey(Parent, on_delete=models.CASCADE, related_name="current_stages")
    stage = models.CharField(max_length=30, choices=Stage.choices)
    since = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["parent", "stage"], name="parent_stage_unique")
        ]
        indexes = [models.Index(fields=["council", "stage"])]

    def __str__(self):
        return self.stage


class StageChange(CouncilOwnedModel):
    """A stage starting or ending to apply to a parent, and the facts that caused it."""

    parent = models.ForeignKey(Parent, on_delete=models.CASCADE, related_name="stage_changes")
    stage = models.CharField(max_length=30, choices=Stage.choices)
    entered = models.BooleanField()
    at = models.DateTimeField()
    reason = models.CharField(max_length=300, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.stage} {'entered' if self.entered else 'left'}"

    @property
    def reason_text(self) -> str:
        from .stages import describe_fact

        return describe_fact(self.reason)


class EthnicGroup(models.TextChoices):
    """The 19 ethnic groups of the 2021 census in England and Wales (ONS), named as the ONS
    names them in English and in Welsh, with the two answers that are not a group."""

    ASIAN_BANGLADESHI = "asian_bangladeshi", _("Asian, Asian British or Asian Welsh: Bangladeshi")
    ASIAN_CHINESE = "asian_chinese", _("Asian, Asian British or Asian Welsh: Chinese")
    ASIAN_INDIAN = "asian_indian", _("Asian, Asian British or Asian Welsh: Indian")
    ASIAN_PAKISTANI = "asian_pakistani", _("Asian, Asian British or Asian Welsh: Pakistani")
    ASIAN_OTHER = "asian_other", _("Asian, Asian British or Asian Welsh: Other Asian")
    BLACK_AFRICAN = (
        "black_african",
        _("Black, Black British, Black Welsh, Caribbean or African: African"),
    )
    BLACK_CARIBBEAN = (
        "black_caribbean",
        _("Black, Black British, Black Welsh, Caribbean or African: Caribbean"),
    )
    BLACK_OTHER = (
        "black_other",
        _("Black, Black British, Black Welsh, Caribbean or African: Other Black"),
    )
    MIXED_WHITE_ASIAN = "mixed_white_asian", _("Mixed or Multiple ethnic groups: White and Asian")
    MIXED_WHITE_BLACK_AFRICAN = (
        "mixed_white_black_african",
        _("Mixed or Multiple ethnic groups: White and Black African"),
    )
    MIXED_WHITE_BLACK_CARIBBEAN = (
        "mixed_white_black_caribbean",
        _("Mixed or Multiple ethnic groups: White and Black Caribbean"),
    )
    MIXED_OTHER = (
        "mixed_other",
        _("Mixed or Multiple ethnic groups: Other Mixed or Multiple ethnic groups"),
    )
    WHITE_BRITISH = "white_british", _("White: English, Welsh, Scottish, Northern Irish or British")
    WHITE_IRISH = "white_irish", _("White: Irish")
    WHITE_GYPSY_TRAVELLER = "white_gypsy_traveller", _("White: Gypsy or Irish Traveller")
    WHITE_ROMA = "white_roma", _("White: Roma")
    WHITE_OTHER = "white_other", _("White: Other White")
    OTHER_ARAB = "other_arab", _("Other ethnic group: Arab")
    OTHER_ANY = "other_any", _("Other ethnic group: Any other ethnic group")
    PREFER_NOT_TO_SAY = "prefer_not_to_say", _("Prefer not to say")
    NOT_RECORDED = "not_recorded", _("Not asked or not recorded")


class EthnicGroupHigh(models.TextChoices):
    """The five high-level groups of the 2021 census, which the figures count by."""

    ASIAN = "asian", _("Asian, Asian British or Asian Welsh")
    BLACK = "black", _("Black, Black British, Black Welsh, Caribbean or African")
    MIXED = "mixed", _("Mixed or Multiple ethnic groups")
    WHITE = "white", _("White")
    OTHER = "other", _("Other ethnic group")
    PREFER_NOT_TO_SAY = "prefer_not_to_say", _("Prefer not to say")
    NOT_RECORDED = "not_recorded", _("Not asked or not recorded")


# Read once: `EthnicGroup.values` builds a new list at every use, and the figures ask for every
# answering parent.
DETAILED_GROUPS = frozenset(EthnicGroup.values)


def high_level_group(detailed: str) -> str:
    """The census's high-level group of a detailed answer (the part of its code before "_")."""
    if detailed in (EthnicGroup.PREFER_NOT_TO_SAY, EthnicGroup.NOT_RECORDED):
        return detailed
    if detailed not in DETAILED_GROUPS:
        return EthnicGroupHigh.NOT_RECORDED
    return detailed.split("_", 1)[0]


class Disability(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    PREFER_NOT_TO_SAY = "prefer_not_to_say", _("Prefer not to say")
    NOT_RECORDED = "not_recorded", _("Not asked or not recorded")


class EqualityAnswers(CouncilOwnedModel, VersionedModel):
    """A parent's answers to the council's equality monitoring questions, all optional.

    Kept apart from the parent's record: it is special-category data (UK GDPR article 9), read
    only where it is needed (the parent's page, the portal, and counted by group in the council
    figures), and it has its own version, so that an answer changed here never clashes with a
    change to the parent's details. No row means nothing was asked or recorded.
    """

    parent = models.OneToOneField(Parent, on_delete=models.CASCADE, related_name="equality")
    ethnic_group = models.CharField(
        _("ethnic group"),
        max_length=40,
        choices=EthnicGroup.choices,
        default=EthnicGroup.NOT_RECORDED,
    )
    disability = models.CharField(
        _("disability"),
        max_length=20,
        choices=Disability.choices,
        default=Disability.NOT_RECORDED,
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("equality monitoring answers")
        verbose_name_plural = _("equality monitoring answers")

    def __str__(self):
        return "Equality monitoring answers"

    @property
    def ethnic_group_high(self) -> str:
        return high_level_group(self.ethnic_group)
