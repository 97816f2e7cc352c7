"""URLs. Each domain app mounts its `urls` module and any `urls_<part>` modules under its prefix, so
two parts of one app (the SOP importer and the SOP renderers) keep separate url modules."""

import pkgutil
from importlib import import_module

from django.conf import settings
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

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
