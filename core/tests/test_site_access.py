"""The site's one permission matrix: every URL of the URLconf and every API endpoint, requested by every kind of user.

Each URL pattern is resolved from config.urls, its ids filled from records built by each app's factories
(core/tests/site_world.py), and requested with GET by: anonymous, an employer of the owning organisation ("owner"),
an employer of another organisation, a provider, a user of a partnership's convener, program staff and an admin.
The status each must get is written in EXPECTED below. A URL pattern that EXPECTED does not list fails the test, so
a new page cannot ship without someone deciding who may open it. Another organisation's record answers 404.

The Django admin's ~400 patterns follow one rule per kind of admin URL (ADMIN_RULES), checked the same way.
"""

import re

import pytest
from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from core.tests.site_world import USERS, build_world
from toolkit.tests.factories import OccupationFactory

OK, FOUND, FORBIDDEN, MISSING, NOT_ALLOWED = 200, 302, 403, 404, 405


def row(text):
    """'302 200 404 403 403 200 200' -> {user: status} in the column order of USERS."""
    statuses = [int(value) for value in text.split()]
    assert len(statuses) == len(USERS), text
    return dict(zip(USERS, statuses, strict=True))


def walk(patterns, prefix="", namespace=""):
    """(route, name, pattern has a format suffix) for every URL pattern, namespaces joined with ':'."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(part for part in (namespace, pattern.namespace) if part)
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = ":".join(part for part in (namespace, pattern.name) if part)
            yield prefix + str(pattern.pattern), name, "format" in pattern.pattern.regex.groupindex


def site_patterns():
    """{key: route} for every pattern outside the admin; format-suffix variants get the key '<name>[.json]'."""
    found = {}
    for route, name, formatted in walk(get_resolver().url_patterns):
        if route.startswith("admin/"):
            continue
        found[f"{name}[.json]" if formatted else name] = route
    return found


def url_for(key, world):
    name = key.removesuffix("[.json]")
    kwargs = dict(ARGS[name](world)) if name in ARGS else {}
    if key.endswith("[.json]"):
        kwargs["format"] = "json"
    return reverse(name, kwargs=kwargs)


def pk(name):
    return lambda world: {"pk": world[name].pk}


def nested(parent, name, parent_kwarg="partnership_pk"):
    return lambda world: {parent_kwarg: world[parent].pk, "pk": world[name].pk}


def key_occupation(world):
    """The world's cluster with one key occupation (added once), for the page that removes it."""
    link, _ = world["cluster"].key_occupations.get_or_create(occupation=OccupationFactory(soc_code="51-4041"))
    return {"slug": world["cluster"].slug, "soc_code": link.occupation.soc_code}


