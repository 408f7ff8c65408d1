"""Forms for partnerships and the records kept about them. Rendered with crispy-forms (Bootstrap 5).

Forms hold fields, widgets and input parsing; the rules are the models' (`clean`, which ModelForms run, and
SectorPartnership.regions_to_keep for the regions)."""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q

from core import roles
from core.models import Organization, User
from core.widgets import OrganizationPicker
from partnerships.models import (
    Action,
    Contact,
    Meeting,
    Membership,
    MetricCategory,
    MetricUnit,
    OutcomeMetric,
    SectorPartnership,
    SkillGap,
    Stage,
    SupportRecord,
    soc_code_validator,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
TEXT = forms.Textarea(attrs={"rows": 3})


def _members_and_convener(partnership):
    """Organisations that belong to the partnership now (and its convener), for pickers on its records."""
    return Organization.objects.filter(
        Q(partnership_memberships__partnership=partnership, partnership_memberships__left_on__isnull=True)
        | Q(pk=partnership.convener_id)
    ).distinct()


class PartnershipRegionsMixin:
    """Shows the rule on a partnership's regions (SectorPartnership.regions_to_keep) on the regions field."""

    def clean(self):
        data = super().clean()
        if "regions" in data:
            self.instance.scope = data.get("scope")
            try:
                data["regions"] = self.instance.regions_to_keep(data["regions"])
            except ValidationError as error:
                self.add_error(None, error)
        return data


class PartnershipAdminForm(PartnershipRegionsMixin, forms.ModelForm):
    """The Django admin's partnership form, keeping the regions rule as the site's form does."""

    class Meta:
        model = SectorPartnership
        fields = ["name", "cluster", "scope", "regions", "convener", "staff_liaison", "launch_date", "stage"]


class PartnershipForm(PartnershipRegionsMixin, forms.ModelForm):
    """Staff create and edit a partnership's identity; its stage moves only through the stage form."""

    class Meta:
        model = SectorPartnership
        fields = [
            "name",
            "cluster",
            "scope",
            "regions",
            "convener",
            "staff_liaison",
            "launch_date",
            "goals",
            "description",
        ]
        widgets = {
            "regions": forms.CheckboxSelectMultiple,
            "convener": OrganizationPicker(),
            "launch_date": DATE,
            "goals": TEXT,
            "description": TEXT,
        }
        help_texts = {
            "regions": "For a regional partnership, the regions it serves.",
            "convener": "The organisation that convenes the partnership; its users may edit the partnership's records.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff_liaison"].queryset = User.objects.filter(
            Q(groups__name=roles.PROGRAM_STAFF) | Q(is_superuser=True), is_active=True
        ).distinct()


class StageChangeForm(forms.Form):
    to_stage = forms.ChoiceField(label="Move to stage")
    note = forms.CharField(required=False, widget=TEXT, help_text="Why the partnership moves, for the history.")

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_stage"].choices = [(s, Stage(s).label) for s in partnership.allowed_next_stages()]


class PartnershipChildForm(forms.ModelForm):
    """A form for one of a partnership's records; pickers are limited to that partnership's own rows."""

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        self.instance.partnership = partnership


class MembershipForm(PartnershipChildForm):
    class Meta:
        model = Membership
        fields = ["organization", "role", "joined_on", "left_on", "notes"]
        widgets = {"organization": OrganizationPicker(), "joined_on": DATE, "left_on": DATE, "notes": TEXT}
        help_texts = {"left_on": "Leave empty while the organisation is a member."}


class ContactForm(PartnershipChildForm):
    class Meta:
        model = Contact
        fields = ["organization", "name", "title", "email", "phone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = _members_and_convener(self.partnership)
        self.fields["organization"].help_text = "Contacts work at a member organisation (or the convener)."


class MeetingForm(PartnershipChildForm):
    class Meta:
        model = Meeting
        fields = ["kind", "title", "starts_at", "format", "place", "link", "agenda", "minutes", "attendees"]
        widgets = {
            "starts_at": DATETIME,
            "agenda": forms.Textarea(attrs={"rows": 6}),
            "minutes": forms.Textarea(attrs={"rows": 6}),
            "attendees": forms.CheckboxSelectMultiple,
        }
        labels = {"starts_at": "Date and time", "format": "In person or virtual"}
        help_texts = {"attendees": "Tick the contacts who came."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = self.partnership.contacts.select_related("organization")


def occupation_model():
    """The tool kit's Occupation model, read when its labor-market data is loaded."""
    from toolkit.models import Occupation

    return Occupation


class SkillGapForm(PartnershipChildForm):
    """The occupation is picked from the tool kit's occupations when they are loaded, or typed as a SOC code."""

    occupation = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label="Occupation",
        help_text="Pick the occupation, or type its SOC code below if it is not listed.",
    )

    class Meta:
        model = SkillGap
        fields = ["occupation", "soc_code", "occupation_title", "description", "horizon", "status", "priority"]
        widgets = {"description": TEXT}
        labels = {"occupation_title": "Occupation title"}
        help_texts = {"soc_code": "Format NN-NNNN, for example 51-4041."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        occupations = occupation_model().objects.detailed()
        if occupations.exists():
            self.fields["occupation"].queryset = occupations
            if self.instance.soc_code:
                self.initial["occupation"] = occupations.filter(soc_code=self.instance.soc_code).first()
        else:
            del self.fields["occupation"]
        self.fields["soc_code"].required = False

    def clean(self):
        data = super().clean()
        occupation = data.get("occupation")
        if occupation:
            data["soc_code"] = occupation.soc_code
            data["occupation_title"] = occupation.title
            self.instance.soc_code = occupation.soc_code
            self.instance.occupation_title = occupation.title
            self.errors.pop("soc_code", None)
            return data
        code = (data.get("soc_code") or "").strip()
        if not code and "soc_code" not in self.errors:
            self.add_error("soc_code", "Pick an occupation or enter its SOC code (NN-NNNN).")
        elif code and not data.get("occupation_title"):
            known = occupation_model().objects.filter(soc_code=code).first()
            if known:
                data["occupation_title"] = known.title
                self.instance.occupation_title = known.title
        return data

    def clean_soc_code(self):
        code = (self.cleaned_data.get("soc_code") or "").strip()
        if code:
            soc_code_validator(code)
        return code


class ActionForm(PartnershipChildForm):
    class Meta:
        model = Action
        fields = [
            "title",
            "category",
            "description",
            "skill_gaps",
            "meeting",
            "owner",
            "due_on",
            "status",
            "completed_on",
        ]
        widgets = {
            "description": TEXT,
            "due_on": DATE,
            "completed_on": DATE,
            "skill_gaps": forms.CheckboxSelectMultiple,
        }
        labels = {"category": "Expected outcome", "owner": "Owner organisation", "meeting": "Follow-up of meeting"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["skill_gaps"].queryset = self.partnership.skill_gaps.all()
        self.fields["meeting"].queryset = self.partnership.meetings.all()
        self.fields["owner"].queryset = _members_and_convener(self.partnership)


class OutcomeReportForm(forms.Form):
    """One value per active metric of the Outcomes Template, and the narrative."""

    successes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}))
    challenges = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}))
    next_steps = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}), label="Next steps")

    def __init__(self, *args, metrics, report=None, **kwargs):
        if report is not None and "initial" not in kwargs:
            initial = {"successes": report.successes, "challenges": report.challenges, "next_steps": report.next_steps}
            initial.update({f"metric_{v.metric_id}": v.value for v in report.values.all()})
            kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        self.metrics = list(metrics)
        metric_fields = {}
        for metric in self.metrics:
            metric_fields[f"metric_{metric.pk}"] = forms.DecimalField(
                label=f"{metric.name} ({metric.get_unit_display().lower()})",
                required=False,
                min_value=0,
                max_value=100 if metric.unit == MetricUnit.PERCENT else None,
                max_digits=14,
                decimal_places=2,
                help_text=metric.description,
            )
        self.fields = {**metric_fields, **self.fields}

    def metric_groups(self):
        """[(category label, [bound field, ...])] in the Outcomes Template's order: progress to impact."""
        groups = {}
        for metric in self.metrics:
            groups.setdefault(metric.get_category_display(), []).append(self[f"metric_{metric.pk}"])
        order = [label for _, label in MetricCategory.choices]
        return sorted(groups.items(), key=lambda item: order.index(item[0]))

    def metric_values(self):
        return {metric: self.cleaned_data.get(f"metric_{metric.pk}") for metric in self.metrics}

    def narrative(self):
        return {name: self.cleaned_data.get(name, "") for name in ("successes", "challenges", "next_steps")}


