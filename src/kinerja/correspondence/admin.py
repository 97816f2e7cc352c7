"""Administration of the correspondence settings: number formats, the SOP a data collection letter
starts, and whose initials a document needs before the head signs. Records themselves change only
through the actions (the register, initials and signatures are evidence)."""

from django.contrib import admin

from kinerja.org.admin_scope import OfficeScopedAdmin

from .models import RegisterSettings, RequiredInitial


@admin.register(RegisterSettings)
class RegisterSettingsAdmin(OfficeScopedAdmin):
    list_display = ["office", "agenda_format", "outgoing_format", "data_collection_sop"]


@admin.register(RequiredInitial)
class RequiredInitialAdmin(OfficeScopedAdmin):
    list_display = ["office", "order", "position"]
    list_filter = ["office"]
