"""Factories for report rows. Reports that need a file are built through reports.services instead."""

import factory

from core.testing.factories import StaffUserFactory
from reports.models import Report, ReportFormat, ScheduledReport


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Report

    kind = "organisations"
    parameters = factory.Dict({})
    format = ReportFormat.XLSX
    requested_by = factory.SubFactory(StaffUserFactory)


class ScheduledReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ScheduledReport

    name = factory.Sequence(lambda n: f"Schedule {n}")
    kind = "organisations"
    format = ReportFormat.CSV
