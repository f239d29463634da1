"""Forms for a referral to children's services: what it is, the grounds, and the evidence.

Evidence is a small formset: one piece is required, more can be added with the "add another"
button (a plain submit, so it works without JavaScript). Grounds are a fixed list of current
risks; a value naming care status or history, which the page never offers, is refused with a
message and counted by the view.
"""

import datetime

from django import forms
from django.forms import formset_factory
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from parent_charter.core.fields import VersionedEditForm, date_input, radios, record_choice, text
from parent_charter.core.forms import FormTokenField

from .evidence import is_current, is_label_only, recency_months
from .models import Ground, ReferralKind, SourceKind, is_forbidden_ground
from .services import EvidenceInput
from .services_decisions import Decision, reason_problem

MAX_EVIDENCE = 10
WHAT_MAX = 3000
IMPACT_MAX = 2000
REASON_MAX = 3000
# Evidence dated before this birthday would be from the parent's own childhood.
CHILDHOOD_ENDS_AT = 12

FORBIDDEN_GROUND_MESSAGE = _(
    "Care status or care history is never a ground for a referral. Choose the current risk "
    "and describe what was seen or reported"
)


class GroundsField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def validate(self, value):
        # Before the usual "not one of the choices", so a tampered value gets the real reason.
        if any(is_forbidden_ground(item) for item in value or ()):
            raise forms.ValidationError(FORBIDDEN_GROUND_MESSAGE, code="forbidden_ground")
        super().validate(value)


class ChildChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        from parent_charter.children.selectors import child_label

        if obj.is_born:
            return _("%(name)s, born %(date)s") % {
                "name": child_label(obj),
                "date": date_format(obj.date_of_birth, "j F Y"),
            }
        return _("%(name)s, due %(date)s") % {
            "name": child_label(obj),
            "date": date_format(obj.due_date, "j F Y"),
        }


class ReferralForm(VersionedEditForm):
    record_field_names = ("kind", "grounds", "child")

    form_token = FormTokenField()
    kind = radios(
        _("What are you making?"),
        ReferralKind.choices,
        _("Select whether this is a referral or a pre-birth assessment request"),
    )
    child = record_choice(
        _("Which child is it about? (optional)"),
        invalid=_("Select a child from the list"),
        field_class=ChildChoiceField,
        empty_label=_("Not about one child in particular"),
    )
    grounds = GroundsField(
        label=_("What is the current risk?"),
        help_text=_(
            "Select all that apply. A referral rests on what is happening now: care status or "
            "history is never a ground."
        ),
        choices=Ground.choices,
        error_messages={
            "required": _("Select at least one current risk"),
            "invalid_choice": _("Select current risks from the list"),
        },
    )

    def __init__(self, *args, parent, **kwargs):
        super().__init__(*args, **kwargs)
        from parent_charter.children.models import Child

        self.parent = parent
        self.fields["child"].queryset = Child.objects.filter(parent_links__parent=parent).order_by(
            "pk"
        )

    @property
    def refused_forbidden_ground(self) -> bool:
        return self.has_error("grounds", code="forbidden_ground")

    def forbidden_count(self) -> int:
        return sum(1 for item in self.data.getlist("grounds") if is_forbidden_ground(item))


