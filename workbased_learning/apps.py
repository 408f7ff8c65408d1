from django.apps import AppConfig


class WorkbasedLearningConfig(AppConfig):
    name = "workbased_learning"
    verbose_name = "Work-based learning"
