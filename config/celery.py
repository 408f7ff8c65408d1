"""The Celery application: settings come from Django's settings under the CELERY_ namespace.

Every task is Celery's Django task (`delay_on_commit`); tasks that run a job row use core.jobs.JobTask on top of it.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("portal", task_cls="celery.contrib.django.task:DjangoTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
