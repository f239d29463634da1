"""Stage derivation: the table of facts and the stages they give."""

import pytest

from parent_charter.parents.stages import ChildFacts, derive_stages

EXPECTED = ChildFacts(False, True, "not_yet_born", "none")
AT_HOME = ChildFacts(True, True, "one_parent", "none")
WITH_OTHER_PARENT = ChildFacts(True, False, "one_parent", "none")
AT_HOME_ON_CP_PLAN = ChildFacts(True, True, "one_parent", "child_protection_plan")
IN_PROCEEDINGS_IN_FOSTER_CARE = ChildFacts(True, False, "foster_care", "care_proceedings")
LOOKED_AFTER = ChildFacts(True, False, "foster_care", "looked_after")
ADOPTED = ChildFacts(True, False, "adopted", "adopted")
WITH_GRANDPARENTS_SGO = ChildFacts(True, False, "relatives", "special_guardianship")

B, E, C, L, R, T = (
    "before_parenthood",
    "expecting_or_parenting",
    "concerns_raised",
    "living_apart",
    "child_removed",
    "throughout",
)


@pytest.mark.parametrize(
    ("children", "open_concern", "stages"),
    [
        ([], False, {B, T}),
        ([EXPECTED], False, {E, T}),
        ([AT_HOME], False, {E, T}),
        ([WITH_OTHER_PARENT], False, {E, L, T}),
        ([AT_HOME_ON_CP_PLAN], False, {E, C, T}),
        ([AT_HOME], True, {E, C, T}),
        ([], True, {B, T}),  # a concern is about parenting: no child, no parenting concern
        ([IN_PROCEEDINGS_IN_FOSTER_CARE], False, {E, C, L, R, T}),
        ([LOOKED_AFTER], False, {E, L, R, T}),
        ([ADOPTED], False, {E, L, R, T}),
        ([WITH_GRANDPARENTS_SGO], False, {E, L, R, T}),
        ([EXPECTED, LOOKED_AFTER], False, {E, L, R, T}),
        ([EXPECTED, AT_HOME_ON_CP_PLAN], False, {E, C, T}),
    ],
)
def test_stage_table(children, open_concern, stages):
    assert set(derive_stages(children, open_concern=open_concern)) == stages


def test_every_stage_says_why():
    for reason in derive_stages([IN_PROCEEDINGS_IN_FOSTER_CARE]).values():
        assert reason
