import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

# What is loaded by now lives as long as the worker: settings, models, and the URLconf with every
# view module (loaded here rather than by the first request). gc.freeze() keeps the collector
# from walking those ~120,000 objects again: each full collection did, about 70 ms on a small
# server, stalling whichever request set it off (bench_keys saw one in every ~40 actions).
get_resolver().url_patterns  # noqa: B018 (loading it is the point)
gc.freeze()