# How to fill each pattern's ids from the world.
ARGS = {
    "core:invitation_accept": lambda w: {"token": w["invitation"].token},
    "password_reset_confirm": lambda w: {"uidb64": w["reset_uid"], "token": w["reset_token"]},
    "partnerships:metric_update": pk("metric"),
    "partnerships:detail": pk("partnership"),
    "partnerships:update": pk("partnership"),
    "partnerships:stage_change": lambda w: {"partnership_pk": w["partnership"].pk},
    "partnerships:member_create": lambda w: {"partnership_pk": w["partnership"].pk},
    "partnerships:member_update": nested("partnership", "membership"),
    "partnerships:member_delete": nested("partnership", "membership"),
    "partnerships:contact_create": lambda w: {"partnership_pk": w["partnership"].pk},
    "partnerships:contact_update": nested("partnership", "contact"),
    "partnerships:contact_delete": nested("partnership", "contact"),
    "partnerships:meeting_create": lambda w: {"partnership_pk": w["partnership"].pk},
    "partnerships:meeting_launch": lambda w: {"partnership_pk": w["partnership"].pk},
    "partnerships:meeting_detail": nested("partnership", "meeting"),
    "partnerships:meeting_update": nested("partnership", "meeting"),
    "partnerships:meeting_delete": nested("partnership", "meeting"),
    "partnerships:gap_create": lambda w: {"partnership_pk": w["partnership"].pk},
    "partnerships:gap_update": nested("partnership", "gap"),
    "partnerships:gap_delete": nested("partnership", "gap"),
    "partnerships:action_create": lambda w: {"partnership_pk": w["partnership"].pk},
    "partnerships:action_update": nested("partnership", "action"),
    "partnerships:action_delete": nested("partnership", "action"),
    "partnerships:report_create": lambda w: {"partnership_pk": w["partnership"].pk},
    "partnerships:report_detail": nested("partnership", "outcome_report"),
    "partnerships:report_update": nested("partnership", "outcome_report"),
    "partnerships:report_submit": nested("partnership", "outcome_report"),
    "partnerships:report_review": nested("partnership", "outcome_report"),
    "partnerships:priority_designate": lambda w: {"partnership_pk": w["partnership"].pk},
    "partnerships:priority_end": lambda w: {"partnership_pk": w["partnership"].pk},
    "partnerships:support_create": lambda w: {"partnership_pk": w["partnership"].pk},
    "partnerships:document_pdf": lambda w: {"partnership_pk": w["partnership"].pk, "document": "launch-agenda"},
    "partnerships:toolkit_create": lambda w: {"partnership_pk": w["partnership"].pk},
    "partnerships:toolkit_detail": nested("partnership", "toolkit_build"),
    "partnerships:toolkit_download": nested("partnership", "toolkit_build"),
    "credentials:detail": pk("credential"),
    "credentials:proposal_detail": pk("proposal"),
    "credentials:proposal_review": pk("proposal"),
    "credentials:proposal_approve": pk("proposal"),
    "credentials:proposal_decline": pk("proposal"),
    "credentials:round_detail": pk("round"),
    "credentials:round_update": pk("round"),
    "credentials:round_apply": pk("round"),
    "credentials:round_score": pk("round"),
    "credentials:application_detail": pk("draft"),
    "credentials:line_create": pk("draft"),
    "credentials:line_update": lambda w: {"pk": w["draft"].pk, "line_pk": w["line"].pk},
    "credentials:line_delete": lambda w: {"pk": w["draft"].pk, "line_pk": w["line"].pk},
    "credentials:application_submit": pk("draft"),
    "credentials:application_award": pk("awarded"),
    "credentials:application_decline": pk("draft"),
    "credentials:claim_create": pk("awarded"),
    "credentials:claim_detail": pk("claim"),
    "credentials:claim_proof": pk("claim"),
    "credentials:claim_approve": pk("claim"),
    "credentials:claim_return": pk("claim"),
    "credentials:claim_pay": pk("claim"),
    "credentials:claim_resubmit": pk("claim"),
    "workbased_learning:opportunity_detail": pk("opportunity"),
    "workbased_learning:opportunity_update": pk("opportunity"),
    "workbased_learning:placement_create": pk("opportunity"),
    "workbased_learning:program_update": pk("program"),
    "workbased_learning:placement_detail": pk("placement"),
    "workbased_learning:timeentry_create": pk("placement"),
    "workbased_learning:placement_withdraw": pk("placement"),
    "workbased_learning:placement_supervisor": pk("placement"),
    "workbased_learning:placement_evaluate": pk("placement"),
    "workbased_learning:timeentry_approve": pk("time_entry"),
    "workbased_learning:timeentry_reject": pk("time_entry"),
    "workbased_learning:timeentry_sign_off_one": pk("time_entry"),
    "workbased_learning:incentive_create": lambda w: {"year": w["program_year"].year},
    "workbased_learning:incentive_detail": pk("incentive"),
    "workbased_learning:incentive_decide": pk("incentive"),
    "workbased_learning:certificate_download": pk("incentive"),
    "workbased_learning:certificate_status": pk("incentive"),
    "workbased_learning:certificate_rebuild": pk("incentive"),
    "toolkit:resource_detail": lambda w: {"slug": w["resource"].slug},
    "toolkit:resource_update": lambda w: {"slug": w["resource"].slug},
    "toolkit:resource_file": lambda w: {"slug": w["resource"].slug},
    "toolkit:cluster_profile": lambda w: {"slug": w["cluster"].slug},
    "toolkit:cluster_download": lambda w: {"slug": w["cluster"].slug},
    "toolkit:import_detail": pk("data_import"),
    "toolkit:cluster_occupations": lambda w: {"slug": w["cluster"].slug},
    "toolkit:cluster_occupation_delete": key_occupation,
    "reports:create": lambda w: {"kind": "organisations"},
    "reports:detail": pk("report"),
    "reports:status": pk("report"),
    "reports:download": pk("report"),
    "reports:retry": pk("report"),
    "reports:organization_detail": pk("organization"),
    "credential-detail": pk("credential"),
    "credential-category-detail": lambda w: {"pk": w["credential"].category_id},
    "funding-round-detail": pk("round"),
    "credential-application-detail": pk("draft"),
    "wbl-opportunity-detail": pk("opportunity"),
    "wbl-placement-detail": pk("placement"),
    "wbl-incentive-application-detail": pk("incentive"),
}

