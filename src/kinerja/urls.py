"""URLs. Each domain app mounts its `urls` module and any `urls_<part>` modules under its prefix, so
two parts of one app (the SOP importer and the SOP renderers) keep separate url modules.

Stored files (MEDIA_ROOT) are never served as static files, not even in debug: each app serves its
files through a view that checks the user's office and rights."""

import pkgutil
from importlib import import_module

from django.contrib import admin
from django.urls import include, path

APP_PREFIXES = [("sop", "sop/"), ("workflow", ""), ("performance", "data/"), ("correspondence", "")]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("kinerja.web.urls")),
    path("org/", include("kinerja.org.urls")),
]
for app, prefix in APP_PREFIXES:
    package = import_module(f"kinerja.{app}")
    for module in sorted(m.name for m in pkgutil.iter_modules(package.__path__)):
        if module == "urls" or module.startswith("urls_"):
            urlpatterns.append(path(prefix, include(f"kinerja.{app}.{module}")))
