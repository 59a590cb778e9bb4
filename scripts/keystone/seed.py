"""Creates DbaaS's projects and users in the private Keystone; safe to run again.

- project `service`, user `dbaas` with role admin: the service account the
  validator uses to call GET /v3/auth/tokens;
- project `demo`, user `demo` (member) and user `demo-reader` (reader).

No user gets a default project: an authentication without scope must yield an
unscoped token, which the tests rely on.

Passwords come from the environment and are (re)set on every run, so the
database always agrees with keystone.env.
"""
import json
import os
import urllib.parse
import urllib.request

URL = os.environ["DBAAS_KEYSTONE_URL"].rstrip("/")
DOMAIN = "default"


def call(method, path, token=None, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(URL + path, data=data, method=method)
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("X-Auth-Token", token)
    with urllib.request.urlopen(req, timeout=30) as resp:
        raw = resp.read()
        return resp.headers, (json.loads(raw) if raw else None)


def admin_token():
    headers, _ = call("POST", "/auth/tokens", body={"auth": {
        "identity": {"methods": ["password"], "password": {"user": {
            "name": "admin", "domain": {"id": DOMAIN},
            "password": os.environ["DBAAS_KEYSTONE_ADMIN_PASSWORD"]}}},
        "scope": {"project": {"name": "admin", "domain": {"id": DOMAIN}}}}})
    return headers["X-Subject-Token"]


def find(token, collection, name):
    query = urllib.parse.urlencode({"name": name, "domain_id": DOMAIN})
    _, body = call("GET", f"/{collection}?{query}", token)
    items = body[collection]
    return items[0]["id"] if items else None


def ensure_project(token, name):
    found = find(token, "projects", name)
    if found:
        return found
    _, body = call("POST", "/projects", token, {"project": {
        "name": name, "domain_id": DOMAIN, "description": "DbaaS dev"}})
    return body["project"]["id"]


def ensure_user(token, name, password):
    found = find(token, "users", name)
    if found:
        call("PATCH", f"/users/{found}", token, {"user": {"password": password}})
        return found
    _, body = call("POST", "/users", token, {"user": {
        "name": name, "domain_id": DOMAIN, "password": password, "enabled": True}})
    return body["user"]["id"]


def role_id(token, name):
    _, body = call("GET", "/roles?" + urllib.parse.urlencode({"name": name}), token)
    return body["roles"][0]["id"]


def grant(token, project_id, user_id, role):
    call("PUT", f"/projects/{project_id}/users/{user_id}/roles/{role_id(token, role)}", token)


def main():
    token = admin_token()
    service = ensure_project(token, "service")
    demo = ensure_project(token, "demo")
    env = os.environ
    grant(token, service, ensure_user(token, "dbaas", env["DBAAS_KEYSTONE_SERVICE_PASSWORD"]), "admin")
    grant(token, demo, ensure_user(token, "demo", env["DBAAS_KEYSTONE_DEMO_PASSWORD"]), "member")
    grant(token, demo, ensure_user(token, "demo-reader", env["DBAAS_KEYSTONE_READER_PASSWORD"]), "reader")


if __name__ == "__main__":
    main()