EXPECTED = {
    # Columns: anonymous, owner, other_employer, provider, convener, staff, admin (USERS).
    "healthz": None,  # /healthz: the same for everyone, 200 or 503 by the services' state (checked below)
    "core:home": row("200 200 200 200 200 200 200"),
    "core:dashboard": row("302 302 302 302 302 302 302"),
    "core:register": row("200 302 302 302 302 302 302"),
    "core:team": row("302 200 200 200 200 403 403"),
    "core:organization_choices": row("302 200 200 200 200 200 200"),
    "core:invitation_accept": row("200 200 200 200 200 200 200"),
    "login": row("200 200 200 200 200 200 200"),
    "logout": row("405 405 405 405 405 405 405"),
    "password_change": row("302 200 200 200 200 200 200"),
    "password_change_done": row("302 200 200 200 200 200 200"),
    "password_reset": row("200 200 200 200 200 200 200"),
    "password_reset_done": row("200 200 200 200 200 200 200"),
    "password_reset_confirm": row("302 200 200 200 200 200 200"),
    "password_reset_complete": row("200 200 200 200 200 200 200"),
    "partnerships:list": row("302 200 200 200 200 200 200"),
    "partnerships:export": row("302 200 200 200 200 200 200"),
    "partnerships:create": row("302 403 403 403 403 200 200"),
    "partnerships:directory": row("200 200 200 200 200 200 200"),
    "partnerships:partnership_choices": row("302 200 200 200 200 200 200"),
    "partnerships:reports_due": row("302 200 200 200 200 200 200"),
    "partnerships:metric_list": row("302 403 403 403 403 200 200"),
    "partnerships:metric_create": row("302 403 403 403 403 200 200"),
    "partnerships:metric_update": row("302 403 403 403 403 200 200"),
    "partnerships:cluster_ranking": row("302 403 403 403 403 200 200"),
    "partnerships:detail": row("302 200 404 404 200 200 200"),
    "partnerships:update": row("302 403 404 404 403 200 200"),
    "partnerships:stage_change": row("302 403 404 404 403 200 200"),
    "partnerships:member_create": row("302 403 404 404 200 200 200"),
    "partnerships:member_update": row("302 403 404 404 200 200 200"),
    "partnerships:member_delete": row("302 403 404 404 200 200 200"),
    "partnerships:contact_create": row("302 403 404 404 200 200 200"),
    "partnerships:contact_update": row("302 403 404 404 200 200 200"),
    "partnerships:contact_delete": row("302 403 404 404 200 200 200"),
    "partnerships:meeting_create": row("302 403 404 404 200 200 200"),
    "partnerships:meeting_launch": row("302 403 404 404 200 200 200"),
    "partnerships:meeting_detail": row("302 200 404 404 200 200 200"),
    "partnerships:meeting_update": row("302 403 404 404 200 200 200"),
    "partnerships:meeting_delete": row("302 403 404 404 200 200 200"),
    "partnerships:gap_create": row("302 403 404 404 200 200 200"),
    "partnerships:gap_update": row("302 403 404 404 200 200 200"),
    "partnerships:gap_delete": row("302 403 404 404 200 200 200"),
    "partnerships:action_create": row("302 403 404 404 200 200 200"),
    "partnerships:action_update": row("302 403 404 404 200 200 200"),
    "partnerships:action_delete": row("302 403 404 404 200 200 200"),
    "partnerships:report_create": row("302 403 404 404 200 200 200"),
    "partnerships:report_detail": row("302 200 404 404 200 200 200"),
    "partnerships:report_update": row("302 403 404 404 200 200 200"),
    "partnerships:report_submit": row("302 403 404 404 405 405 405"),
    "partnerships:report_review": row("302 403 404 404 403 405 405"),
    "partnerships:priority_designate": row("302 403 404 404 403 200 200"),
    "partnerships:priority_end": row("302 403 404 404 403 405 405"),
    "partnerships:support_create": row("302 403 404 404 403 200 200"),
    "partnerships:document_pdf": row("302 403 404 404 200 200 200"),
    "partnerships:toolkit_create": row("302 403 404 404 405 405 405"),
    "partnerships:toolkit_detail": row("302 403 404 404 200 200 200"),
    "partnerships:toolkit_download": row("302 403 404 404 404 404 404"),
    "credentials:search": row("200 200 200 200 200 200 200"),
    "credentials:detail": row("200 200 200 200 200 200 200"),
    "credentials:credential_import": row("302 403 403 403 403 200 200"),
    "credentials:employer_dashboard": row("302 200 200 403 200 403 403"),
    "credentials:proposal_list": row("302 200 200 403 200 200 200"),
    "credentials:proposal_create": row("302 200 200 403 200 403 403"),
    "credentials:proposal_detail": row("302 200 404 403 404 200 200"),
    "credentials:proposal_review": row("302 403 403 403 403 405 405"),
    "credentials:proposal_approve": row("302 403 403 403 403 405 405"),
    "credentials:proposal_decline": row("302 403 403 403 403 405 405"),
    "credentials:round_list": row("302 200 200 403 200 200 200"),
    "credentials:credential_choices": row("302 200 200 403 200 200 200"),
    "credentials:round_create": row("302 403 403 403 403 200 200"),
    "credentials:round_detail": row("302 200 200 403 200 200 200"),
    "credentials:round_update": row("302 403 403 403 403 200 200"),
    "credentials:round_apply": row("302 405 405 403 405 403 403"),
    "credentials:round_score": row("302 403 403 403 403 405 405"),
    "credentials:application_list": row("302 200 200 403 200 200 200"),
    "credentials:application_detail": row("302 200 404 403 404 200 200"),
    "credentials:line_create": row("302 200 404 403 404 403 403"),
    "credentials:line_update": row("302 200 404 403 404 403 403"),
    "credentials:line_delete": row("302 405 405 403 405 403 403"),
    "credentials:application_submit": row("302 405 405 403 405 403 403"),
    "credentials:application_award": row("302 403 403 403 403 405 405"),
    "credentials:application_decline": row("302 403 403 403 403 405 405"),
    "credentials:claim_create": row("302 200 404 403 404 403 403"),
    "credentials:claim_list": row("302 200 200 403 200 200 200"),
    "credentials:claim_detail": row("302 200 404 403 404 200 200"),
    "credentials:claim_proof": row("302 200 404 403 404 200 200"),
    "credentials:claim_approve": row("302 403 403 403 403 405 405"),
    "credentials:claim_return": row("302 403 403 403 403 405 405"),
    "credentials:claim_pay": row("302 403 403 403 403 405 405"),
    "credentials:claim_resubmit": row("302 405 405 403 405 403 403"),
    "workbased_learning:opportunity_list": row("302 200 200 200 200 200 200"),
    "workbased_learning:provider_dashboard": row("302 403 403 200 403 403 403"),
    "workbased_learning:employer_dashboard": row("302 200 200 403 200 403 403"),
    "workbased_learning:staff_overview": row("302 403 403 403 403 200 200"),
    "workbased_learning:opportunity_create": row("302 200 200 403 200 200 200"),
    "workbased_learning:program_choices": row("302 200 200 403 200 200 200"),
    "workbased_learning:opportunity_detail": row("302 200 404 200 404 200 200"),
    "workbased_learning:opportunity_update": row("302 200 404 403 404 200 200"),
    "workbased_learning:placement_create": row("302 403 403 200 403 403 403"),
    "workbased_learning:program_list": row("302 403 403 200 403 200 200"),
    "workbased_learning:program_create": row("302 403 403 200 403 200 200"),
    "workbased_learning:program_update": row("302 403 403 200 403 200 200"),
    "workbased_learning:placement_list": row("302 200 200 200 200 200 200"),
    "workbased_learning:placement_detail": row("302 200 404 200 404 200 200"),
    "workbased_learning:timeentry_create": row("302 200 404 200 404 200 200"),
    "workbased_learning:placement_withdraw": row("302 403 403 200 403 403 403"),
    "workbased_learning:placement_supervisor": row("302 200 404 403 404 403 403"),
    "workbased_learning:placement_evaluate": row("302 200 404 403 404 403 403"),
    "workbased_learning:timeentry_approve": row("302 405 405 405 405 405 405"),
    "workbased_learning:timeentry_reject": row("302 405 405 405 405 405 405"),
    "workbased_learning:timeentry_sign_off": row("302 405 405 403 405 403 403"),
    "workbased_learning:timeentry_sign_off_one": row("302 405 405 403 405 403 403"),
    "workbased_learning:incentive_list": row("302 200 200 403 200 200 200"),
    "workbased_learning:incentive_create": row("302 200 200 403 200 403 403"),
    "workbased_learning:incentive_detail": row("302 200 404 403 404 200 200"),
    "workbased_learning:incentive_decide": row("302 403 403 403 403 200 200"),
    "workbased_learning:certificate_download": row("302 404 404 403 404 404 404"),
    "workbased_learning:certificate_status": row("302 200 404 403 404 200 200"),
    "workbased_learning:certificate_rebuild": row("302 403 403 403 403 405 405"),
    "toolkit:index": row("200 200 200 200 200 200 200"),
    "toolkit:resource_create": row("302 403 403 403 403 200 200"),
    "toolkit:resource_detail": row("200 200 200 200 200 200 200"),
    "toolkit:resource_update": row("302 403 403 403 403 200 200"),
    "toolkit:resource_file": row("404 404 404 404 404 404 404"),
    "toolkit:cluster_list": row("200 200 200 200 200 200 200"),
    "toolkit:cluster_profile": row("200 200 200 200 200 200 200"),
    "toolkit:cluster_download": row("200 200 200 200 200 200 200"),
    "toolkit:program_list": row("200 200 200 200 200 200 200"),
    "toolkit:import_list": row("302 403 403 403 403 200 200"),
    "toolkit:import_detail": row("302 403 403 403 403 200 200"),
    "toolkit:cluster_occupations": row("302 403 403 403 403 200 200"),
    "toolkit:cluster_occupation_delete": row("302 403 403 403 403 200 200"),
    "reports:list": row("302 403 403 403 403 200 200"),
    "reports:dashboard": row("302 403 403 403 403 200 200"),
    "reports:create": row("302 403 403 403 403 200 200"),
    "reports:detail": row("302 403 403 403 403 200 200"),
    "reports:status": row("302 403 403 403 403 200 200"),
    "reports:download": row("302 403 403 403 403 404 404"),
    "reports:retry": row("302 403 403 403 403 405 405"),
    "reports:organization_list": row("302 403 403 403 403 200 200"),
    "reports:organization_detail": row("302 403 403 403 403 200 200"),
    "credential-list": row("200 200 200 200 200 200 200"),
    "credential-list[.json]": row("200 200 200 200 200 200 200"),
    "credential-detail": row("200 200 200 200 200 200 200"),
    "credential-detail[.json]": row("200 200 200 200 200 200 200"),
    "credential-category-list": row("200 200 200 200 200 200 200"),
    "credential-category-list[.json]": row("200 200 200 200 200 200 200"),
    "credential-category-detail": row("200 200 200 200 200 200 200"),
    "credential-category-detail[.json]": row("200 200 200 200 200 200 200"),
    "funding-round-list": row("200 200 200 200 200 200 200"),
    "funding-round-list[.json]": row("200 200 200 200 200 200 200"),
    "funding-round-detail": row("200 200 200 200 200 200 200"),
    "funding-round-detail[.json]": row("200 200 200 200 200 200 200"),
    "credential-application-list": row("403 200 200 200 200 200 200"),
    "credential-application-list[.json]": row("403 200 200 200 200 200 200"),
    "credential-application-detail": row("403 200 404 404 404 200 200"),
    "credential-application-detail[.json]": row("403 200 404 404 404 200 200"),
    "wbl-opportunity-list": row("403 200 200 200 200 200 200"),
    "wbl-opportunity-list[.json]": row("403 200 200 200 200 200 200"),
    "wbl-opportunity-detail": row("403 200 404 200 404 200 200"),
    "wbl-opportunity-detail[.json]": row("403 200 404 200 404 200 200"),
    "wbl-placement-list": row("403 200 200 200 200 200 200"),
    "wbl-placement-list[.json]": row("403 200 200 200 200 200 200"),
    "wbl-placement-detail": row("403 200 404 200 404 200 200"),
    "wbl-placement-detail[.json]": row("403 200 404 200 404 200 200"),
    "wbl-incentive-application-list": row("403 200 200 200 200 200 200"),
    "wbl-incentive-application-list[.json]": row("403 200 200 200 200 200 200"),
    "wbl-incentive-application-detail": row("403 200 404 404 404 200 200"),
    "wbl-incentive-application-detail[.json]": row("403 200 404 404 404 200 200"),
    "api-root": row("403 200 200 200 200 200 200"),
    "api-root[.json]": row("403 200 200 200 200 200 200"),
    "api-schema": row("200 200 200 200 200 200 200"),
    "api-docs": row("200 200 200 200 200 200 200"),
}

