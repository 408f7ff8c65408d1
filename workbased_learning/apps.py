from django.apps import AppConfig


class WorkbasedLearningConfig(AppConfig):
    name = "workbased_learning"
    verbose_name = "Work-based learning"

    def ready(self):
        from core.remembered import forget_when_changed
        from workbased_learning.models import Placement, TimeEntry

        # The dashboard's and the staff overview's remembered figures (core.remembered.remember) are read from these.
        forget_when_changed(Placement, TimeEntry)
