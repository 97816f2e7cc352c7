"""URLs. Each domain app mounts its own urls module under its prefix when it has one."""

from importlib.util import find_spec

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("kinerja.web.urls")),
]
for app, prefix in [("sop", "sop/"), ("workflow", ""), ("performance", "data/"),
                    ("correspondence", "")]:
    if find_spec(f"kinerja.{app}.urls"):
        urlpatterns.append(path(prefix, include(f"kinerja.{app}.urls")))

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