# Records that belong to the owner's organisation (or to a partnership it is a member of): whenever the owner may
# open such a record, an employer of another organisation must get 404, never 200 and never a 403 that confirms it.
OWNED = {
    "proposal", "draft", "line", "awarded", "claim", "opportunity", "placement", "time_entry", "incentive",
    "partnership", "membership", "contact", "meeting", "gap", "action", "outcome_report", "toolkit_build",
}  # fmt: skip

# The Django admin: one rule per kind of admin URL. Users without is_staff are sent to the admin's login page;
# program staff have the admin's index but no model permissions (they work in the portal); admins may do all.
# Columns as in EXPECTED.
ADMIN_RULES = {
    "index": row("302 302 302 302 302 200 200"),
    "login": row("200 200 200 200 200 302 302"),
    "logout": row("302 302 302 302 302 405 405"),
    "password_change": row("302 302 302 302 302 200 200"),
    "password_change_done": row("302 302 302 302 302 200 200"),
    "jsi18n": row("302 302 302 302 302 200 200"),
    "app_list": row("302 302 302 302 302 404 200"),
    "autocomplete": row("302 302 302 302 302 403 403"),
    "view_on_site": row("302 302 302 302 302 302 302"),
    "changelist": row("302 302 302 302 302 403 200"),
    "add": row("302 302 302 302 302 403 200"),
    "change": row("302 302 302 302 302 403 200"),
    "history": row("302 302 302 302 302 403 200"),
    "delete": row("302 302 302 302 302 403 200"),
    "object_redirect": row("302 302 302 302 302 302 302"),
    "catch_all": row("302 302 302 302 302 404 404"),
}
# Where no row exists, the admin sends the admin to the list; history looks for the row before the permission.
ADMIN_NO_ROW = {
    "change": row("302 302 302 302 302 403 302"),
    "history": row("302 302 302 302 302 302 302"),
    "delete": row("302 302 302 302 302 403 302"),
}
# Logs written only by the machinery: nobody adds login attempts or audit events by hand, and the audit trail
# cannot be deleted from the admin (staff unlock a locked-out login by deleting its access attempts).
ADMIN_READ_ONLY = row("302 302 302 302 302 403 403")
ADMIN_READ_ONLY_KINDS = {
    "axes_accessattempt": {"add"},
    "axes_accesslog": {"add"},
    "axes_accessfailurelog": {"add"},
    "pghistory_events": {"add", "delete"},
    "credentials_searchterm": {"add", "delete"},
}


