"""Access-matrix rows for a parent's consents: advisers and managers record and withdraw them."""

from tests.factories import ConsentRecordFactory

CONSENT_MANAGERS = {"pa", "manager"}

ROWS = {
    # Equality monitoring answers: special-category data, for those who hold the casework.
    "parents:equality": ("parents.change_parent", CONSENT_MANAGERS, {"kwargs": "parent"}),
    # The parent answers the same questions in the portal, for themselves only.
    "parents_portal:equality": ("portal.use_portal", {"parent"}, {}),
    "parents:consent_add": ("parents.manage_consent", CONSENT_MANAGERS, {"kwargs": "parent"}),
    "parents:consent_withdraw": (
        "parents.manage_consent",
        CONSENT_MANAGERS,
        {"kwargs": "consent"},
    ),
}


def make_targets(ctx) -> dict:
    recorders = {"hillford": ctx["pa"], "eastmere": ctx["other_pa"]}
    consents = {
        which: ConsentRecordFactory(parent=ctx[f"{which}_parent"], recorded_by=recorders[which])
        for which in ("hillford", "eastmere")
    }
    return {
        "consent": {
            which: {"public_id": consent.parent.public_id, "consent_id": consent.public_id}
            for which, consent in consents.items()
        }
    }
