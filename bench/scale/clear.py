"""Finding and removing the rows an earlier scale run wrote."""

from django.db import connection, transaction

from bench.scale.constants import AREA_PREFIX, CATEGORY_PREFIX, ROUND_PREFIX, SCALE_DOMAIN
from core.models import Organization
from credentials.models import FundingRound


def scale_rows_exist():
    return (
        FundingRound.objects.filter(name__startswith=ROUND_PREFIX).exists()
        or Organization.objects.filter(website__endswith=f".{SCALE_DOMAIN}/").exists()
    )


def scale_clear(*, stdout=None):
    """Remove every row a previous scale run wrote (children first, in SQL: no per-row Python)."""
    orgs = f"SELECT id FROM core_organization WHERE website LIKE 'https://%%.{SCALE_DOMAIN}/'"
    users = f"SELECT id FROM core_user WHERE email LIKE '%%@{SCALE_DOMAIN}'"
    rounds = f"SELECT id FROM credentials_fundinground WHERE name LIKE '{ROUND_PREFIX}%%'"
    apps = f"SELECT id FROM credentials_application WHERE round_id IN ({rounds})"
    categories = f"SELECT id FROM credentials_category WHERE slug LIKE '{CATEGORY_PREFIX}%%'"
    partnerships = f"SELECT id FROM partnerships_sectorpartnership WHERE convener_id IN ({orgs})"
    opportunities = f"SELECT id FROM workbased_learning_opportunity WHERE host_id IN ({orgs})"
    placements = f"SELECT id FROM workbased_learning_placement WHERE opportunity_id IN ({opportunities})"
    incentive_apps = f"SELECT id FROM workbased_learning_incentiveapplication WHERE employer_id IN ({orgs})"
    statements = [
        f"DELETE FROM credentials_claimline WHERE claim_id IN "
        f"(SELECT id FROM credentials_reimbursementclaim WHERE application_id IN ({apps}))",
        f"DELETE FROM credentials_reimbursementclaim WHERE application_id IN ({apps})",
        f"DELETE FROM credentials_award WHERE line_id IN "
        f"(SELECT id FROM credentials_applicationline WHERE application_id IN ({apps}))",
        f"DELETE FROM credentials_applicationline WHERE application_id IN ({apps})",
        f"DELETE FROM credentials_application WHERE id IN ({apps})",
        f"DELETE FROM credentials_fundinground WHERE id IN ({rounds})",
        f"DELETE FROM workbased_learning_incentiveline WHERE application_id IN ({incentive_apps})",
        f"DELETE FROM workbased_learning_incentiveapplication WHERE id IN ({incentive_apps})",
        f"DELETE FROM workbased_learning_timeentry WHERE placement_id IN ({placements})",
        f"DELETE FROM workbased_learning_placement WHERE id IN ({placements})",
        f"DELETE FROM workbased_learning_opportunity WHERE id IN ({opportunities})",
        f"DELETE FROM workbased_learning_cteprogram WHERE provider_id IN ({orgs})",
        f"DELETE FROM credentials_credential WHERE category_id IN ({categories})",
        f"DELETE FROM credentials_category WHERE id IN ({categories})",
        f"DELETE FROM partnerships_outcomevalue WHERE report_id IN "
        f"(SELECT id FROM partnerships_outcomereport WHERE partnership_id IN ({partnerships}))",
        f"DELETE FROM partnerships_outcomereport WHERE partnership_id IN ({partnerships})",
        f"DELETE FROM partnerships_membership WHERE partnership_id IN ({partnerships})",
        f"DELETE FROM partnerships_sectorpartnership_regions WHERE sectorpartnership_id IN ({partnerships})",
        f"DELETE FROM partnerships_sectorpartnership WHERE id IN ({partnerships})",
        f"DELETE FROM toolkit_occupationestimate WHERE area_id IN "
        f"(SELECT id FROM toolkit_area WHERE code LIKE '{AREA_PREFIX}%%' AND name LIKE '%%(scale)')",
        f"DELETE FROM toolkit_area WHERE code LIKE '{AREA_PREFIX}%%' AND name LIKE '%%(scale)'",
        f"DELETE FROM core_user_groups WHERE user_id IN ({users})",
        f"DELETE FROM core_user WHERE id IN ({users})",
        f"DELETE FROM core_organization WHERE id IN ({orgs})",
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql.replace("%%", "%"))
            if stdout and cursor.rowcount:
                stdout.write(f"  removed {cursor.rowcount:,} rows: {sql.split(' WHERE')[0][12:]}")
