"""Background jobs of the partnerships app: thin, taking primary keys, safe to run twice."""

from celery import shared_task

from partnerships import services
from partnerships.models import SectorPartnership, ToolkitBuild


@shared_task
def build_toolkit(build_id):
    """Build one customized tool kit PDF; skipped when the requester may no longer edit the partnership."""
    build = ToolkitBuild.objects.select_related("partnership", "requested_by").filter(pk=build_id).first()
    if build is None:
        return
    user = build.requested_by
    if user is None or not SectorPartnership.objects.editable_by(user).filter(pk=build.partnership_id).exists():
        build.mark_failed("The person who asked for this tool kit may no longer build it.")
        return
    services.toolkit_build_run(build=build)


@shared_task
def outcome_reports_remind():
    """Email conveners whose outcome report is due within two weeks or overdue (scheduled weekly by beat)."""
    return services.outcome_reminders_send()
