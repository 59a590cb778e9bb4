#!/usr/bin/env python3
"""A small DbaaS API client for the instance benchmarks (python3 standard library only).

  client.py create-to-active --url U --engine mariadb --runs 10 [--json out.json]
      POST an instance, poll GET /instances/{id} every 50 ms until ACTIVE, record the time, delete it and wait
      until it is gone; meanwhile an admin poller records when the create task's step changes (GET /mgmt/instances/{id}).
  client.py create-many --url U --count 1000 --concurrency 32
      POST <count> instances from <concurrency> threads as fast as the API takes them; time until every POST was
      answered 200, then until every instance is ACTIVE (polled through the list, 1,000 a page).
  client.py token --url U          print "<token> <project id>" of the demo user, for wrk
  client.py ids --url U            print the ids of the demo project's instances, one per line
  client.py delete-all --url U     delete every instance of the demo project and wait until they are gone

The passwords come from BENCH_DEMO_PASSWORD and BENCH_ADMIN_PASSWORD (set by lib.sh).
"""
import argparse
import json
import os
import resource
import statistics
import sys
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

POLL_SECONDS = 0.05
FLAVOR = "2"


class Api:
    def __init__(self, url, user, password):
        self.url = url.rstrip("/")
        body = {"auth": {"identity": {"methods": ["password"], "password": {"user": {
            "name": user, "domain": {"name": "Default"}, "password": password}}},
            "scope": {"project": {"name": user, "domain": {"name": "Default"}}}}}
        request = urllib.request.Request(self.url + "/v3/auth/tokens", json.dumps(body).encode(),
                                         {"Content-Type": "application/json"}, method="POST")
        with urllib.request.urlopen(request, timeout=30) as response:
            self.token = response.headers["X-Subject-Token"]
            self.project = json.load(response)["token"]["project"]["id"]

    def call(self, method, path, body=None, timeout=60):
        """(status, parsed body or None); never raises on an HTTP error status."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.url + path, data, method=method, headers={
            "X-Auth-Token": self.token, "Content-Type": "application/json", "Accept": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                raw = response.read()
                return response.status, (json.loads(raw) if raw else None)
        except urllib.error.HTTPError as error:
            raw = error.read()
            try:
                return error.code, json.loads(raw) if raw else None
            except ValueError:
                return error.code, raw.decode(errors="replace")

    def tenant(self, path):
        return f"/v1.0/{self.project}{path}"


def demo(url):
    return Api(url, "demo", os.environ["BENCH_DEMO_PASSWORD"])


def admin(url):
    return Api(url, "admin", os.environ["BENCH_ADMIN_PASSWORD"])


def create_body(name, engine):
    return {"instance": {"name": name, "flavorRef": FLAVOR, "volume": {"size": 1},
                         "datastore": {"type": engine}, "databases": [], "users": []}}


def create(api, name, engine):
    status, body = api.call("POST", api.tenant("/instances"), create_body(name, engine))
    if status != 200:
        raise RuntimeError(f"POST /instances answered {status}: {body}")
    return body["instance"]["id"]


def delete_and_wait(api, instance_id, within=120):
    status, body = api.call("DELETE", api.tenant(f"/instances/{instance_id}"))
    if status not in (202, 404):
        raise RuntimeError(f"DELETE answered {status}: {body}")
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if api.call("GET", api.tenant(f"/instances/{instance_id}"))[0] == 404:
            return
        time.sleep(0.1)
    raise RuntimeError(f"instance {instance_id} still there after {within} s")


class StepRecorder(threading.Thread):
    """Polls the admin view of one instance and notes when the create task's step first shows (seconds after t0)."""

    def __init__(self, admin_api, instance_id, t0):
        super().__init__(daemon=True)
        self.admin, self.instance_id, self.t0 = admin_api, instance_id, t0
        self.steps = {}
        self.halt = threading.Event()

    def run(self):
        while not self.halt.is_set():
            status, body = self.admin.call("GET", self.admin.tenant(f"/mgmt/instances/{self.instance_id}"))
            if status == 200:
                for task in body["instance"].get("tasks") or []:
                    if task["kind"] == "create":
                        key = "done" if task["state"] == "succeeded" else (task["step"] or task["state"])
                        self.steps.setdefault(key, round(time.monotonic() - self.t0, 3))
            self.halt.wait(POLL_SECONDS)


