"""Importing a council's offer file: the council, its partners, offer, own promises and
programmes, created or brought up to date in one transaction with its audit event."""

from django.db import transaction

from parent_charter.audit import services as audit
from parent_charter.authorities.models import (
    Council,
    OfficeHours,
    PartnerOrganisation,
    spans_by_day,
)
from parent_charter.charter.catalogue import CatalogueError
from parent_charter.charter.models import CharterVersion

from .models import LocalCommitment, LocalOffer, Programme, ProgrammeBenefit


def apply_offer_file(spec, *, actor=None, file_name: str = "") -> Council:
    """Create or bring up to date a council and its offer from a validated offer file.

    Running it again with the same file changes nothing, so the demo can be re-seeded safely.
    """
    with transaction.atomic():
        council = _apply_council(spec.council)
        partners = _apply_partners(council, spec.partners)
        offer = _apply_offer(council, spec.offer, file_name)
        _apply_local_commitments(offer, spec.offer.commitments)
        _apply_programmes(offer, spec.offer.programmes, partners, file_name)
        audit.record(
            actor=actor,
            council=council,
            action="offer.imported",
            obj=offer,
            detail={"file": file_name},
        )
    return council


def _apply_council(spec) -> Council:
    council, _created = Council.objects.update_or_create(
        slug=spec.slug,
        defaults={
            "name": spec.name,
            "name_cy": spec.name_cy or "",
            "nation": spec.nation,
            "gss_code": spec.gss_code,
            "address": spec.address,
            "postcode": spec.postcode,
            "phone": spec.phone,
            "duty_phone": spec.duty_phone,
            "out_of_hours_phone": spec.out_of_hours_phone,
            "email": spec.email or "",
            "welsh_required": spec.welsh_required,
        },
    )
    # Every span of a day is kept: a day closed for lunch has two.
    wanted: dict[int, list] = {}
    for hours in spec.office_hours:
        wanted.setdefault(hours.weekday, []).append((hours.opens, hours.closes))
    current = spans_by_day(council.office_hours.all())
    council.office_hours.exclude(weekday__in=wanted).delete()
    for weekday, spans in wanted.items():
        if tuple(sorted(spans)) == current.get(weekday, ()):
            continue
        council.office_hours.filter(weekday=weekday).delete()
        OfficeHours.objects.bulk_create(
            OfficeHours(council=council, weekday=weekday, opens_at=opens, closes_at=closes)
            for opens, closes in sorted(spans)
        )
    return council


def _apply_partners(council, specs) -> dict[str, PartnerOrganisation]:
    partners = {}
    for spec in specs:
        partners[spec.name], _created = PartnerOrganisation.objects.update_or_create(
            council=council,
            name=spec.name,
            defaults={
                "description": spec.description or "",
                "website": spec.website or "",
                "phone": spec.phone or "",
                "email": spec.email or "",
            },
        )
    return partners


def _apply_offer(council, spec, file_name: str) -> LocalOffer:
    version = CharterVersion.objects.filter(version=spec.charter_version).first()
    if version is None:
        raise CatalogueError(
            f"{file_name}: offer: charter version {spec.charter_version!r} is not loaded "
            "(run manage.py load_charter first)"
        )
    offer, _created = LocalOffer.objects.update_or_create(
        council=council,
        defaults={
            "charter_version": version,
            "status": spec.status,
            "status_date": spec.status_date,
            "eligibility_age": spec.eligibility_age,
            "eligibility_boundary": spec.eligibility_boundary,
            "introduction_en": spec.introduction.en,
            "introduction_cy": spec.introduction.cy,
        },
    )
    return offer


def _apply_local_commitments(offer, specs) -> None:
    for item in specs:
        LocalCommitment.objects.update_or_create(
            offer=offer,
            key=item.key,
            defaults={
                "stage": item.stage,
                "theme": item.theme,
                "applies_to": item.applies_to,
                "council_wide": item.council_wide,
                "ends_at_birth": item.ends_at_birth,
                "milestone": item.milestone,
                "order": item.order,
                "title_en": item.title.en,
                "title_cy": item.title.cy,
                "wording_en": item.wording.en,
                "wording_cy": item.wording.cy,
                "guidance": item.guidance,
                "evidence": item.evidence,
                "source_section": item.source_section,
                "retired": False,
            },
        )


def _apply_programmes(offer, specs, partners, file_name: str) -> None:
    for spec in specs:
        programme, _created = Programme.objects.update_or_create(
            offer=offer,
            slug=spec.slug,
            defaults={
                "name": spec.name,
                "provider": partners[spec.provider],
                "summary_en": spec.summary.en,
                "summary_cy": spec.summary.cy,
                "eligibility_en": spec.eligibility.en,
                "eligibility_cy": spec.eligibility.cy,
                "maximum_age": spec.maximum_age,
                "fathers_included": spec.fathers_included,
                "residents_only": spec.residents_only,
                "places": spec.places,
                "offered_on_new_baby": spec.offered_on_new_baby,
                "support_forms": list(spec.support_forms),
                "support_givers": list(spec.support_givers),
                "delivery_places": list(spec.delivery_places),
                "frequencies": list(spec.frequencies),
                "referral_routes": list(spec.referral_routes),
                "order": spec.order,
            },
        )
        programme.benefits.all().delete()
        ProgrammeBenefit.objects.bulk_create(
            ProgrammeBenefit(
                programme=programme,
                order=index,
                heading_en=benefit.heading.en,
                heading_cy=benefit.heading.cy,
                text_en=benefit.text.en,
                text_cy=benefit.text.cy,
            )
            for index, benefit in enumerate(spec.benefits)
        )
