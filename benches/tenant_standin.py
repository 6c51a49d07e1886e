#!/usr/bin/env python3
"""A stateful stand-in for a ForgeRock Identity Cloud tenant, for benchmarks.

It answers the official collection's requests as `tests/support/fake_tenant.rs`
does in its lenient mode (apps with secrets, users, the UsernamePassword tree,
authorization codes, access/refresh/ID tokens that can be introspected and
revoked), but on Python's `http.server`: HTTP/1.1 keep-alive, one thread per
connection, and every response written in two sends (the head flushed by
`end_headers()`, then the body), as many small real services do. A client that
reuses the connection without care for that waits on delayed ACKs (the 40 ms
stall in docs/performance.md), which is what this stand-in is for.

    python3 benches/tenant_standin.py PORT
"""

import base64
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit


class Tenant:
    def __init__(self):
        self.lock = threading.Lock()
        self.counter = 0
        self.apps = {}
        self.secrets = {}
        self.users = {}
        self.passwords = {}
        self.sessions = {}
        self.codes = {}
        self.access = {}
        self.refresh = {}
        self.id_tokens = {}

    def next(self, prefix):
        self.counter += 1
        return f"{prefix}-{self.counter:03d}"

    def token(self, prefix):
        # Real tokens are JWTs; the collection checks that shape.
        return "eyJ." + self.next(prefix)

    def tokens(self, client, scope, user, refresh):
        grant = {"client": client, "scope": scope, "user": user, "active": True}
        access = self.token("access")
        self.access[access] = grant
        out = {"access_token": access, "token_type": "Bearer", "expires_in": 3599, "scope": scope}
        if user is not None and "openid" in scope.split(" "):
            idt = self.token("idtoken")
            self.id_tokens[idt] = dict(grant)
            out["id_token"] = idt
        if refresh:
            rt = self.token("refresh")
            self.refresh[rt] = dict(grant)
            out["refresh_token"] = rt
        return out