class EvidenceForm(forms.Form):
    what = forms.CharField(
        label=_("What was seen or reported"),
        help_text=_(
            "Describe what happened, as it was seen or reported: an event, not a label such as "
            "'concerns' or 'risk'. Do not describe the parent's own childhood or time in care."
        ),
        max_length=WHAT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": _("Describe what was seen or reported"),
            "max_length": _("Evidence must be %(limit_value)d characters or fewer"),
        },
    )
    seen_on = date_input(
        _("When was it seen or reported?"),
        required=_("Enter the date it was seen or reported"),
        help_text=_("For example, 27 3 2026"),
    )
    source_kind = radios(_("Who is the source?"), SourceKind.choices, _("Select who the source is"))
    source_detail = text(
        _("Their role and organisation"),
        help_text=_(
            "For example, health visitor, Wye Valley NHS Trust. If you saw it yourself, leave "
            "this blank: your role and council are filled in."
        ),
        max_length=200,
        too_long=_("Role and organisation must be 200 characters or fewer"),
    )
    impact = forms.CharField(
        label=_("How does this affect the child's safety now?"),
        help_text=_("Say what could happen to the child, or the unborn baby, because of it."),
        max_length=IMPACT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Say how this affects the child's safety now"),
            "max_length": _("How it affects the child must be %(limit_value)d characters or fewer"),
        },
    )

    def __init__(self, *args, parent=None, user=None, current_from=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.parent = parent
        self.user = user
        self.current_from = current_from

    def clean_what(self):
        value = self.cleaned_data["what"].replace("\r\n", "\n").strip()
        if is_label_only(value):
            raise forms.ValidationError(
                _(
                    "Describe what happened: what was seen or heard, and what the parent or "
                    "someone else did. Words such as 'concerns', 'risk' or 'referral "
                    "requested' are labels, not events"
                ),
                code="label_only",
            )
        return value

    def clean_impact(self):
        value = self.cleaned_data["impact"].replace("\r\n", "\n").strip()
        if is_label_only(value):
            raise forms.ValidationError(
                _(
                    "Say in your own words what could happen to the child because of it, not "
                    "only 'risk' or 'harm'"
                ),
                code="label_only",
            )
        return value

    def clean_seen_on(self):
        value = self.cleaned_data["seen_on"]
        if value is None:
            return value
        if value > timezone.localdate():
            raise forms.ValidationError(_("The date must be today or in the past"))
        born = getattr(self.parent, "date_of_birth", None)
        if born and value < _birthday(born, CHILDHOOD_ENDS_AT):
            raise forms.ValidationError(
                _(
                    "This date is from the parent's own childhood. Evidence must describe what "
                    "is happening now"
                )
            )
        return value

    def clean(self):
        cleaned = super().clean()
        detail = (cleaned.get("source_detail") or "").strip()
        if not detail and cleaned.get("source_kind") == SourceKind.SEEN_BY_ME and self.user:
            detail = seen_by_me(self.user)
        if not detail and "source_detail" not in self.errors:
            self.add_error("source_detail", _("Enter the source's role and organisation"))
        cleaned["source_detail"] = detail
        return cleaned

    @property
    def is_background(self) -> bool:
        seen = (getattr(self, "cleaned_data", None) or {}).get("seen_on")
        return self.current_from is not None and not is_current(seen, self.current_from)

    def as_input(self) -> EvidenceInput:
        data = self.cleaned_data
        return EvidenceInput(
            what=data["what"],
            seen_on=data["seen_on"],
            source_kind=data["source_kind"],
            source_detail=data["source_detail"].strip(),
            impact=data["impact"],
        )


def seen_by_me(user) -> str:
    """ "Seen by me" fills in who: the worker's role and council."""
    roles = ", ".join(str(label) for label in user.role_labels[:1])
    council = getattr(user.council, "name", "")
    return ", ".join(part for part in (roles, council) if part)[:200]


def _birthday(born: datetime.date, years: int) -> datetime.date:
    try:
        return born.replace(year=born.year + years)
    except ValueError:  # 29 February
        return born.replace(year=born.year + years, day=28)


class BaseEvidenceFormSet(forms.BaseFormSet):
    parent = None

    def initial_form_count(self):
        # Every piece but the first may be left empty (to add nothing, or to drop a piece on
        # a rewrite): none counts as an "initial" form that must be filled in.
        return 0

    def clean(self):
        if any(self.errors):
            return
        filled = self.filled_forms()
        if not filled:
            raise forms.ValidationError(
                _("Add at least one piece of evidence: what was seen or reported, when and who by"),
                code="no_evidence",
            )
        if all(form.is_background for form in filled):
            months = recency_months(getattr(self.parent, "council", None))
            message = ngettext(
                "Every piece of evidence is more than %(months)d month old. Older evidence "
                "can be added as background, but at least one piece must describe something "
                "seen or reported in the last %(months)d month",
                "Every piece of evidence is more than %(months)d months old. Older evidence "
                "can be added as background, but at least one piece must describe something "
                "seen or reported in the last %(months)d months",
                months,
            ) % {"months": months}
            for form in filled:
                form.add_error("seen_on", forms.ValidationError(message, code="not_current"))
            raise forms.ValidationError(message, code="no_current_event")

    @property
    def refused_for_evidence(self) -> bool:
        """Refused because nothing in it is a current event (counted for the figures)."""
        codes = {error.code for error in self.non_form_errors().as_data()}
        for form in self.forms:
            for errors in form.errors.as_data().values():
                codes.update(error.code for error in errors)
        return bool(codes & {"no_current_event", "label_only"})

    def filled_forms(self) -> list[EvidenceForm]:
        return [
            form
            for form in self.forms
            if form.has_changed() and getattr(form, "cleaned_data", None)
        ]

    def inputs(self) -> list[EvidenceInput]:
        return [form.as_input() for form in self.filled_forms()]


EvidenceFormSet = formset_factory(
    EvidenceForm,
    formset=BaseEvidenceFormSet,
    extra=0,
    min_num=1,
    max_num=MAX_EVIDENCE,
    absolute_max=MAX_EVIDENCE,
    validate_max=True,
)


def evidence_formset(
    data=None, *, parent, user=None, initial=None, add_one=False
) -> BaseEvidenceFormSet:
    """The evidence formset; `add_one` shows one more empty piece (the "add another" button)."""
    from .evidence import current_from

    kwargs = {
        "prefix": "evidence",
        "form_kwargs": {
            "parent": parent,
            "user": user,
            "current_from": current_from(getattr(parent, "council", None)),
        },
    }
    if data is None:
        formset = EvidenceFormSet(initial=initial, **kwargs)
        # Show each earlier piece (a rewrite starts from what was written before).
        formset.extra = max(len(initial or ()) - 1, 0)
        formset.parent = parent
        return formset
    if add_one:
        data = data.copy()
        key = "evidence-TOTAL_FORMS"
        try:
            total = int(data.get(key, "1"))
        except ValueError:
            total = 1
        data[key] = str(min(max(total, 1) + 1, MAX_EVIDENCE))
    # Bound without `initial`: a piece is "filled in" when it has any text, not when it
    # differs from what was written before.
    formset = EvidenceFormSet(data, **kwargs)
    formset.parent = parent
    return formset


class DecisionForm(VersionedEditForm):
    decision = radios(
        _("What is your decision?"),
        [
            (Decision.SEND, _("Send it as it is")),
            (Decision.RETURN, _("Return it to the worker to rewrite the evidence")),
            (Decision.WITHDRAW, _("Withdraw it: it will not be sent")),
        ],
        _("Select your decision"),
    )
    relied_on = forms.MultipleChoiceField(
        label=_("If you send it: which evidence shows a current risk?"),
        help_text=_(
            "Select each piece you rely on. Only evidence from the council's recency window "
            "can be relied on; older pieces are background."
        ),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": _("Select evidence from the list")},
    )
    reason = forms.CharField(
        label=_("Your reason"),
        help_text=_(
            "The worker and the parent's adviser will read this. If you send it as it is, say "
            "what current evidence of risk it rests on."
        ),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": _("Write the reason for your decision"),
            "max_length": _("Reason must be %(limit_value)d characters or fewer"),
        },
    )

    def __init__(self, *args, evidence=(), current_from=None, **kwargs):
        """`evidence`: the current round's pieces, in order; only current ones can be relied on."""
        super().__init__(*args, **kwargs)
        self.pieces = list(evidence)
        self.fields["relied_on"].choices = [
            (str(piece.position), _evidence_choice_label(number, piece))
            for number, piece in enumerate(self.pieces, start=1)
        ]
        self.current_from = current_from

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Write the reason for your decision"))
        return reason

    def clean(self):
        cleaned = super().clean()
        decision, reason = cleaned.get("decision"), cleaned.get("reason")
        if decision != Decision.SEND:
            return cleaned
        chosen = {int(value) for value in cleaned.get("relied_on") or ()}
        if "relied_on" not in self.errors:
            if not chosen:
                self.add_error(
                    "relied_on",
                    _("Select the evidence that shows a current risk, or choose another decision"),
                )
            elif any(
                piece.position in chosen
                and (piece.background or not is_current(piece.seen_on, self.current_from))
                for piece in self.pieces
            ):
                self.add_error(
                    "relied_on",
                    _(
                        "Older evidence is background and cannot show a current risk on its "
                        "own. Select evidence from the recency window"
                    ),
                )
        if reason and "reason" not in self.errors:
            problem = reason_problem(reason)
            if problem:
                self.add_error("reason", forms.ValidationError(problem, code="reason_refused"))
        return cleaned

    @property
    def refused_reason(self) -> bool:
        return self.has_error("reason", code="reason_refused")


def _evidence_choice_label(number: int, piece) -> str:
    text = " ".join(piece.what.split())
    if len(text) > 90:
        text = text[:87].rstrip() + "…"
    label = _("Evidence %(number)d, %(date)s: %(text)s") % {
        "number": number,
        "date": date_format(piece.seen_on, "j F Y"),
        "text": text,
    }
    if piece.background:
        label = _("%(label)s (background)") % {"label": label}
    return label