class AccessRecorder(dict):
    """The world, remembering which of its records a URL's ids were taken from."""

    def __init__(self, world):
        super().__init__(world)
        self.used = set()

    def __getitem__(self, key):
        self.used.add(key)
        return super().__getitem__(key)


def admin_urls(world):
    """(kind of admin URL, url, expected statuses) for every admin URL pattern, ids taken from existing rows."""
    from django.contrib.contenttypes.models import ContentType

    models = {f"{m._meta.app_label}_{m._meta.model_name}": m for m in admin.site._registry}
    any_row = world["credential"]
    content_type = ContentType.objects.get_for_model(any_row)
    for route, name, _ in walk(get_resolver().url_patterns):
        if not route.startswith("admin/"):
            continue
        short = name.removeprefix("admin").removeprefix(":")
        model_match = re.fullmatch(r"(.+)_(changelist|add|history|delete|change)", short)
        if short and model_match and model_match.group(1) in models:
            model = models[model_match.group(1)]
            kind = model_match.group(2)
            row_ = model._default_manager.order_by("pk").first()
            url = reverse(f"admin:{short}", args=[] if kind in ("changelist", "add") else [row_.pk if row_ else 0])
            expected = ADMIN_RULES[kind]
            if kind in ADMIN_NO_ROW and row_ is None:
                expected = ADMIN_NO_ROW[kind]
            if kind in ADMIN_READ_ONLY_KINDS.get(model_match.group(1), ()):
                expected = ADMIN_READ_ONLY
            yield kind, url, expected
        elif short == "auth_user_password_change":
            yield (
                "change",
                reverse("admin:auth_user_password_change", args=[world["invitation"].invited_by_id]),
                ADMIN_RULES["change"],
            )
        elif short == "app_list":
            yield "app_list", reverse("admin:app_list", args=["core"]), ADMIN_RULES["app_list"]
        elif short == "view_on_site":
            yield short, reverse("admin:view_on_site", args=[content_type.pk, any_row.pk]), ADMIN_RULES[short]
        elif short:
            yield short, reverse(f"admin:{short}"), ADMIN_RULES[short]
        elif "<path:object_id>" in route:
            model = models[route.split("/")[1] + "_" + route.split("/")[2]]
            row_ = model._default_manager.order_by("pk").first()
            url = "/" + route.replace("<path:object_id>", str(row_.pk if row_ else 0))
            yield "object_redirect", url, ADMIN_RULES["object_redirect"]
        else:
            yield "catch_all", "/admin/no-such-page/", ADMIN_RULES["catch_all"]


