"""Forms of the credential program (crispy, Bootstrap 5). Forms carry the fields and parse input; the rules are the
models' (clean methods and validators, which ModelForms run) and the services'."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.template.loader import render_to_string
from django.utils import timezone

from core.money import format_money
from core.validators import FileContentValidator
from core.widgets import Picker
from credentials.models import (
    REVIEW_SCORE_HIGHEST,
    REVIEW_SCORE_LOWEST,
    ApplicationLine,
    Award,
    Category,
    ClaimLine,
    Credential,
    CredentialProposal,
    FundingRound,
    ProposalReview,
    default_close_at,
    ssn_last4_validator,
)

DATE = forms.DateInput(attrs={"type": "date"})


class _CrispyMixin:
    submit_label = "Save"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", self.submit_label))


class CredentialImportForm(_CrispyMixin, forms.Form):
    submit_label = "Import"
    file = forms.FileField(help_text="A CSV or XLSX file with a header row; see the columns listed above.")


class ProposalForm(_CrispyMixin, forms.ModelForm):
    submit_label = "Send the proposal"

    class Meta:
        model = CredentialProposal
        fields = [
            "title",
            "issuing_body",
            "category",
            "technology_evidence",
            "recognition_evidence",
            "typical_cost",
            "typical_training_hours",
            "training_provider",
        ]
        labels = {"category": "Technology category (if you know it)"}
        widgets = {
            "technology_evidence": forms.Textarea(attrs={"rows": 3}),
            "recognition_evidence": forms.Textarea(attrs={"rows": 3}),
        }


class ProposalReviewForm(_CrispyMixin, forms.ModelForm):
    submit_label = "Save my review"

    class Meta:
        model = ProposalReview
        fields = ["score", "comment"]
        widgets = {
            "score": forms.NumberInput(attrs={"min": REVIEW_SCORE_LOWEST, "max": REVIEW_SCORE_HIGHEST}),
            "comment": forms.Textarea(attrs={"rows": 2}),
        }


class ProposalApproveForm(_CrispyMixin, forms.Form):
    submit_label = "Approve and add to the catalog"
    category = forms.ModelChoiceField(queryset=Category.objects.all())
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)


class ReasonForm(_CrispyMixin, forms.Form):
    submit_label = "Decline"
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), help_text="The employer sees this.")


class CredentialPicker(Picker):
    """An eligible credential picked by typing its name, issuer or a skill (the catalog's ranked, typo-tolerant
    search), with what the application's round pays for each option."""

    choices_url_name = "credentials:credential_choices"
    placeholder = "for example: security plus, CNC, AWS"
    nothing_chosen = "No credential chosen yet."

    def __init__(self, attrs=None, round=None):
        super().__init__(attrs)
        self.round = round

    def chosen_rows(self, ids):
        return Credential.objects.filter(pk__in=ids)

    def prepare(self, credentials):
        today = timezone.localdate()
        for credential in credentials:
            credential.verdict = credential.eligibility(round=self.round, today=today)
        return credentials

    def label(self, credential):
        return credential.title

    def summary(self, credential):
        return render_to_string("credentials/partials/credential_choice_summary.html", {"credential": credential})

    def params(self):
        return {"round": str(self.round.pk)} if self.round else {}


