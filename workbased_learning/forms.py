"""Forms of work-based learning: fields, widgets and input parsing. The rules are the models' (clean methods, which
ModelForms run) and the services' (called here only for a rule across rows that a form must show on its field)."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q

from core.models import Organization, OrganizationKind
from core.widgets import OrganizationPicker
from credentials.models import Credential
from partnerships.models import SectorPartnership
from partnerships.pickers import PartnershipPicker
from workbased_learning import services
from workbased_learning.models import (
    Competency,
    CTEProgram,
    Opportunity,
    Rating,
    TimeEntry,
)
from workbased_learning.pickers import ProgramPicker

GRADE_CHOICES = [(grade, f"Grade {grade}") for grade in range(9, 15)]


def _helper(label):
    helper = FormHelper()
    helper.add_input(Submit("submit", label))
    return helper


class DateInput(forms.DateInput):
    input_type = "date"


class CTEProgramForm(forms.ModelForm):
    """A provider's CTE program. Only staff may mark a program state-approved; staff also pick the provider."""

    grade_levels = forms.TypedMultipleChoiceField(
        choices=GRADE_CHOICES, coerce=int, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = CTEProgram
        fields = [
            "provider",
            "name",
            "career_field",
            "pathway",
            "state_approved",
            "grade_levels",
            "county",
            "competencies",
        ]
        widgets = {
            "provider": OrganizationPicker(kinds=[OrganizationKind.PROVIDER]),
            "competencies": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("Save program")
        self.fields["competencies"].queryset = Competency.objects.all()
        self.fields["competencies"].help_text = "The state standards the program aligns to."
        if user.is_program_staff:
            self.fields["provider"].queryset = Organization.objects.providers()
        else:
            del self.fields["provider"]
            self.fields["state_approved"].disabled = True
            self.fields["state_approved"].help_text = "Set by program staff once the state approves the program."


OPPORTUNITY_FIELDS = [
    "host", "title", "description", "type", "modality", "remote_supervision", "meeting_frequency", "paid",
    "hourly_wage", "hours_target", "capacity", "provider", "programs", "competencies", "partnership", "cluster",
    "status",
]  # fmt: skip


class OpportunityCompetenciesMixin:
    """Shows the opportunity's rule across rows (its competencies are its programs' standards) on the form."""

    def clean(self):
        data = super().clean()
        try:
            services.opportunity_check_competencies(
                programs=data.get("programs"), competencies=data.get("competencies")
            )
        except ValidationError as error:
            self.add_error(None, error)
        return data


class OpportunityAdminForm(OpportunityCompetenciesMixin, forms.ModelForm):
    """The Django admin's opportunity form: the model's own rules and the competencies rule, as on the site."""

    class Meta:
        model = Opportunity
        fields = [*OPPORTUNITY_FIELDS, "created_by"]  # the admin lays out its own fieldsets over these


class OpportunityForm(OpportunityCompetenciesMixin, forms.ModelForm):
    """An opportunity a host employer offers. Staff also pick the host. The partnership is one the user belongs to
    (services.opportunity_check_choices re-checks it on save)."""

    def clean(self):
        data = super().clean()
        try:
            services.opportunity_check_choices(
                user=self.user, instance=self.instance, partnership=data.get("partnership")
            )
        except ValidationError as error:
            self.add_error("partnership", error)
        return data

    class Meta:
        model = Opportunity
        fields = OPPORTUNITY_FIELDS
        widgets = {
            "host": OrganizationPicker(kinds=[OrganizationKind.EMPLOYER]),
            "provider": OrganizationPicker(kinds=[OrganizationKind.PROVIDER]),
            "competencies": forms.CheckboxSelectMultiple,
            "programs": ProgramPicker(),
            "partnership": PartnershipPicker(),
        }
        help_texts = {
            "hours_target": "Hours the learner is expected to work; progress counts approved hours against it.",
            "hourly_wage": "Required when the opportunity is paid, in dollars per hour.",
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("Save opportunity")
        self.user = user
        self.fields["provider"].queryset = Organization.objects.providers()
        # Only a partnership the user belongs to (or the one already recorded, so an old link does not block edits).
        visible = SectorPartnership.objects.visible_to(user).values("pk")
        self.fields["partnership"].queryset = SectorPartnership.objects.filter(
            Q(pk__in=visible) | Q(pk=self.instance.partnership_id)
        )
        self.fields["programs"].queryset = CTEProgram.objects.all()
        self.fields["competencies"].queryset = Competency.objects.all()
        self.fields["competencies"].help_text = "Pick from the standards of the CTE programs chosen above."
        if user.is_program_staff:
            self.fields["host"].queryset = Organization.objects.employers()
        else:
            del self.fields["host"]


class PlacementForm(forms.Form):
    """A provider places one learner of its programs."""

    program = forms.ModelChoiceField(CTEProgram.objects.none(), label="CTE program the learner is enrolled in")
    learner_ref = forms.CharField(
        label="Learner id", max_length=50, help_text="Your pseudonymous id for the learner. Never a name."
    )
    learner_birth_date = forms.DateField(label="Learner's date of birth", widget=DateInput)
    # No grade is chosen until the provider picks one: a preselected first grade would be recorded unasked.
    learner_grade = forms.TypedChoiceField(
        label="Learner's grade",
        choices=[("", "Choose the learner's grade")] + GRADE_CHOICES,
        coerce=int,
        empty_value=None,
        error_messages={"required": "Choose the learner's grade."},
    )
    start_date = forms.DateField(widget=DateInput)
    end_date = forms.DateField(widget=DateInput)
    supervisor = forms.ModelChoiceField(
        queryset=None, help_text="The host employer's user who signs off the learner's hours."
    )

    def __init__(self, *args, programs, supervisors, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("Place learner")
        self.fields["program"].queryset = programs
        self.fields["supervisor"].queryset = supervisors
        self.fields["supervisor"].label_from_instance = lambda user: f"{user} ({user.email})"


class TimeEntryForm(forms.ModelForm):
    class Meta:
        model = TimeEntry
        fields = ["date", "hours", "setting", "activities"]
        widgets = {"date": DateInput, "activities": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("Log hours")


class SupervisorForm(forms.Form):
    supervisor = forms.ModelChoiceField(queryset=None, help_text="Who signs off the learner's hours from now on.")

    def __init__(self, *args, supervisors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supervisor"].queryset = supervisors
        self.fields["supervisor"].label_from_instance = lambda user: f"{user} ({user.email})"


class TimeEntryDecisionForm(forms.Form):
    note = forms.CharField(max_length=500, required=False, label="Note (required to reject)")


class EvaluationForm(forms.Form):
    """One rating per competency the opportunity addresses, comments and the credential earned."""

    comments = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    credential = forms.ModelChoiceField(
        Credential.objects.order_by("title"),
        required=False,
        label="Credential earned",
        help_text="If the learner earned an industry credential during the placement.",
    )

    def __init__(self, *args, competencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("Submit evaluation and complete placement")
        self.competencies = list(competencies)
        for competency in self.competencies:
            self.fields[f"rating_{competency.pk}"] = forms.TypedChoiceField(
                label=str(competency), choices=Rating.choices, coerce=int, widget=forms.RadioSelect
            )
        self.order_fields([f"rating_{c.pk}" for c in self.competencies] + ["comments", "credential"])

    def ratings(self):
        return {c.pk: self.cleaned_data[f"rating_{c.pk}"] for c in self.competencies}


class IncentiveApplicationForm(forms.Form):
    """Wages paid to each learner the employer hosted in the year; blank leaves the learner off the claim."""

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = candidates
        for candidate in candidates:
            self.fields[f"wages_{candidate.placement.pk}"] = forms.DecimalField(
                label=f"Wages paid to {candidate.placement.learner_ref}",
                max_digits=12,
                decimal_places=2,
                min_value=0,
                required=False,
            )

    def wages(self):
        return {c.placement.pk: self.cleaned_data.get(f"wages_{c.placement.pk}") for c in self.candidates}

    def add_learner_errors(self, reasons):
        for placement_pk, failed in reasons.items():
            self.add_error(f"wages_{placement_pk}", failed)

    def rows(self):
        """(candidate, bound field) pairs for the template's table."""
        return [(c, self[f"wages_{c.placement.pk}"]) for c in self.candidates]


class IncentiveDecisionForm(forms.Form):
    """Approve or deny each learner on an application."""

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = list(lines)
        for line in self.lines:
            self.fields[f"decision_{line.pk}"] = forms.TypedChoiceField(
                label=f"Decision for {line.placement.learner_ref}",
                choices=[("approve", "Approve"), ("deny", "Deny")],
                widget=forms.RadioSelect,
                initial="approve",
            )
            self.fields[f"note_{line.pk}"] = forms.CharField(
                label=f"Note for {line.placement.learner_ref}", max_length=500, required=False
            )

    def clean(self):
        data = super().clean()
        for line in self.lines:
            if data.get(f"decision_{line.pk}") == "deny" and not (data.get(f"note_{line.pk}") or "").strip():
                self.add_error(f"note_{line.pk}", "Say why this learner is denied.")
        return data

    def decisions(self):
        return {line.pk: self.cleaned_data[f"decision_{line.pk}"] == "approve" for line in self.lines}

    def notes(self):
        return {line.pk: self.cleaned_data.get(f"note_{line.pk}", "") for line in self.lines}

    def rows(self):
        return [(line, self[f"decision_{line.pk}"], self[f"note_{line.pk}"]) for line in self.lines]
