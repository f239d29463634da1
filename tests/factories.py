"""Factories for the test cast and records. Deterministic sequences, no real people."""

import datetime

import factory
from django_otp.plugins.otp_totp.models import TOTPDevice

from parent_charter.accounts.models import RoleGrant, User
from parent_charter.authorities.models import Council, Nation, OfficeHours, PartnerOrganisation
from parent_charter.charter.models import CharterVersion
from parent_charter.children.models import Child, ChildCircumstance, ChildParent
from parent_charter.offers.models import AdoptionStatus, LocalCommitment, LocalOffer, Programme
from parent_charter.parents.models import Parent


class CouncilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Council
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Testshire Council {n}")
    slug = factory.Sequence(lambda n: f"testshire-{n}")
    nation = Nation.ENGLAND
    gss_code = factory.Sequence(lambda n: f"E0{n:07d}")
    address = "1 Test Street\nTesttown"
    postcode = "TE1 1ST"
    phone = "01632 960 001"
    duty_phone = "01632 960 002"
    out_of_hours_phone = "01632 960 003"
    email = factory.LazyAttribute(lambda c: f"leaving-care@{c.slug}.example")


class OfficeHoursFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OfficeHours

    council = factory.SubFactory(CouncilFactory)
    weekday = 0
    opens_at = datetime.time(9, 0)
    closes_at = datetime.time(17, 0)


class PartnerOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerOrganisation

    council = factory.SubFactory(CouncilFactory)
    name = factory.Sequence(lambda n: f"Home-Start Testshire {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}@council.example")
    email = factory.LazyAttribute(lambda u: u.username)
    full_name = factory.Sequence(lambda n: f"Test Worker {n}")
    council = factory.SubFactory(CouncilFactory)
    password = factory.django.Password("correct-horse-battery-staple")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for role in extracted or []:
            RoleGrant.objects.create(user=self, role=role)
        self.__dict__.pop("roles", None)


class TOTPDeviceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TOTPDevice

    user = factory.SubFactory(UserFactory)
    name = "Authenticator app"
    confirmed = True


class CharterVersionFactory(factory.django.DjangoModelFactory):
    """A minimal charter version for tests that need an offer but not the real catalogue."""

    class Meta:
        model = CharterVersion
        django_get_or_create = ("version",)

    version = "test"
    title_en = "Test charter"
    title_cy = "Siarter prawf"
    published = datetime.date(2024, 1, 1)
    source_document_key = "t"
    source_document_title = "t"
    file_name = "t.yaml"
    checksum = "0" * 64


class LocalOfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LocalOffer

    council = factory.SubFactory(CouncilFactory)
    charter_version = factory.SubFactory(CharterVersionFactory)
    status = AdoptionStatus.SIGNED_UP
    status_date = datetime.date(2024, 3, 1)
    introduction_en = "We want every parent leaving our care to feel backed."
    introduction_cy = (
        "Rydym am i bob rhiant sy'n gadael ein gofal deimlo bod rhywun y tu ôl iddynt."
    )


class ParentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Parent

    council = factory.SubFactory(CouncilFactory)
    given_name = factory.Sequence(lambda n: f"Sam{n}")
    family_name = factory.Sequence(lambda n: f"Testperson{n}")
    date_of_birth = datetime.date(2004, 5, 17)


class ParentRecordFactory(factory.django.DjangoModelFactory):
    """A record about one parent, kept in that parent's council: the base of such factories."""

    class Meta:
        abstract = True

    council = factory.SelfAttribute("parent.council")
    parent = factory.SubFactory(ParentFactory)


class LocalCommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LocalCommitment

    offer = factory.SubFactory(LocalOfferFactory)
    key = factory.Sequence(lambda n: f"testshire.promise-{n}")
    stage = "expecting_or_parenting"
    theme = "health"
    title_en = factory.Sequence(lambda n: f"We pay for scan {n}")
    title_cy = ""
    wording_en = "We will pay for your first private scan."
    guidance = "Offer it at the first meeting after the pregnancy is known."
    evidence = "The receipt is on the record."


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    offer = factory.SubFactory(LocalOfferFactory)
    slug = factory.Sequence(lambda n: f"baby-steps-{n}")
    name = factory.Sequence(lambda n: f"Baby Steps {n}")
    provider = factory.SubFactory(
        PartnerOrganisationFactory, council=factory.SelfAttribute("..offer.council")
    )
    summary_en = "A volunteer visits you at home every week."
    eligibility_en = "Parents leaving care, up to the age of 25."
    support_forms = factory.LazyFunction(lambda: ["befriending"])
    support_givers = factory.LazyFunction(lambda: ["volunteer"])
    delivery_places = factory.LazyFunction(lambda: ["home"])
    frequencies = factory.LazyFunction(lambda: ["weekly"])
    referral_routes = factory.LazyFunction(lambda: ["personal_adviser", "self"])


class ChildFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Child

    council = factory.SubFactory(CouncilFactory)
    given_name = ""
    due_date = datetime.date(2027, 3, 1)


class ChildParentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChildParent

    council = factory.SelfAttribute("child.council")
    child = factory.SubFactory(ChildFactory)
    parent = None


class ChildCircumstanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChildCircumstance

    council = factory.SelfAttribute("child.council")
    child = factory.SubFactory(ChildFactory)
    lives_with = "not_yet_born"
    legal_status = "none"
    from_date = datetime.date(2026, 1, 1)


# --- Support plans (added for the plan pages) ---------------------------------------------


class SupportPlanFactory(ParentRecordFactory):
    class Meta:
        model = "plans.SupportPlan"


class PlanItemFactory(factory.django.DjangoModelFactory):
    """A milestone item by default (it needs no charter); pass commitment= for a promise."""

    class Meta:
        model = "plans.PlanItem"

    council = factory.SelfAttribute("plan.council")
    plan = factory.SubFactory(SupportPlanFactory)
    source = "milestone"
    milestone_key = factory.Sequence(lambda n: f"test-milestone-{n}")
    stage = "expecting_or_parenting"
    status = "to_discuss"
    order = factory.Sequence(lambda n: n)


class PlanItemStatusFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "plans.PlanItemStatus"

    council = factory.SelfAttribute("item.council")
    item = factory.SubFactory(PlanItemFactory)
    status = factory.SelfAttribute("item.status")
    note = "Added to the plan"
    at = factory.LazyFunction(lambda: datetime.datetime(2026, 11, 1, 9, 0, tzinfo=datetime.UTC))


class PlanReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "plans.PlanReview"

    council = factory.SelfAttribute("plan.council")
    plan = factory.SubFactory(SupportPlanFactory)
    held_on = datetime.date(2026, 6, 1)
    attendees = "The parent and their personal adviser"
    participation = "in_person"
    summary = "Talked through the plan."
    recorded_by = factory.SubFactory(UserFactory, council=factory.SelfAttribute("..council"))


class ConsentRecordFactory(ParentRecordFactory):
    class Meta:
        model = "parents.ConsentRecord"

    share_with = "The health visiting team"
    information = "Contact details and the support plan"
    given_on = datetime.date(2026, 1, 5)
    recorded_by = factory.SubFactory(UserFactory, council=factory.SelfAttribute("..council"))
