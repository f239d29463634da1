"""The words people are shown about each family of the guard's rules, marked for translation.

data/guard-rules.yaml names a family's text by its key here (`messages:`). They are kept in
Python, not in the data file, so that `makemessages` finds them and the Welsh catalogue
(safeguards/locale/cy) translates them.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class FamilyText:
    title: object  # lazily translated
    explanation: object  # lazily translated


FAMILY_TEXTS: dict[str, FamilyText] = {
    "care-history": FamilyText(
        _("The parent's own time in care"),
        _(
            "These words say the parent is or was in care, looked after or a care leaver. Care "
            "status or care history is never evidence of risk: describe what is happening now."
        ),
    ),
    "family-pattern": FamilyText(
        _("A prediction from a family or group pattern"),
        _(
            "These words predict the parent's care of the child from a pattern (a 'cycle', "
            "'generations', 'like her mother', what 'care leavers' do) instead of from what this "
            "parent is doing now."
        ),
    ),
    "harm-in-own-childhood": FamilyText(
        _("How the parent was treated as a child"),
        _(
            "These words describe how the parent was treated by their own parents or family when "
            "they were young. What happened to the parent as a child is not evidence of risk to "
            "their child now."
        ),
    ),
    "own-childhood": FamilyText(
        _("The parent's own childhood or past"),
        _(
            "These words refer to the parent's own childhood, upbringing or past. On their own "
            "they are not held, but with a conclusion drawn from them they suggest the concern "
            "rests on the parent's past."
        ),
    ),
    "reasoning": FamilyText(
        _("A conclusion or prediction"),
        _(
            "A word that draws a conclusion or predicts ('so', 'because', 'likely', 'will "
            "struggle'). Beside a reference to the parent's past, it shows the concern is "
            "reasoned from that past."
        ),
    ),
    "routine": FamilyText(
        _("A routine referral"),
        _(
            "These words rest the referral on a policy, a protocol, standard practice, the team "
            "the parent is open to, or their age or status, not on something that happened. A "
            "referral made as a matter of routine is the discrimination the charter asks councils "
            "to end: describe the event that shows a current risk."
        ),
    ),
    "past-record": FamilyText(
        _("An old record"),
        _(
            "These words date what is described to long ago. Evidence must describe what is "
            "happening now: an old record may be background beside a current event, but it is "
            "never evidence of risk on its own."
        ),
    ),
}
