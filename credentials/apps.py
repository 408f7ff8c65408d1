from django.apps import AppConfig


class CredentialsConfig(AppConfig):
    name = "credentials"
    verbose_name = "Credentials"

    def ready(self):
        from core.remembered import forget_when_changed
        from credentials.models import Application, Award, ReimbursementClaim

        # The round list's and the dashboard's remembered totals (core.remembered.remember) are read from these.
        forget_when_changed(Application, Award, ReimbursementClaim)
