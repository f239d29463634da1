"""The needs a parent may search by, mapped to the charter's themes, and the eligibility terms.

Every council starts with the same needs, each under a stable key (the public search uses the
key, so a search address means the same thing in every council), and two eligibility terms
that mark a service as only for care-experienced people or only for the council's residents.
Identifiers are derived from the council's GSS code and the key, so seeding twice, in any
order, makes the same rows. Council administrators may add needs of their own.
"""

import uuid
from dataclasses import dataclass

from django.db import transaction

from parent_charter.charter.models import Theme

from .models import Taxonomy, TaxonomyTerm

NAMESPACE = uuid.UUID("6f2b8a52-3c1e-5d7a-9b44-0c8f2e6d1a35")

NEEDS_TAXONOMY = "needs"
ELIGIBILITY_TAXONOMY = "eligibility"
NEED_LINK = "need"
ELIGIBILITY_LINK = "eligibility"
CARE_EXPERIENCED = "care-experienced"
COUNCIL_RESIDENTS = "council-residents"


@dataclass(frozen=True)
class TermSpec:
    key: str
    theme: str
    name: str
    name_cy: str
    description: str
    description_cy: str


NEEDS = (
    TermSpec(
        "pregnancy-and-baby",
        Theme.HEALTH,
        "Pregnancy, birth and your baby's health",
        "Beichiogrwydd, geni ac iechyd eich babi",
        "Midwives, health visitors, antenatal classes and help with feeding.",
        "Bydwragedd, ymwelwyr iechyd, dosbarthiadau cynenedigol a help gyda bwydo.",
    ),
    TermSpec(
        "parenting-support",
        Theme.PRACTICAL_KNOW_HOW,
        "Help with being a parent",
        "Help gyda bod yn rhiant",
        "Volunteers, family hubs and groups that help with the day-to-day of bringing up a child.",
        "Gwirfoddolwyr, hybiau teulu a grwpiau sy'n helpu gyda magu plentyn o ddydd i ddydd.",
    ),
    TermSpec(
        "feelings-and-mental-health",
        Theme.EMOTIONAL_SUPPORT,
        "Feelings and mental health",
        "Teimladau ac iechyd meddwl",
        "Someone to talk to, counselling, and support with grief, loss and worry.",
        "Rhywun i siarad ag ef, cwnsela, a chymorth gyda galar, colled a phryder.",
    ),
    TermSpec(
        "somewhere-to-live",
        Theme.HOME_AND_MONEY,
        "Somewhere to live",
        "Rhywle i fyw",
        "Housing advice, help when you might lose your home, and setting up a home.",
        "Cyngor ar dai, help pan allech chi golli eich cartref, a sefydlu cartref.",
    ),
    TermSpec(
        "money-and-benefits",
        Theme.HOME_AND_MONEY,
        "Money and benefits",
        "Arian a budd-daliadau",
        "Benefits, grants, debts and budgeting.",
        "Budd-daliadau, grantiau, dyledion a chyllidebu.",
    ),
    TermSpec(
        "advocacy",
        Theme.ADVOCACY_AND_LEGAL,
        "Having your say (advocacy)",
        "Cael dweud eich dweud (eiriolaeth)",
        "An independent advocate who helps your views be heard in meetings and decisions.",
        (
            "Eiriolwr annibynnol sy'n helpu i'ch barn gael ei chlywed mewn cyfarfodydd a "
            "phenderfyniadau."
        ),
    ),
    TermSpec(
        "legal-advice",
        Theme.ADVOCACY_AND_LEGAL,
        "Legal advice",
        "Cyngor cyfreithiol",
        "Solicitors and advice on your rights, including when children's services are involved.",
        (
            "Cyfreithwyr a chyngor ar eich hawliau, gan gynnwys pan fydd gwasanaethau plant yn "
            "rhan o bethau."
        ),
    ),
    TermSpec(
        "drugs-and-alcohol",
        Theme.HEALTH,
        "Drugs and alcohol",
        "Cyffuriau ac alcohol",
        "Confidential help to cut down or stop, for you or someone close to you.",
        "Help cyfrinachol i dorri i lawr neu roi'r gorau iddi, i chi neu i rywun agos atoch chi.",
    ),
    TermSpec(
        "meeting-other-parents",
        Theme.STIGMA,
        "Meeting other parents",
        "Cwrdd â rhieni eraill",
        "Groups where you can meet other young parents and parents with care experience.",
        "Grwpiau lle gallwch chi gwrdd â rhieni ifanc eraill a rhieni sydd â phrofiad o ofal.",
    ),
    TermSpec(
        "time-with-your-child",
        Theme.RELATIONSHIP_WITH_CHILD,
        "Time with your child",
        "Amser gyda'ch plentyn",
        "Support with family time, contact and keeping in touch when you live apart.",
        (
            "Cymorth gydag amser teulu, cyswllt a chadw mewn cysylltiad pan fyddwch chi'n byw ar "
            "wahân."
        ),
    ),
    TermSpec(
        "learning-and-work",
        Theme.EDUCATION_AND_WORK,
        "Learning and work",
        "Dysgu a gwaith",
        "Courses, training, childcare while you study, and finding work.",
        "Cyrsiau, hyfforddiant, gofal plant tra byddwch chi'n astudio, a dod o hyd i waith.",
    ),
    TermSpec(
        "a-break",
        Theme.A_BREAK,
        "Having a break",
        "Cael seibiant",
        "Play sessions, short breaks and activities for you and your child.",
        "Sesiynau chwarae, seibiannau byr a gweithgareddau i chi a'ch plentyn.",
    ),
)

