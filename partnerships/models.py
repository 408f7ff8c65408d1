"""Industry sector partnerships and everything staff track about them."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from core.models import IndustryCluster, Organization, Region


class Scope(models.TextChoices):
    STATEWIDE = "statewide", "Statewide"
    REGIONAL = "regional", "Regional"


class Stage(models.TextChoices):
    EXPLORING = "exploring", "Exploring"
    LAUNCHING = "launching", "Launching"
    ACTIVE = "active", "Active"
    SUSTAINING = "sustaining", "Sustaining"
    INACTIVE = "inactive", "Inactive"


class SectorPartnership(models.Model):
    """Employers of one industry in a region (or statewide), convened with their education and community partners."""

    name = models.CharField(max_length=200)
    cluster = models.ForeignKey(IndustryCluster, on_delete=models.PROTECT, related_name="partnerships")
    scope = models.CharField(max_length=20, choices=Scope.choices, default=Scope.REGIONAL)
    regions = models.ManyToManyField(Region, blank=True, related_name="partnerships")
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.EXPLORING)
    convener = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="convened_partnerships"
    )
    staff_liaison = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    launch_date = models.DateField(null=True, blank=True)
    goals = models.TextField(blank=True)
    description = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partnerships:detail", args=[self.pk])