def merge(target, changes):
    if isinstance(target, dict) and isinstance(changes, dict):
        for k, v in changes.items():
            if k not in ("clientId", "id", "password"):
                target[k] = v


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    tenant = Tenant()

    def log_message(self, *args):
        pass

    # http.server calls do_<METHOD>.
    def do_GET(self):
        self.handle_any()

    do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_OPTIONS = do_GET

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        self.body = self.rfile.read(length) if length else b""
        url = urlsplit(self.path)
        self.route = url.path
        self.query = dict(parse_qsl(url.query, keep_blank_values=True))
        ctype = self.headers.get("Content-Type") or ""
        self.form = (
            dict(parse_qsl(self.body.decode("utf-8", "replace"), keep_blank_values=True))
            if "x-www-form-urlencoded" in ctype
            else {}
        )
        with Handler.tenant.lock:
            status, body, headers = self.answer(Handler.tenant)
        data = b"" if body is None else json.dumps(body).encode()
        self.send_response(status)
        if body is not None:
            self.send_header("Content-Type", "application/json")
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()  # the head goes out here: the first send
        if self.command != "HEAD":
            self.wfile.write(data)  # the body: the second send

    def json_body(self):
        try:
            return json.loads(self.body or b"null")
        except ValueError:
            return None

    def param(self, k):
        return self.form.get(k, self.query.get(k))

    def bearer(self):
        auth = self.headers.get("Authorization") or ""
        return auth[7:] if auth.startswith("Bearer ") else None

    def client(self):
        auth = self.headers.get("Authorization") or ""
        if auth.startswith("Basic "):
            try:
                text = base64.b64decode(auth[6:]).decode()
                return text.split(":", 1)[0]
            except (ValueError, UnicodeDecodeError):
                return ""
        return self.param("client_id") or ""

    def answer(self, t):
        path = self.route
        if path.startswith("/v1"):
            return self.management(t, path[3:])
        if path == "/am/json/realms/root/authenticate" and self.command == "POST":
            return self.authenticate(t)
        if path.startswith("/am/oauth2"):
            return self.oauth2(t, path[len("/am/oauth2"):])
        return 404, {"code": 404, "message": f"no route for {self.command} {path}"}, []

    def management(self, t, path):
        seg = path.strip("/").split("/")
        m = self.command
        if m == "POST" and seg == ["auth", "signin"]:
            body = self.json_body() or {}
            tok = t.next("signin-token")
            return 200, {"token": tok, "expires": "2030-01-01T00:00:00+00:00",
                         "user": {"email": body.get("email", "")}}, []
        if m == "GET" and seg == ["apps"]:
            return 200, list(t.apps.values()), []
        if m == "POST" and seg == ["apps"]:
            body = self.json_body()
            text = json.dumps(body)
            public = (isinstance(body, dict) and body.get("clientType") == "Public") \
                or '"native"' in text or '"spa"' in text
            cid = t.next("client")
            app = body if isinstance(body, dict) else {}
            app["clientId"] = cid
            t.apps[cid] = dict(app)
            if not public:
                secret = t.next("sec") + "+s/ecret="
                t.secrets[cid] = secret
                app["secret"] = secret
            return 201, app, []
        if m == "POST" and len(seg) == 3 and seg[:2] == ["apps", "refresh"]:
            cid = seg[2]
            secret = t.next("sec") + "+s/ecret="
            t.secrets[cid] = secret
            app = dict(t.apps.get(cid, {"clientId": cid}))
            app["secret"] = secret
            return 200, app, []
        if len(seg) == 2 and seg[0] == "apps":
            cid = seg[1]
            app = t.apps.get(cid)
            if app is None:
                return 200, {"clientId": cid}, []
            if m == "PUT":
                merge(app, self.json_body())
            elif m == "DELETE":
                t.apps.pop(cid, None)
                t.secrets.pop(cid, None)
            return 200, app, []
        if m == "POST" and seg == ["users"]:
            body = self.json_body()
            user = body if isinstance(body, dict) else {}
            uid = t.next("user")
            if isinstance(user.get("password"), str):
                t.passwords[user.get("userName", "")] = user["password"]
            user.pop("password", None)
            user["id"] = uid
            user["accountStatus"] = "Active"
            t.users[uid] = user
            return 201, user, []
        if m == "GET" and seg == ["users"]:
            f = self.query.get("filter") or self.query.get("_queryFilter")
            found = list(t.users.values())
            if f and " eq " in f:
                attribute, value = f.split(" eq ", 1)
                value = value.strip().strip('"')
                found = [u for u in found if u.get(attribute.strip()) == value]
            return 200, {"schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
                         "totalResults": len(found), "Resources": found}, []
        if len(seg) == 2 and seg[0] == "users" and m in ("GET", "PUT", "DELETE"):
            user = t.users.get(seg[1])
            if user is None:
                return 404, {"code": 404, "message": "user not found"}, []
            if m == "PUT":
                merge(user, self.json_body())
            elif m == "DELETE":
                t.users.pop(seg[1], None)
            return 200, user, []
        return 200, {"ok": True}, []

    def authenticate(self, t):
        body = self.json_body() or {}
        callbacks = body.get("callbacks") if isinstance(body, dict) else None

        def value(kind):
            for c in callbacks or []:
                if c.get("type") == kind:
                    return c.get("input", [{}])[0].get("value")
            return None

        if value("PasswordCallback") is None:
            return 200, {
                "authId": t.token("authid"),
                "callbacks": [
                    {"type": "NameCallback", "output": [{"name": "prompt", "value": "User Name"}],
                     "input": [{"name": "IDToken1", "value": ""}], "_id": 0},
                    {"type": "PasswordCallback", "output": [{"name": "prompt", "value": "Password"}],
                     "input": [{"name": "IDToken2", "value": ""}], "_id": 1},
                ],
                "stage": "UsernamePassword",
            }, []
        name = value("NameCallback") or ""
        user = next((uid for uid, u in t.users.items() if u.get("userName") == name), None)
        session = t.next("session")
        t.sessions[session] = user
        return 200, {"tokenId": session, "successUrl": "/enduser/?realm=/", "realm": "/"}, [
            ("Set-Cookie", f"iPlanetDirectoryPro={session}; Path=/; HttpOnly")]

    def oauth2(self, t, op):
        m = self.command
        if m == "GET" and op == "/authorize":
            cookie = self.headers.get("Cookie") or ""
            session = None
            for part in cookie.split(";"):
                part = part.strip()
                if part.startswith("iPlanetDirectoryPro=") and part[20:] in t.sessions:
                    session = part[20:]
            if session is None:
                return 302, None, [("Location", "https://example.com/login?goto=authorize")]
            code = t.next("code")
            redirect_uri = self.param("redirect_uri") or ""
            t.codes[code] = {"client": self.param("client_id") or "",
                             "scope": self.param("scope") or "", "user": t.sessions[session]}
            target = redirect_uri or "https://example.com/homeLogin/"
            return 302, None, [("Location", f"{target}?code={code}&state={self.param('state') or ''}")]
        if m == "POST" and op == "/access_token":
            client = self.client()
            grant = self.form.get("grant_type", "")
            requested = self.form.get("scope", "")
            if grant == "authorization_code":
                c = t.codes.pop(self.form.get("code", ""), None)
                if c is None:
                    return 200, t.tokens(client, "openid profile", None, True), []
                return 200, t.tokens(client, c["scope"], c["user"], True), []
            if grant == "client_credentials":
                return 200, t.tokens(client, requested, None, False), []
            if grant == "password":
                name = self.form.get("username", "")
                user = next((uid for uid, u in t.users.items() if u.get("userName") == name), None)
                return 200, t.tokens(client, requested, user, True), []
            if grant == "refresh_token":
                g = t.refresh.get(self.form.get("refresh_token", ""))
                if g is not None:
                    g["active"] = False
                    return 200, t.tokens(client, g["scope"], g["user"], True), []
            return 200, t.tokens(client, requested, None, True), []
        if m == "GET" and op == "/userinfo":
            g = t.access.get(self.bearer() or "")
            user = t.users.get(g["user"], {}) if g and g["user"] else {}
            name = user.get("name") or {}
            return 200, {"sub": user.get("id"), "name": name.get("formatted"),
                         "given_name": name.get("givenName"), "family_name": name.get("familyName"),
                         "email": user.get("userName")}, []
        if m == "POST" and op == "/idtokeninfo":
            client = self.param("client_id") or self.client()
            g = t.id_tokens.get(self.param("id_token") or "")
            return 200, {"sub": g["user"] if g else None, "aud": client, "azp": client,
                         "tokenName": "id_token", "iat": 1700000000, "exp": 1700003600}, []
        if m == "GET" and op == "/tokeninfo":
            tok = self.bearer() or self.query.get("access_token", "")
            g = t.access.get(tok) or {"client": "", "scope": "", "user": None}
            return 200, {"access_token": tok, "token_type": "Bearer", "expires_in": 3500,
                         "scope": [s for s in g["scope"].split(" ") if s],
                         "client_id": g["client"], "sub": g["user"]}, []
        if m == "POST" and op == "/introspect":
            tok = self.param("token") or ""
            g = t.access.get(tok) or t.refresh.get(tok)
            if g and g["active"]:
                return 200, {"active": True, "scope": g["scope"], "client_id": g["client"],
                             "user_id": g["user"], "token_type": "Bearer", "exp": 1700003600}, []
            return 200, {"active": False}, []
        if m == "POST" and op == "/token/revoke":
            tok = self.form.get("token", "")
            for table in (t.access, t.refresh):
                if tok in table:
                    table[tok]["active"] = False
            return 200, {}, []
        if m == "GET" and op == "/connect/endSession":
            return 302, None, [("Location", self.param("post_logout_redirect_uri") or "")]
        return 200, {"active": True}, []


def main():
    port = int(sys.argv[1])
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    server.serve_forever()


if __name__ == "__main__":
    main()