ELIGIBILITY = (
    TermSpec(
        CARE_EXPERIENCED,
        "",
        "Only for people who are or have been in care",
        "Dim ond i bobl sydd mewn gofal neu sydd wedi bod mewn gofal",
        "The service is for care-experienced people only.",
        "Mae'r gwasanaeth ar gyfer pobl sydd â phrofiad o ofal yn unig.",
    ),
    TermSpec(
        COUNCIL_RESIDENTS,
        "",
        "Only for people who live in the council's area",
        "Dim ond i bobl sy'n byw yn ardal y cyngor",
        "The service is for residents of the council's area only.",
        "Mae'r gwasanaeth ar gyfer pobl sy'n byw yn ardal y cyngor yn unig.",
    ),
)

NEED_KEYS = tuple(spec.key for spec in NEEDS)


def stable_id(council, kind: str, key: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"council:{council.gss_code}:{kind}:{key}")


def ensure_taxonomies(council) -> dict[str, TaxonomyTerm]:
    """Make sure the council has the needs and eligibility terms; returns them by key.

    Existing terms keep any wording an administrator changed: only missing ones are added.
    """
    vocabularies = {
        NEEDS_TAXONOMY: (
            "Needs of parents in and leaving care",
            "What a parent may be looking for help with, mapped to the themes of the charter.",
            NEEDS,
        ),
        ELIGIBILITY_TAXONOMY: (
            "Who may use a service",
            "Conditions on who may use a service, beyond its age range.",
            ELIGIBILITY,
        ),
    }
    terms = {}
    with transaction.atomic():
        for kind, (name, description, specs) in vocabularies.items():
            taxonomy, _created = Taxonomy.objects.get_or_create(
                id=stable_id(council, "taxonomy", kind),
                defaults={"council": council, "name": name, "description": description},
            )
            for spec in specs:
                term, _created = TaxonomyTerm.objects.get_or_create(
                    id=stable_id(council, "term", spec.key),
                    defaults={
                        "council": council,
                        "taxonomy_record": taxonomy,
                        "taxonomy": taxonomy.name,
                        "key": spec.key,
                        "theme": spec.theme,
                        "name": spec.name,
                        "name_cy": spec.name_cy,
                        "term": spec.name,
                        "description": spec.description,
                        "description_cy": spec.description_cy,
                    },
                )
                terms[spec.key] = term
    return terms


def needs_taxonomy_id(council) -> uuid.UUID:
    return stable_id(council, "taxonomy", NEEDS_TAXONOMY)


def eligibility_term_id(council, key: str) -> uuid.UUID:
    return stable_id(council, "term", key)
