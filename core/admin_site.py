"""The portal's admin site: the program's tables by app, and the machinery's tables (login lock-outs, the audit
trail, search vocabulary, schedule internals, API tokens) in one "System" section that only superusers see.

Staff who keep the program's records use the admin every day; the machinery's tables are for whoever runs the
portal. Which tables are the machinery's is one list here; an app marks none of its own tables.
"""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig

# Whole apps that are machinery, and single tables of the portal's own apps that are.
SYSTEM_APPS = {"axes", "pghistory", "django_celery_beat", "authtoken"}
SYSTEM_MODELS = {"credentials.SearchTerm"}
SYSTEM_SECTION = "System"
# What each kind of system table is for, said beside its name in the System section.
SYSTEM_PURPOSES = {
    "axes": "login lock-outs",
    "pghistory": "audit trail",
    "django_celery_beat": "schedules",
    "authtoken": "API",
    "credentials": "search vocabulary",
}


def is_system_model(model):
    return model._meta.app_label in SYSTEM_APPS or model._meta.label in SYSTEM_MODELS


class SuperuserOnlyAdmin:
    """Mixed into a system table's ModelAdmin: without superuser rights the table is neither listed nor opened,
    whatever permissions a staff member was given."""

    def has_module_permission(self, request):
        return request.user.is_superuser and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_view_permission(request, obj)

    def has_add_permission(self, request, *args, **kwargs):
        return request.user.is_superuser and super().has_add_permission(request, *args, **kwargs)

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_delete_permission(request, obj)


class PortalAdminSite(admin.AdminSite):
    """The default admin site (see PortalAdminConfig), with the system tables gathered in one section."""

    site_header = "Sector Partnership Portal administration"
    site_title = "Portal admin"

    def register(self, model_or_iterable, admin_class=None, **options):
        models = [model_or_iterable] if isinstance(model_or_iterable, type) else list(model_or_iterable)
        for model in models:
            model_admin = admin_class or admin.ModelAdmin
            if is_system_model(model) and not issubclass(model_admin, SuperuserOnlyAdmin):
                model_admin = type(model_admin.__name__, (SuperuserOnlyAdmin, model_admin), {})
            super().register(model, model_admin, **options)

    def get_app_list(self, request, app_label=None):
        app_list = super().get_app_list(request, app_label)
        if app_label is not None:
            return app_list
        system, program = [], []
        for app in app_list:
            models = [entry for entry in app["models"] if is_system_model(entry["model"])]
            kept = [entry for entry in app["models"] if not is_system_model(entry["model"])]
            for entry in models:
                # In one section the purpose says what a table is for ("Access attempts (login lock-outs)").
                purpose = SYSTEM_PURPOSES.get(app["app_label"], app["name"])
                entry = {**entry, "name": f"{entry['name']} ({purpose})"}
                system.append(entry)
            if kept:
                program.append({**app, "models": kept})
        if system:
            program.append(
                {
                    "name": SYSTEM_SECTION,
                    "app_label": "system",
                    "app_url": "#system",
                    "has_module_perms": True,
                    "models": sorted(system, key=lambda entry: entry["name"].lower()),
                }
            )
        return program


class PortalAdminConfig(AdminConfig):
    """django.contrib.admin with the portal's site as `admin.site`."""

    default_site = "core.admin_site.PortalAdminSite"