def guest_timeline(state_dir, instance_id, t0_wall):
    """What the guest's own log and /proc say, in seconds after the POST: process start, first heartbeat, prepare."""
    directory = os.path.join(state_dir, instance_id)
    found = {}
    try:
        with open(os.path.join(directory, "guest.pid")) as f:
            pid = int(f.read().split()[0])
        with open(f"/proc/{pid}/stat") as f:
            start_ticks = int(f.read().rsplit(")", 1)[1].split()[19])
        # The boot time as wall clock now, to 10 ms: /proc/stat's btime is whole seconds (up to 1 s early).
        with open("/proc/uptime") as f:
            boot = time.time() - float(f.read().split()[0])
        found["process_start"] = boot + start_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError):
        pass
    marks = [("starting", lambda m: m.startswith("guest agent ")),
             ("connected", lambda m: m.startswith("connected to RabbitMQ")),
             ("first_heartbeat", lambda m: m.startswith("first heartbeat sent")),
             ("prepare_started", lambda m: m == "prepare: started"),
             ("engine_started", lambda m: ": started " in m),
             ("prepare_done", lambda m: m.startswith("prepare: done"))]
    try:
        with open(os.path.join(directory, "guest.log")) as f:
            for line in f:
                try:
                    entry = json.loads(line)
                except ValueError:
                    continue
                for key, matches in marks:
                    if key not in found and matches(entry.get("msg", "")):
                        found[key] = datetime.fromisoformat(entry["ts"]).timestamp()
    except OSError:
        return None
    timeline = {key: round(value - t0_wall, 3) for key, value in found.items()}
    if "process_start" in found and "first_heartbeat" in found:
        timeline["start_to_first_heartbeat"] = round(found["first_heartbeat"] - found["process_start"], 3)
    return timeline


def create_to_active(args):
    api = demo(args.url)
    admin_api = admin(args.url) if args.steps else None
    runs = []
    for run in range(args.runs):
        t0, t0_wall = time.monotonic(), time.time()
        instance_id = create(api, f"bench-{args.engine}-{run}", args.engine)
        accepted = time.monotonic() - t0
        recorder = None
        if admin_api:
            recorder = StepRecorder(admin_api, instance_id, t0)
            recorder.start()
        status, deadline = None, t0 + args.timeout
        while time.monotonic() < deadline:
            code, body = api.call("GET", api.tenant(f"/instances/{instance_id}"))
            status = body["instance"]["status"] if code == 200 else f"HTTP {code}"
            if status in ("ACTIVE", "ERROR"):
                break
            time.sleep(POLL_SECONDS)
        active = time.monotonic() - t0
        if recorder:
            recorder.halt.set()
            recorder.join()
        record = {"engine": args.engine, "run": run, "id": instance_id, "status": status,
                  "accepted_s": round(accepted, 3), "active_s": round(active, 3),
                  "steps": recorder.steps if recorder else None,
                  "guest": guest_timeline(args.state_dir, instance_id, t0_wall) if args.state_dir else None}
        if args.hold:
            # Keeps the instance for a measurement of its guest (bench_guest.sh), which deletes it.
            print(json.dumps(record), flush=True)
            return
        delete_and_wait(api, instance_id)
        runs.append(record)
        print(json.dumps(record), flush=True)
        if status != "ACTIVE":
            sys.exit(f"instance {instance_id} ended {status}")
        time.sleep(args.pause)
    times = [r["active_s"] for r in runs]
    summary = {"engine": args.engine, "runs": len(times), "median_s": round(statistics.median(times), 3),
               "min_s": min(times), "max_s": max(times)}
    print(json.dumps(summary), flush=True)
    if args.json:
        with open(args.json, "w") as out:
            json.dump({"summary": summary, "runs": runs}, out, indent=1)