def statuses_by_user(client, people, urls):
    """{(url, user): status} for each url asked by each kind of user, each user logged in once."""
    answers = {}
    for who in USERS:
        client.logout()
        if who != "anonymous":
            client.force_login(people.get(who))
        for url in urls:
            answers[url, who] = client.get(url).status_code
    client.logout()
    return answers


def test_every_url_of_the_site_is_listed_in_the_table():
    found = set(site_patterns())
    assert not found - set(EXPECTED), f"URLs without an expected status: add them to EXPECTED: {found - set(EXPECTED)}"
    assert not set(EXPECTED) - found, f"EXPECTED lists URLs that no longer exist: {set(EXPECTED) - found}"
    assert not set(ARGS) - {key.removesuffix("[.json]") for key in found}, "ARGS fills ids of URLs that are gone"


@pytest.mark.django_db
def test_every_url_answers_each_kind_of_user_as_the_table_says(client, people):
    world = AccessRecorder(build_world(people))
    urls, failures = {}, []
    for key in site_patterns():
        if EXPECTED[key] is None:
            continue
        world.used.clear()
        urls[key] = url_for(key, world)
        owner, other = EXPECTED[key]["owner"], EXPECTED[key]["other_employer"]
        if world.used & OWNED and owner == OK and other != MISSING:
            failures.append(f"{key}: another organisation's employer must get 404 where the owner gets 200")
    answers = statuses_by_user(client, people, list(urls.values()))
    for key, url in urls.items():
        for who, status in EXPECTED[key].items():
            if answers[url, who] != status:
                failures.append(f"{key} {url} as {who}: expected {status}, got {answers[url, who]}")
    assert len(answers) >= 150 * len(USERS)
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
def test_health_check_is_open_to_everyone_and_never_errors(client):
    assert client.get(reverse("healthz")).status_code in (200, 503)


