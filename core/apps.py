from django.apps import AppConfig
from django.db.backends.signals import connection_created


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self):
        from core.search import set_trigram_threshold

        connection_created.connect(set_trigram_threshold, dispatch_uid="portal_trigram_threshold")
