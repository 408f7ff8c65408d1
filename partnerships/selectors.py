"""Reads that the partnership pages assemble (HackSoft's selectors): what a partnership's page shows, its
stakeholder warnings and history, and the half-years a report can be started for. Nothing here writes."""

from datetime import datetime, time, timedelta

from django.db.models import Count
from django.utils import timezone

from partnerships.models import EXPECTED_KINDS, PriorityDesignation, ReportingPeriod, StakeholderKind


def stakeholder_groups(current_members):
    """The current members grouped by kind of stakeholder, in the kinds' order: [{kind, members}], empty kinds left
    out."""
    groups = []
    for kind in StakeholderKind:
        members = [m for m in current_members if m.kind == kind]
        if members:
            groups.append({"kind": kind, "members": members})
    return groups


def stakeholder_warnings(current_members):
    """A sentence for each kind of stakeholder a partnership is expected to have and has no current member of."""
    present = {m.kind for m in current_members}
    return [text for kind, text in EXPECTED_KINDS.items() if kind not in present]


def partnership_history(stage_changes, reports, support_records, meetings, *, now=None):
    """[(when, text)] newest first: stage moves, reports filed and reviewed, support given, meetings held."""
    events = []
    for change in stage_changes:
        if change.from_stage:
            text = f"Moved from {change.get_from_stage_display()} to {change.get_to_stage_display()}"
        else:
            text = f"Created as {change.get_to_stage_display().lower()}"
        if change.changed_by:
            text += f" by {change.changed_by}"
        events.append((change.changed_at, text + (f": {change.note}" if change.note else "")))
    for report in reports:
        if report.submitted_at:
            events.append((report.submitted_at, f"Outcome report for {report.period} submitted"))
        if report.reviewed_at:
            status = report.get_status_display().lower()
            events.append((report.reviewed_at, f"Outcome report for {report.period} {status}"))
    for record in support_records:
        when = timezone.make_aware(datetime.combine(record.provided_on, time.min))
        events.append((when, f"Support given: {record.get_kind_display()}"))
    now = now or timezone.now()
    for meeting in meetings:
        if meeting.starts_at <= now:
            events.append((meeting.starts_at, f"{meeting.get_kind_display()} held"))
    return sorted(events, key=lambda event: event[0], reverse=True)


def partnership_page(*, partnership, editable):
    """Everything a partnership's page shows, each section one bounded query whatever its size. `editable`: whether
    the reader may change its records (they then see its recent tool kit builds too)."""
    p = partnership
    memberships = list(p.memberships.select_related("organization").order_by("organization__name"))
    current = [m for m in memberships if m.is_current]
    reports = list(
        p.outcome_reports.select_related("period", "submitted_by", "reviewed_by").annotate(value_count=Count("values"))
    )
    stage_changes = list(p.stage_changes.select_related("changed_by"))
    support_records = list(p.support_records.select_related("provided_by", "recorded_by"))
    meetings = list(p.meetings.annotate(attendee_count=Count("attendees")))
    contacts = list(p.contacts.select_related("organization"))
    return {
        "regions": list(p.regions.all()),
        "stakeholder_groups": stakeholder_groups(current),
        "stakeholder_warnings": stakeholder_warnings(current),
        "former_members": [m for m in memberships if not m.is_current],
        "contacts": contacts,
        "contact_emails": ",".join(c.email for c in contacts if c.email),
        "meetings": meetings,
        "skill_gaps": list(p.skill_gaps.all()),
        "actions": list(p.actions.select_related("owner", "meeting")),
        "reports": reports,
        "designation": PriorityDesignation.objects.filter(partnership=p).select_related("designated_by").first(),
        "support_records": support_records,
        "history": partnership_history(stage_changes, reports, support_records, meetings),
        "toolkit_builds": list(p.toolkit_builds.all()[:5]) if editable else [],
    }


def half_year(day, *, due_after_days=30):
    """The half-year containing the day, as an unsaved ReportingPeriod (its row may not exist yet)."""
    start, end, due_on = ReportingPeriod.bounds_for(day, due_after_days=due_after_days)
    return ReportingPeriod(start=start, end=end, due_on=due_on)


def recent_periods(count=4, *, today=None):
    """The current half-year and the `count - 1` before it, newest first, computed from the calendar: reading them
    writes nothing (services.reporting_period_get creates a period's row when a report is started for it)."""
    periods = [half_year(today or timezone.localdate())]
    while len(periods) < count:
        periods.append(half_year(periods[-1].start - timedelta(days=1)))
    return periods


def last_ended_period(*, today=None):
    """The most recent half-year that has ended (the one whose reports fall due next), unsaved."""
    current = half_year(today or timezone.localdate())
    return half_year(current.start - timedelta(days=1))
