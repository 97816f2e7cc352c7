"""The WSGI entry point that gunicorn serves (`kinerja serve`)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinerja.settings")
application = get_wsgi_application()
