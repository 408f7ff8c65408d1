"""The reimbursable tech-credential catalog and the program around it."""

from django.db import models
from django.urls import reverse


class Category(models.Model):
    """A technology category that groups credentials (for example Cybersecurity)."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "categories"

    def __str__(self):
        return self.name


class CredentialStatus(models.TextChoices):
    ELIGIBLE = "eligible", "Eligible"
    RETIRED = "retired", "Retired"


class Credential(models.Model):
    """A technology-focused, industry-recognized credential whose cost the state may reimburse."""

    title = models.CharField(max_length=255)
    issuing_body = models.CharField(max_length=255)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="credentials")
    description = models.TextField(blank=True)
    typical_training_hours = models.PositiveIntegerField(null=True, blank=True)
    typical_cost = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    example_providers = models.TextField(blank=True, help_text="Training providers that offer it, one per line.")
    status = models.CharField(max_length=20, choices=CredentialStatus.choices, default=CredentialStatus.ELIGIBLE)
    effective_from = models.DateField(null=True, blank=True)
    effective_to = models.DateField(null=True, blank=True)
    keywords = models.TextField(blank=True, help_text="Other words people search for, separated by commas.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(fields=["title", "issuing_body"], name="credential_title_issuer_unique"),
        ]

    def __str__(self):
        return f"{self.title} ({self.issuing_body})"

    def get_absolute_url(self):
        return reverse("credentials:detail", args=[self.pk])
