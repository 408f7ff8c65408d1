"""Forms for accounts (self-registration of an organisation, invitations, and accepting one), the one way every
page shows a service's refusal on its form (`add_service_errors`), and the one way every form's text fields state and
enforce their length (`LengthLimitedBoundField`, used by every form through `PortalFormRenderer`)."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout, Submit
from django import forms
from django.contrib import messages
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates

from core.models import County, Organization, OrganizationKind
from core.services import DUPLICATE_EIN


def length_limit_help(limit):
    """The sentence a text field's help text ends with when the field takes at most `limit` characters."""
    return f"At most {limit} characters."


def length_limit_message():
    """The plain-words refusal of too long a text (Django's max_length message, reworded)."""
    return "This is too long: use at most %(limit_value)d characters (it has %(show_value)d)."


class LengthLimitedBoundField(BoundField):
    """A field as every portal form shows it. A text field with a maximum length says so in its help text ("At most
    N characters"), carries the limit as `data-maxlength` (static/js/portal.js counts live) instead of the browser's
    `maxlength`, which silently cuts pasted text, and the server refuses a longer text with a message on the field.
    The field is the form's own copy (forms deep-copy their base fields), so changing it here touches no other form.
    """

    def __init__(self, form, field, name):
        super().__init__(form, field, name)
        limit = getattr(field, "max_length", None)
        if limit and isinstance(field, forms.CharField) and not field.widget.is_hidden:
            attrs = field.widget.attrs
            attrs.pop("maxlength", None)
            attrs["data-maxlength"] = str(limit)
            note = length_limit_help(limit)
            if note not in str(field.help_text or ""):
                field.help_text = f"{field.help_text} {note}".strip() if field.help_text else note
            self.help_text = field.help_text
            field.error_messages.setdefault("max_length", length_limit_message())


class PortalFormRenderer(DjangoTemplates):
    """The project's form renderer (settings.FORM_RENDERER): Django's templates, with every form's fields bound as
    `LengthLimitedBoundField`, so no form has to remember the length rule."""

    bound_field_class = LengthLimitedBoundField


def add_service_errors(form, error):
    """Show a service's refusal on the form: each field's messages on that field when the form has it, every other
    message above the form (non-field). `error` is a ValidationError, or a refusal that names at most one field in
    its `field` attribute (core.services.RegistrationError); a plain exception's text goes above the form."""
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    elif isinstance(error, ValidationError):
        form.add_error(None, error.messages)
    else:
        field = getattr(error, "field", None)
        form.add_error(field if field in form.fields else None, str(error))


def service_error_messages(error):
    """Every message of a service's refusal, in order, for a page with no form to put them on."""
    if isinstance(error, ValidationError):
        return list(error.messages)
    return [str(error)]


def flash_service_errors(request, error):
    """Show a refusal of a button with no form (approve, pay, submit) as messages on the page it redirects to."""
    for message in service_error_messages(error):
        messages.error(request, message)


class PasswordPairMixin(forms.Form):
    password1 = forms.CharField(
        label="Password",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label="Password again", widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def clean_password2(self):
        password1 = self.cleaned_data.get("password1")
        password2 = self.cleaned_data.get("password2")
        if password1 and password2 and password1 != password2:
            raise forms.ValidationError("The two passwords differ.")
        if password2:
            password_validation.validate_password(password2)
        return password2


class RegistrationForm(PasswordPairMixin, forms.ModelForm):
    """An employer or provider registers its organisation and its first user in one form."""

    kind = forms.ChoiceField(
        label="We are",
        choices=[
            (OrganizationKind.EMPLOYER, "An employer"),
            (OrganizationKind.PROVIDER, "An education or training provider"),
        ],
        widget=forms.RadioSelect,
    )
    first_name = forms.CharField(max_length=150)
    last_name = forms.CharField(max_length=150)
    email = forms.EmailField(help_text="You will log in with this address.")

    class Meta:
        model = Organization
        fields = ["kind", "name", "ein", "county", "employee_count", "naics_code", "address", "website"]
        labels = {"name": "Organisation name", "employee_count": "Number of employees"}
        help_texts = {
            "ein": "Your federal Employer Identification Number, NN-NNNNNNN. Each organisation registers once.",
            "employee_count": "Decides your size class: 1–50 small, 51–200 medium, 201 or more large.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["county"].queryset = County.objects.order_by("name")
        self.fields["county"].required = True
        self.fields["ein"].required = True
        self.fields["employee_count"].required = True
        self.fields["employee_count"].widget.attrs["min"] = 1
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Fieldset(
                "Your organisation",
                "kind",
                "name",
                "ein",
                "county",
                "employee_count",
                "naics_code",
                "address",
                "website",
            ),
            Fieldset("You", "first_name", "last_name", "email", "password1", "password2"),
            Submit("submit", "Register"),
        )

    def clean_ein(self):
        # Checked here so the message lands on the field; organization_register checks again under a lock.
        ein = self.cleaned_data["ein"]
        if Organization.objects.filter(ein=ein).exists():
            raise forms.ValidationError(DUPLICATE_EIN)
        return ein

    def clean_email(self):
        return self.cleaned_data["email"].lower()

    def clean_employee_count(self):
        # An organisation without a single employee cannot train one: zero is a slip, not a size class.
        count = self.cleaned_data["employee_count"]
        if count == 0:
            raise forms.ValidationError("Enter the number of people you employ: at least 1, counting yourself.")
        return count


class InvitationForm(forms.Form):
    email = forms.EmailField(label="Colleague's email address")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "Send invitation"))


class InvitationAcceptForm(PasswordPairMixin, forms.Form):
    first_name = forms.CharField(max_length=150)
    last_name = forms.CharField(max_length=150)

    field_order = ["first_name", "last_name", "password1", "password2"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "Create my account"))
