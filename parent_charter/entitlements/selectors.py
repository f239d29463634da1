"""Reads for the entitlements pages. The rules and councils' offers hold no personal data."""

from parent_charter.authorities.models import Council, Nation
from parent_charter.offers.models import LocalCommitment

from .models import LocalEntitlement


def guide_councils() -> list[Council]:
    """Councils a person can choose in the public guide: those in England and Wales."""
    return list(Council.objects.filter(nation__in=[Nation.ENGLAND, Nation.WALES]).order_by("name"))


def council_commitments(council_id):
    """The promises of a council's local offer, to link an offer of money to."""
    return LocalCommitment.objects.filter(offer__council_id=council_id, retired=False).order_by(
        "order", "pk"
    )


def money_promises_without_entitlement(council_id, items) -> list[LocalCommitment]:
    """Promises about money or entitlements that no offer of the council's puts an amount on."""
    linked = {item.local_commitment_id for item in items}
    return [
        promise
        for promise in council_commitments(council_id).filter(
            theme__in=["home_and_money", "rights_and_entitlements"]
        )
        if promise.pk not in linked
    ]


def local_entitlements(council_id) -> list[LocalEntitlement]:
    return list(
        LocalEntitlement.objects.filter(council_id=council_id)
        .select_related("local_commitment")
        .order_by("retired", "name_en", "pk")
    )