class ApplicationLineForm(_CrispyMixin, forms.ModelForm):
    submit_label = "Save the line"

    class Meta:
        model = ApplicationLine
        fields = [
            "credential",
            "training_provider",
            "cost_per_employee",
            "employees",
            "amount_requested_per_employee",
            "wage_before",
            "wage_after",
            "training_start",
            "training_end",
        ]
        widgets = {"training_start": DATE, "training_end": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        credential = self.fields["credential"]
        credential.queryset = Credential.objects.eligible()
        application = self.instance.application if self.instance.application_id else None
        credential.widget = CredentialPicker(round=application.round if application else None)
        credential.help_text = "Type part of its name, issuer or a skill, then pick it from the list."
        credential.error_messages.update(
            required="Choose the credential: type part of its name and pick it from the list.",
            invalid_choice=(
                "This credential is not on the list of eligible credentials (it may have been retired): "
                "choose another one from the list."
            ),
        )


class AwardForm(_CrispyMixin, forms.Form):
    """One amount per line, pre-filled with the full request."""

    submit_label = "Award"

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = lines
        for line in lines:
            self.fields[f"line_{line.pk}"] = forms.DecimalField(
                label=f"{line.credential.title} ({line.employees} × ${line.amount_requested_per_employee})",
                max_digits=12,
                decimal_places=2,
                min_value=0,
                initial=line.amount_requested,
                help_text=f"Requested {format_money(line.amount_requested)}. Enter 0 to leave the line unfunded.",
            )

    def amounts(self):
        return {line.pk: self.cleaned_data[f"line_{line.pk}"] for line in self.lines}


class ClaimForm(_CrispyMixin, forms.Form):
    submit_label = "Submit the claim"
    proof = forms.FileField(
        label="Proof (one PDF)",
        validators=[FileContentValidator(kinds=("pdf",), max_bytes=10 * 1024 * 1024)],
        help_text="The credential, the invoice and proof of payment in one PDF, 10 MB at most.",
    )


class ClaimLineForm(forms.ModelForm):
    class Meta:
        model = ClaimLine
        fields = [
            "award",
            "employee_name",
            "ssn_last4",
            "new_hire",
            "date_of_birth",
            "date_earned",
            "wage_after",
            "amount",
        ]
        labels = {
            "award": "Credential",
            "new_hire": "New hire",
            "date_of_birth": "Date of birth (new hires only)",
            "ssn_last4": "SSN last 4",
        }
        widgets = {
            "date_of_birth": DATE,
            "date_earned": DATE,
            "ssn_last4": forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 4, "autocomplete": "off"}),
        }

    def __init__(self, *args, awards=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award"].queryset = awards if awards is not None else Award.objects.none()
        self.fields["award"].error_messages["invalid_choice"] = "Choose one of the credentials awarded to you."
        self.fields["award"].label_from_instance = lambda a: (
            f"{a.line.credential.title} (award {format_money(a.amount)})"
        )
        self.fields["ssn_last4"].validators = [ssn_last4_validator]


# A claim lists at most this many employees; the page starts with one row and grows with "Add another employee".
CLAIM_ROWS_MAX = 100


class BaseClaimLineFormSet(forms.BaseFormSet):
    """The claim's employee rows: one to start with, more added in the page (static/js/portal.js clones the empty
    row) or, without JavaScript, asked for with `rows` (the page's "more rows" link). The formset's messages are the
    portal's words, not the framework's."""

    default_error_messages = {
        "missing_management_form": "The page arrived incomplete. Reload it and enter the employees again.",
        "too_few_forms": "Add at least one employee who earned the credential.",
        "too_many_forms": f"A claim lists at most {CLAIM_ROWS_MAX} employees; claim for the others separately.",
    }

    def __init__(self, *args, awards=None, rows=None, **kwargs):
        self.awards = awards
        if rows:
            # Rows beyond the first, which is always there (min_num).
            self.extra = max(0, min(rows, CLAIM_ROWS_MAX) - self.min_num)
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "awards": self.awards}


ClaimLineFormSet = forms.formset_factory(
    ClaimLineForm,
    formset=BaseClaimLineFormSet,
    extra=0,
    min_num=1,
    validate_min=True,
    max_num=CLAIM_ROWS_MAX,
    validate_max=True,
    absolute_max=CLAIM_ROWS_MAX,
)


class ClaimResubmitForm(_CrispyMixin, forms.Form):
    submit_label = "Resubmit"
    proof = ClaimForm.base_fields["proof"]


SCORING_WEIGHTS = ["wage_gain_points", "distress_points", "employer_share_points", "full_employer_share"]


class FundingRoundForm(_CrispyMixin, forms.ModelForm):
    """A round is entered by its first and last day; it opens at 9 a.m. and closes at 3 p.m. Eastern by default."""

    submit_label = "Save the round"
    first_day = forms.DateField(widget=DATE)
    last_day = forms.DateField(widget=DATE, help_text="Applications close at the time below on this day (Eastern).")
    close_hour = forms.IntegerField(
        initial=15, min_value=0, max_value=23, label="Closing hour", help_text="24-hour clock; 15 is 3 p.m."
    )

    class Meta:
        model = FundingRound
        fields = [
            "name",
            "total_budget",
            "per_credential_cap",
            "per_employer_round_cap",
            "per_employer_fiscal_year_cap",
            "training_window_months",
            "claim_window_days",
            *SCORING_WEIGHTS,
        ]

    field_order = ["name", "first_day", "last_day", "close_hour"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault("first_day", timezone.localdate(self.instance.opens_at))
            self.initial.setdefault("last_day", timezone.localdate(self.instance.closes_at))
            self.initial.setdefault("close_hour", timezone.localtime(self.instance.closes_at).hour)
        for name in SCORING_WEIGHTS:
            # Left empty, a weight keeps its value (the state's default for a new round).
            self.fields[name].required = False

    def clean(self):
        cleaned = super().clean()
        for name in SCORING_WEIGHTS:
            if cleaned.get(name) is None and name not in self.errors:
                cleaned[name] = getattr(self.instance, name)
        first, last, hour = cleaned.get("first_day"), cleaned.get("last_day"), cleaned.get("close_hour")
        if first and last:
            if last < first:
                self.add_error("last_day", "The last day cannot be before the first day.")
            elif hour is not None:  # hour 0 is midnight, a closing hour like any other
                self.instance.opens_at = default_close_at(first, hour=9)
                self.instance.closes_at = default_close_at(last, hour=hour)
        return cleaned