class OutcomeReportStartForm(forms.Form):
    """Pick the half-year to report on; `periods` are ReportingPeriods, saved or not (the choice is its start day)."""

    period = forms.TypedChoiceField(label="Half-year", coerce=date.fromisoformat)

    def __init__(self, *args, periods, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = [("", "---------")] + [(p.start.isoformat(), p.label) for p in periods]


class ReviewForm(forms.Form):
    comments = forms.CharField(
        required=False, widget=TEXT, help_text="Required when you return a report: say what to change."
    )


class PriorityDesignationForm(forms.Form):
    rationale = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), help_text="Why this partnership is a priority."
    )


class SupportRecordForm(PartnershipChildForm):
    class Meta:
        model = SupportRecord
        fields = ["kind", "provided_on", "provided_by", "description"]
        widgets = {"provided_on": DATE, "provided_by": OrganizationPicker(), "description": TEXT}


class OutcomeMetricForm(forms.ModelForm):
    class Meta:
        model = OutcomeMetric
        fields = ["name", "code", "unit", "category", "audience", "description", "position", "is_active"]
        widgets = {"description": TEXT}


class LaunchMeetingForm(forms.Form):
    """The date and place that fill the sample agenda and invitations, and the launch meeting made from them."""

    starts_at = forms.DateTimeField(label="Date and time", widget=DATETIME)
    place = forms.CharField(required=False, max_length=255, help_text="Address or room for a meeting in person.")
    link = forms.URLField(required=False, help_text="Video call link, for a virtual meeting.")

    def clean(self):
        data = super().clean()
        place, link = data.get("place", ""), data.get("link", "")
        if "link" not in self.errors:
            meeting = Meeting(format=Meeting.format_for(place=place, link=link), place=place, link=link)
            try:
                meeting.clean()  # the meeting's own rules, as meeting_create_from_agenda will check them
            except ValidationError as error:
                self.add_error(None, error)
        return data
