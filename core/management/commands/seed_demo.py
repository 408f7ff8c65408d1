"""Loads the demo data: reference data, then each app's `demo.seed()` from the lowest floor up.

Idempotent: running it again updates the demo rows instead of adding more. Refuses to run with DJANGO_DEBUG off
unless --force is given, so a production database is not filled with demo accounts by accident.
"""

from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import module_has_submodule

from core import reference


class Command(BaseCommand):
    help = "Load the demo data (idempotent). Refuses to run when DJANGO_DEBUG is off unless --force is given."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Run even though DJANGO_DEBUG is off.")

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError("DJANGO_DEBUG is off: this looks like production. Add --force to seed demo data anyway.")
        with transaction.atomic():
            reference.load(apps)
            for app_config in apps.get_app_configs():
                if module_has_submodule(app_config.module, "demo"):
                    import_module(f"{app_config.name}.demo").seed(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data is loaded."))