def list_all(api, status_only=False):
    """Every instance of the project, 1,000 a page (the API's largest page)."""
    items, marker = [], None
    while True:
        path = api.tenant("/instances?limit=1000" + (f"&marker={marker}" if marker else ""))
        code, body = api.call("GET", path)
        if code != 200:
            raise RuntimeError(f"GET {path} answered {code}: {body}")
        items += body["instances"]
        nxt = [link for link in body.get("links", []) if link.get("rel") == "next"]
        if not nxt:
            return items
        marker = items[-1]["id"]


def create_many(args):
    api = demo(args.url)
    errors = []
    answered = [0]
    lock = threading.Lock()

    def one(n):
        status, body = api.call("POST", api.tenant("/instances"), create_body(f"bulk-{n}", args.engine))
        with lock:
            if status == 200:
                answered[0] += 1
            else:
                errors.append((status, body))

    t0 = time.monotonic()
    with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
        list(pool.map(one, range(args.count)))
    accepted = time.monotonic() - t0
    if errors:
        sys.exit(f"{len(errors)} creates failed, first: {errors[0]}")
    active_at = None
    deadline = t0 + args.timeout
    while time.monotonic() < deadline:
        instances = list_all(api)
        active = sum(1 for i in instances if i["status"] == "ACTIVE")
        if active >= args.count and len(instances) >= args.count:
            active_at = time.monotonic() - t0
            break
        if any(i["status"] == "ERROR" for i in instances):
            sys.exit("an instance ended in ERROR")
        time.sleep(0.1)
    print(json.dumps({"count": args.count, "concurrency": args.concurrency, "accepted_all_s": round(accepted, 3),
                      "creates_per_s": round(args.count / accepted, 1),
                      "active_all_s": None if active_at is None else round(active_at, 3),
                      "client_cpu_s": round(sum(resource.getrusage(resource.RUSAGE_SELF)[:2]), 1)}), flush=True)


def delete_all(args):
    api = demo(args.url)
    instances = list_all(api)
    if not instances:
        return
    with ThreadPoolExecutor(max_workers=16) as pool:
        list(pool.map(lambda i: api.call("DELETE", api.tenant(f"/instances/{i['id']}")), instances))
    deadline = time.monotonic() + args.timeout
    while time.monotonic() < deadline:
        left = list_all(api)
        if not left:
            print(f"deleted {len(instances)} instances", file=sys.stderr)
            return
        time.sleep(0.5)
    sys.exit(f"{len(left)} instances still there after {args.timeout} s")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    c = commands.add_parser("create-to-active")
    c.add_argument("--engine", required=True)
    c.add_argument("--runs", type=int, default=10)
    c.add_argument("--timeout", type=float, default=120)
    c.add_argument("--pause", type=float, default=1, help="seconds between runs, for the deleted guest to go")
    c.add_argument("--steps", action=argparse.BooleanOptionalAction, default=True)
    c.add_argument("--hold", action="store_true", help="create one, keep it, print its record")
    c.add_argument("--json")
    c.add_argument("--state-dir", help="Compute:Process:StateDirectory, to read each guest's log before the delete")
    c.set_defaults(run=create_to_active)
    m = commands.add_parser("create-many")
    m.add_argument("--count", type=int, default=1000)
    m.add_argument("--concurrency", type=int, default=32)
    m.add_argument("--engine", default="mariadb")
    m.add_argument("--timeout", type=float, default=600)
    m.set_defaults(run=create_many)
    t = commands.add_parser("token")
    t.set_defaults(run=lambda a: (lambda api: print(api.token, api.project))(demo(a.url)))
    f = commands.add_parser("ids")
    f.set_defaults(run=lambda a: print("\n".join(i["id"] for i in list_all(demo(a.url)))))
    d = commands.add_parser("delete-all")
    d.add_argument("--timeout", type=float, default=600)
    d.set_defaults(run=delete_all)
    for sub in (c, m, t, f, d):
        sub.add_argument("--url", required=True)
    args = parser.parse_args()
    args.run(args)


if __name__ == "__main__":
    main()
