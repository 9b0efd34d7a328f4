# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A Kavenegar REST server on 127.0.0.1, in a thread, for the real client.

It answers ``/v1/<key>/<scope>/<method>.json`` as Kavenegar does (JSON with
``return.status`` equal to the HTTP status), records every request, and
plays a script of misbehaviours: a refusal code, a 5xx, a stall longer than
the client's timeout (after having sent the text, as a real outage that
loses the answer), or a body that is not JSON. Like Kavenegar, it sends a
``localid`` only once and answers a repeat with the first text's entry.
"""

import itertools
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

REFUSALS = {
    403: "کلید API معتبر نیست",
    409: "سرور در حال حاضر قادر به پاسخگویی نیست",
    411: "گیرنده نامعتبر است",
    418: "اعتبار حساب شما کافی نیست",
    422: "داده ها به دلیل وجود کاراکتر نامناسب قابل پردازش نیست",
    451: "فراخوانی بیش از حد در بازه زمانی مشخص",
    500: "خطای داخلی سرور",
}


class FakeKavenegar:
    STALL_SECONDS = 1.5

    def __init__(self):
        self.requests = []  # (key, scope, method, params)
        self.texts = []  # what reached a phone: one entry per text really sent
        self.script = []  # behaviours for the next requests, first first
        self.delivery = {}  # messageid -> delivery status
        self._by_localid = {}
        self._ids = itertools.count(8000001)
        self._lock = threading.Lock()
        self._server = None
        self.dropped = 0  # answers nobody waited for any more

    # -- life cycle -------------------------------------------------------
    def start(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                fake._handle(self)

            def log_message(self, *args):
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self):
        self._server.shutdown()
        self._server.server_close()

    @property
    def url(self):
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def reset(self):
        with self._lock:
            self.requests.clear()
            self.texts.clear()
            self.script.clear()
            self.delivery.clear()
            self._by_localid.clear()
            self.dropped = 0

    def calls(self, scope, method):
        return [
            params for _k, s, m, params in self.requests if (s, m) == (scope, method)
        ]

    # -- serving ----------------------------------------------------------
    def _handle(self, request):
        _empty, _version, key, scope, method = request.path.split("/", 4)
        method = method.removesuffix(".json")
        length = int(request.headers.get("Content-Length") or 0)
        form = parse_qs(request.rfile.read(length).decode())
        params = {name: values[-1] for name, values in form.items()}
        with self._lock:
            self.requests.append((key, scope, method, params))
            behaviour = self.script.pop(0) if self.script else "ok"
        if behaviour == "nonjson":
            return self._reply(request, 502, b"<html>Bad Gateway</html>", "text/html")
        if isinstance(behaviour, int):
            return self._answer(request, behaviour, REFUSALS.get(behaviour, "error"))
        entries = self._serve(scope, method, params)
        if behaviour == "stall":
            time.sleep(self.STALL_SECONDS)  # done, but the answer comes too late
        return self._answer(request, 200, "تایید شد", entries)

    def _serve(self, scope, method, params):
        if (scope, method) == ("sms", "send"):
            return [self._send(params, params.get("localid"))]
        if (scope, method) == ("verify", "lookup"):
            return [self._send(params, None)]
        if (scope, method) == ("sms", "status"):
            return [
                {"messageid": int(mid), "status": self.delivery.get(int(mid), 4)}
                for mid in params["messageid"].split(",")
            ]
        if (scope, method) == ("account", "info"):
            return {"remaincredit": 125000, "expiredate": 1900000000, "type": "Master"}
        return None

    def _send(self, params, localid):
        with self._lock:
            if localid and localid in self._by_localid:
                return self._by_localid[localid]
            entry = {
                "messageid": next(self._ids),
                "message": params.get("message", ""),
                "status": 1,
                "statustext": "در صف ارسال",
                "sender": params.get("sender") or "10004346",
                "receptor": params["receptor"],
                "date": int(time.time()),
                "cost": 1200,
            }
            self.texts.append(dict(entry, params=params))
            if localid:
                self._by_localid[localid] = entry
            return entry

    def _answer(self, request, status, message, entries=None):
        body = {"return": {"status": status, "message": message}, "entries": entries}
        self._reply(request, status, json.dumps(body).encode(), "application/json")

    def _reply(self, request, status, body, content_type):
        try:
            request.send_response(status)
            request.send_header("Content-Type", f"{content_type}; charset=utf-8")
            request.send_header("Content-Length", str(len(body)))
            request.end_headers()
            request.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            self.dropped += 1  # the client gave up waiting (a stall)
