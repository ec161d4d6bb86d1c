"""Webhook delivery of 1,000 events through the task worker (db_worker --batch), against a local
receiver; the raw line posts the same bodies with a bare httpx client in the same run.

Run: .venv/bin/python bench/bench_webhooks.py [events]
"""

import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from django_env import setup


class Receiver(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        self.rfile.read(int(self.headers["Content-Length"]))
        self.send_response(204)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def main(total: int = 1000) -> None:
    setup()
    import httpx
    import orjson
    from django.conf import settings
    from django.core.management import call_command

    from api.models import WebhookDelivery
    from api.services import webhooks
    from corpus.models import Corpus

    settings.REDLINE_WEBHOOK_ALLOW_PRIVATE = True
    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/hook"
    corpus = Corpus.objects.create(name=f"bench webhooks {time.time()}")
    endpoint = webhooks.register(corpus, None, url, ["segment.approved"])

    start = time.perf_counter()
    for i in range(total):
        webhooks.emit(corpus.pk, "segment.approved", {"segment": i, "document": 1, "version": 2})
    queued = time.perf_counter() - start

    start = time.perf_counter()
    call_command("db_worker", batch=True, no_startup_delay=True, interval=0.01, verbosity=0)
    worker = time.perf_counter() - start
    delivered = WebhookDelivery.objects.filter(endpoint=endpoint, state="delivered").count()

    # The same deliveries without the worker's bookkeeping: where the time goes.
    again = [
        webhooks.emit(corpus.pk, "segment.approved", {"segment": i})[0].pk for i in range(total)
    ]
    WebhookDelivery.objects.filter(pk__in=again).update(state="pending")
    start = time.perf_counter()
    for pk in again:
        webhooks.deliver(pk)
    direct = time.perf_counter() - start

    body = orjson.dumps({"type": "segment.approved", "data": {"segment": 1}}).decode()
    client = httpx.Client()
    start = time.perf_counter()
    for _ in range(total):
        client.post(url, content=body, headers={"content-type": "application/json"})
    raw = time.perf_counter() - start

    print(f"webhooks: {total:,} events to one endpoint (local receiver)")
    print(f"  queue      : {total / queued:8.0f} events/s (emit: delivery rows + tasks)")
    print(f"  worker     : {delivered / worker:8.0f} events/s delivered ({delivered:,} delivered)")
    print(f"  deliver()  : {total / direct:8.0f} events/s (in-process, no worker)")
    print(f"  raw httpx  : {total / raw:8.0f} posts/s (one client, no signing, no bookkeeping)")
    print(f"  worker/raw : {raw / worker * delivered / total:.2f}")
    server.shutdown()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
