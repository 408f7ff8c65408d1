from django.apps import AppConfig


class ToolkitConfig(AppConfig):
    name = "toolkit"
    verbose_name = "Tool kit"