@pytest.mark.django_db
def test_every_admin_url_answers_each_kind_of_user_by_its_rule(client, people):
    world = build_world(people)
    checks = list(admin_urls(world))
    answers = statuses_by_user(client, people, [url for _, url, _ in checks])
    failures = [
        f"admin {kind} {url} as {who}: expected {status}, got {answers[url, who]}"
        for kind, url, expected in checks
        for who, status in expected.items()
        if answers[url, who] != status
    ]
    assert len(checks) >= 300
    assert not failures, "\n".join(failures) + f"\n({len(failures)} in all)"


@pytest.mark.django_db
def test_uploaded_and_generated_files_have_no_public_url(client, people, settings, tmp_path):
    """Claim proofs, reports and kits are served only by views that check access (claim_proof, reports:download,
    toolkit_download, certificate_download, resource_file), never from MEDIA_URL."""
    settings.MEDIA_ROOT = tmp_path
    world = build_world(people)
    proof = world["claim"].proof
    assert (tmp_path / proof.name).exists()
    for who in USERS:
        client.logout()
        if who != "anonymous":
            client.force_login(people.get(who))
        assert client.get(settings.MEDIA_URL + proof.name).status_code == MISSING, who
    client.force_login(people.employer)
    assert client.get(reverse("credentials:claim_proof", args=[world["claim"].pk])).status_code == OK
