"""The charter as data: versioned catalogues of commitments, loaded from files in data/."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    BEFORE_PARENTHOOD = "before_parenthood", _("Before you become a parent")
    EXPECTING_OR_PARENTING = "expecting_or_parenting", _("When you are expecting or parenting")
    CONCERNS_RAISED = "concerns_raised", _("If concerns are raised about parenting")
    LIVING_APART = "living_apart", _("If you are living apart from your child")
    CHILD_REMOVED = "child_removed", _("If your child has been removed")
    THROUGHOUT = "throughout", _("At every stage")


class Theme(models.TextChoices):
    HEALTH = "health", _("Health")
    HOME_AND_MONEY = "home_and_money", _("Home and money")
    RIGHTS_AND_ENTITLEMENTS = "rights_and_entitlements", _("Rights and entitlements")
    PRACTICAL_KNOW_HOW = "practical_know_how", _("Practical know-how")
    WHO_TO_CONTACT = "who_to_contact", _("Who to contact")
    LOCAL_SERVICES = "local_services", _("Local services")
    A_BREAK = "a_break", _("Having a break")
    EDUCATION_AND_WORK = "education_and_work", _("Education and work")
    STIGMA = "stigma", _("Challenging stigma")
    ADVOCACY_AND_LEGAL = "advocacy_and_legal", _("Advocacy and legal advice")
    FAIR_ASSESSMENT = "fair_assessment", _("Fair assessment")
    RELATIONSHIP_WITH_CHILD = "relationship_with_child", _("Your relationship with your child")
    EMOTIONAL_SUPPORT = "emotional_support", _("Emotional support")
    LISTENING_AND_HONESTY = "listening_and_honesty", _("Listening and honesty")
    PLANNING_THE_FUTURE = "planning_the_future", _("Planning your future")


class AppliesTo(models.TextChoices):
    """Which parents a promise is for. A parent who has not said is offered both kinds."""

    ANY = "any", _("Every parent")
    MOTHERS = "mothers", _("Mothers")
    FATHERS = "fathers", _("Fathers")

    @classmethod
    def for_parent_role(cls, parent_role: str) -> list[str]:
        """The values that apply to a parent of this role (parents.ParentRole)."""
        if parent_role == "mother":
            return [cls.ANY, cls.MOTHERS]
        if parent_role == "father":
            return [cls.ANY, cls.FATHERS]
        return [cls.ANY, cls.MOTHERS, cls.FATHERS]


class BilingualMixin:
    """Picks the Welsh text of a field pair when Welsh is active and the text exists."""

    def _in_language(self, field: str) -> str:
        if (get_language() or "en").startswith("cy"):
            welsh = getattr(self, f"{field}_cy", "")
            if welsh:
                return welsh
        return getattr(self, f"{field}_en")


def bilingual(field: str) -> property:
    """A read-only attribute for a model with `<field>_en` and `<field>_cy`: the text in the
    active language (BilingualMixin._in_language)."""
    return property(lambda self: self._in_language(field))


class CharterVersion(models.Model):
    """One published version of the charter, loaded from one catalogue file."""

    version = models.CharField(_("version"), max_length=20, unique=True)
    title_en = models.CharField(max_length=300)
    title_cy = models.CharField(max_length=300)
    published = models.DateField(_("published"))
    source_document_key = models.CharField(max_length=80)
    source_document_title = models.CharField(max_length=300)
    file_name = models.CharField(max_length=200)
    checksum = models.CharField(max_length=64, help_text="SHA-256 of the file it was loaded from")
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published", "-version"]

    def __str__(self):
        return f"{self.title_en} (version {self.version})"


# What a promise says, in both languages, and how a worker knows it was kept: the words that
# the charter's file and a council's own promises both write.
PROMISE_TEXT_FIELDS = ("title_en", "title_cy", "wording_en", "wording_cy", "guidance", "evidence")


class CommitmentFields(BilingualMixin, models.Model):
    """What a promise says and how a worker knows it was kept: shared by charter and council."""

    key = models.CharField(_("key"), max_length=120)
    stage = models.CharField(_("stage"), max_length=30, choices=Stage.choices)
    theme = models.CharField(_("theme"), max_length=30, choices=Theme.choices)
    applies_to = models.CharField(
        _("who the promise is for"), max_length=10, choices=AppliesTo.choices, default="any"
    )
    # The council's own duty to every parent at once (reviewing how the promises are kept,
    # challenging stigma): listed on the council's offer page and reported as the council's,
    # never an item on each parent's plan.
    council_wide = models.BooleanField(_("the council's own commitment"), default=False)
    # Only while a child is expected (health in pregnancy): closes once every child is born.
    ends_at_birth = models.BooleanField(_("ends when the baby is born"), default=False)
    # The milestone (plans.milestones) this promise already covers, such as the first scan: the
    # plan then holds one item, the promise, with the milestone's due date.
    milestone = models.CharField(_("milestone it covers"), max_length=40, blank=True)
    order = models.PositiveIntegerField(default=0)
    title_en = models.CharField(_("title in English"), max_length=200)
    title_cy = models.CharField(_("title in Welsh"), max_length=200, blank=True)
    wording_en = models.TextField(_("promise to the parent, in English"))
    wording_cy = models.TextField(_("promise to the parent, in Welsh"), blank=True)
    guidance = models.TextField(_("guidance for workers"))
    evidence = models.TextField(_("what counts as evidence of delivery"))
    source_section = models.CharField(_("source section"), max_length=200, blank=True)

    class Meta:
        abstract = True

    title = bilingual("title")
    wording = bilingual("wording")


class Commitment(CommitmentFields):
    """A promise in the base charter. Rows are replaced only by loading a new version."""

    charter_version = models.ForeignKey(
        CharterVersion, on_delete=models.PROTECT, related_name="commitments"
    )
    source_document = models.CharField(max_length=80)

    class Meta:
        ordering = ["charter_version", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["charter_version", "key"], name="commitment_key_unique_per_version"
            )
        ]

    def __str__(self):
        return f"{self.key} ({self.charter_version.version})"
