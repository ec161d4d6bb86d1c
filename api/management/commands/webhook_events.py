"""Turn new history (imports, approvals, finished exports, glossary changes) into webhook
deliveries; run beside `manage.py run_worker`, which delivers them."""

import time

from django.core.management.base import BaseCommand

from api.services.events import scan


class Command(BaseCommand):
    help = "Emit webhook events for what changed since the last scan (--every N to keep running)."

    def add_arguments(self, parser):
        parser.add_argument("--every", type=float, default=0, help="Seconds between scans.")

    def handle(self, *args, every: float, **options):
        while True:
            queued = scan()
            if options["verbosity"] > 1 or not every:
                self.stdout.write(f"{queued} deliveries queued")
            if not every:
                return
            time.sleep(every)
