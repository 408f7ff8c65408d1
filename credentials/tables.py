"""Sortable, paginated tables for staff and employer lists."""

import django_tables2 as tables

from core.money import format_money
from core.tables import DateColumn, Table
from credentials.models import Application, CredentialProposal, ReimbursementClaim


class ProposalTable(Table):
    title = tables.Column(linkify=True)
    organization = tables.Column()
    status = tables.Column()
    created_at = DateColumn(verbose_name="Proposed")

    class Meta:
        model = CredentialProposal
        fields = ["title", "issuing_body", "organization", "status", "created_at"]
        empty_text = "No proposals yet."


class ApplicationTable(Table):
    rank = tables.Column(empty_values=(), orderable=False, verbose_name="#")
    organization = tables.Column(linkify=lambda record: record.get_absolute_url())
    requested_total = tables.Column(verbose_name="Requested", attrs={"td": {"class": "text-end"}})
    score = tables.Column(verbose_name="Score (0–100)", attrs={"td": {"class": "text-end"}})

    class Meta:
        model = Application
        fields = ["rank", "organization", "status", "submitted_at", "requested_total", "score"]
        empty_text = "No applications in this round yet."

    def render_rank(self, record):
        self.row_counter = getattr(self, "row_counter", 0) + 1
        return self.page.start_index() + self.row_counter - 1 if hasattr(self, "page") else self.row_counter

    def render_requested_total(self, value):
        return f"{format_money(value)}"


class ClaimTable(Table):
    id = tables.Column(linkify=True, verbose_name="Claim")
    organization = tables.Column()
    amount = tables.Column(attrs={"td": {"class": "text-end"}})

    class Meta:
        model = ReimbursementClaim
        fields = ["id", "organization", "claim_month", "status", "amount", "submitted_at", "paid_at"]
        empty_text = "No claims yet."

    def render_amount(self, value):
        return f"{format_money(value)}"
