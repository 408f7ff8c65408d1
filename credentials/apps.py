from django.apps import AppConfig
from django.db.backends.signals import connection_created

# Word similarity needed for a title word to count as a typo-tolerant match (pg_trgm's default is 0.6, which misses
# a single swapped pair of letters in an eight-letter word such as "secuirty").
WORD_SIMILARITY_THRESHOLD = 0.5


def set_trigram_threshold(sender, connection, **kwargs):
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET pg_trgm.word_similarity_threshold = %s", [WORD_SIMILARITY_THRESHOLD])


class CredentialsConfig(AppConfig):
    name = "credentials"
    verbose_name = "Credentials"

    def ready(self):
        connection_created.connect(set_trigram_threshold, dispatch_uid="credentials_trigram_threshold")

        from core.remembered import forget_when_changed
        from credentials.models import Application, Award, ReimbursementClaim

        # The round list's and the dashboard's remembered totals (core.remembered.remember) are read from these.
        forget_when_changed(Application, Award, ReimbursementClaim)
