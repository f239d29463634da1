from django import forms
from django.utils.translation import gettext_lazy as _

from parent_charter.children.models import LivesWith
from parent_charter.parents.models import ParentRole

from .models import MAPPING_FIELDS, ColumnMapping
from .reading import MAX_FILE_BYTES, code_line_errors, decode

# Column names of the two shapes shipped in parent_charter/caseimport/data/ (fictional data).
PRESETS = {
    "liquidlogic": {
        "system_name": "Liquidlogic",
        "parent_id_column": "Person ID",
        "given_name_column": "Forename",
        "family_name_column": "Surname",
        "date_of_birth_column": "Date of Birth",
        "postcode_column": "Postcode",
        "parent_role_column": "Parental Role",
        "child_id_column": "Child Person ID",
        "child_parent_id_column": "Parent Person ID",
        "child_given_name_column": "Child Forename",
        "child_date_of_birth_column": "Child Date of Birth",
        "child_due_date_column": "Expected Date of Delivery",
        "living_arrangement_column": "Living Arrangement",
        "parent_role_codes": "Birth Mother = mother\nBirth Father = father\nStep Parent = parent",
        "living_arrangement_codes": (
            "Unborn = not_yet_born\n"
            "With Both Parents = both_parents\n"
            "With Parent = one_parent\n"
            "Connected Person = relatives\n"
            "Kinship Care = relatives\n"
            "Foster Placement = foster_care\n"
            "Residential = foster_care\n"
            "Placed for Adoption = adopted\n"
            "Other = other"
        ),
    },
    "mosaic": {
        "system_name": "Mosaic",
        "parent_id_column": "PERSON_ID",
        "given_name_column": "FIRST_NAME",
        "family_name_column": "LAST_NAME",
        "date_of_birth_column": "DATE_OF_BIRTH",
        "postcode_column": "POST_CODE",
        "parent_role_column": "PARENT_TYPE",
        "child_id_column": "CHILD_PERSON_ID",
        "child_parent_id_column": "PARENT_PERSON_ID",
        "child_given_name_column": "CHILD_FIRST_NAME",
        "child_date_of_birth_column": "CHILD_DATE_OF_BIRTH",
        "child_due_date_column": "EXPECTED_DATE",
        "living_arrangement_column": "LIVING_ARR_CODE",
        "parent_role_codes": "MOT = mother\nFAT = father\nPAR = parent",
        "living_arrangement_codes": (
            "UNB = not_yet_born\n"
            "LBP = both_parents\n"
            "LOP = one_parent\n"
            "REL = relatives\n"
            "FOS = foster_care\n"
            "RES = foster_care\n"
            "ADP = adopted\n"
            "OTH = other"
        ),
    },
}

CODE_HINT = _(
    'One a line: the case system\'s code, then "=", then one of: %(values)s. Our own '
    "words (as shown in Parent Charter) are understood without a line."
)


class ColumnMappingForm(forms.ModelForm):
    class Meta:
        model = ColumnMapping
        fields = MAPPING_FIELDS
        widgets = {
            "parent_role_codes": forms.Textarea(attrs={"rows": 4}),
            "living_arrangement_codes": forms.Textarea(attrs={"rows": 8}),
        }
        error_messages = {
            "system_name": {"required": _("Enter the name of the case system")},
            "parent_id_column": {
                "required": _("Enter the column that holds the case system's identifier")
            },
            "given_name_column": {"required": _("Enter the column that holds the first name")},
            "family_name_column": {"required": _("Enter the column that holds the last name")},
            "date_of_birth_column": {
                "required": _("Enter the column that holds the date of birth")
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent_role_codes"].help_text = CODE_HINT % {
            "values": ", ".join(ParentRole.values)
        }
        self.fields["living_arrangement_codes"].help_text = CODE_HINT % {
            "values": ", ".join(LivesWith.values)
        }
        for name, field in self.fields.items():
            if name.endswith("_column") or name == "system_name":
                field.widget.attrs.setdefault("class", "govuk-!-width-two-thirds")
                field.widget.attrs["spellcheck"] = "false"

    def _clean_codes(self, name: str, allowed: list[str]) -> str:
        text = self.cleaned_data.get(name, "")
        errors = code_line_errors(text, allowed)
        if errors:
            number, kind = errors[0]
            if kind == "form":
                message = _('Line %(line)s is not of the form "code = value"')
            else:
                message = _("Line %(line)s does not end in one of the values listed")
            raise forms.ValidationError(message % {"line": number})
        return text

    def clean_parent_role_codes(self):
        return self._clean_codes("parent_role_codes", ParentRole.values)

    def clean_living_arrangement_codes(self):
        return self._clean_codes("living_arrangement_codes", LivesWith.values)

    def clean(self):
        data = super().clean()
        children = [
            "child_id_column",
            "child_parent_id_column",
            "child_date_of_birth_column",
            "child_due_date_column",
        ]
        if any(data.get(name) for name in children):
            if not data.get("child_id_column"):
                self.add_error(
                    "child_id_column", _("Enter the column that holds the child's identifier")
                )
            if not data.get("child_parent_id_column"):
                self.add_error(
                    "child_parent_id_column",
                    _("Enter the column that holds the parent's identifier"),
                )
            if not data.get("child_date_of_birth_column") and not data.get("child_due_date_column"):
                self.add_error(
                    "child_date_of_birth_column",
                    _("Enter the column of the child's date of birth, or of the due date"),
                )
        return data


class CsvFileField(forms.FileField):
    """A CSV file, read into text (UTF-8, or Windows-1252 as Excel saves it)."""

    def clean(self, data, initial=None):
        uploaded = super().clean(data, initial)
        if not uploaded:
            return ""
        name = (uploaded.name or "").lower()
        if not name.endswith((".csv", ".txt")):
            raise forms.ValidationError(_("The selected file must be a CSV file"))
        if uploaded.size > MAX_FILE_BYTES:
            raise forms.ValidationError(_("The selected file must be smaller than 20 MB"))
        raw = uploaded.read()
        if b"\x00" in raw:
            raise forms.ValidationError(_("The selected file must be a CSV file"))
        text = decode(raw)
        if not text.strip():
            raise forms.ValidationError(_("The selected file is empty"))
        return text


class UploadForm(forms.Form):
    parents_file = CsvFileField(
        label=_("Parents' file"),
        required=False,
        help_text=_("A CSV file with one row for each parent."),
        widget=forms.FileInput(attrs={"accept": ".csv,text/csv"}),
    )
    children_file = CsvFileField(
        label=_("Children's file (optional)"),
        required=False,
        help_text=_(
            "A CSV file with one row for each child or expected baby, naming the parent's "
            "identifier. The parent can be in the parents' file or imported before."
        ),
        widget=forms.FileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("parents_file") and not data.get("children_file"):
            self.add_error("parents_file", _("Select a CSV file to import"))
        return data
