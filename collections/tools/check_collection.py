#!/usr/bin/env python3
"""Check the invariants of postie's ForgeRock Identity Cloud collection.

Usage:
    python3 collections/tools/check_collection.py [COLLECTION [ENVIRONMENT]]

Defaults to collections/forgerock-identity-cloud.postman_collection.json and
environments/forgerock-identity-cloud.postman_environment.json in this checkout.
Standard library only. Prints every problem found and exits 1 if there is any.

What it checks:
- both files are valid JSON; the collection declares schema v2.1.0 and the
  environment is in Postman's export format, with a type, a description and
  enabled: true for every variable, secrets shipped empty and no variable unused;
- every request has at least one pm.test, including a status assertion, in its own
  test script, and exactly one
  saved example in the v2.1 example format, whose originalRequest keeps the
  request's method, base-URL variable and path, and whose status code is the one
  the request's `to.have.status(...)` assertions expect;
- all ids (collection, folders, requests, examples, scripts) are unique UUIDs;
- every {{variable}} a request uses (URL, enabled headers, body, own or inherited
  auth, and recursively through environment values) is defined in the environment
  or collection, or set by a script that runs earlier; a variable that scripts set
  must not be used before the first of them runs, unless it has a default value;
- the order never uses something that is gone: after a DELETE on {{id}}, a
  /token/revoke of {{token}} or an /connect/endSession (which ends {{sessionToken}}),
  no later request uses that variable unless a script sets it again;
- requests that a mock cannot tell apart by method and path (after the base-URL
  variable; {{variable}} path segments count as wildcards) each send an
  `x-mock-response-name` header equal to their example's name, and example names
  are unique;
- examples answering with a redirect come with a Location header and
  protocolProfileBehavior.followRedirects = false on their request;
- auth is a collection-level bearer {{accessToken}}; requests and folders inherit
  it or use noauth or basic (username/password attribute arrays);
- the flows the collection exists for are there, and the PKCE pair matches.
"""
import base64
import hashlib
import json
import os
import re
import sys

SCHEMA = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
BASES = ("tenantApiV1Url", "amUrl", "oauth2Url")
UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
VAR_RE = re.compile(r"\{\{([^{}]+)\}\}")
SET_RE = re.compile(
    r"(?:pm\.(?:environment|collectionVariables|variables|globals)\.set"
    r"|postman\.set(?:Environment|Global)Variable)\(\s*['\"]([^'\"]+)['\"]")
UNSET_RE = re.compile(
    r"(?:pm\.(?:environment|collectionVariables|variables|globals)\.unset"
    r"|postman\.clear(?:Environment|Global)Variable)\(\s*['\"]([^'\"]+)['\"]")
GET_RE = re.compile(
    r"pm\.(?:environment|collectionVariables|variables|globals)\.get\(\s*['\"]([^'\"]+)['\"]")
STATUS_RE = re.compile(r"to\.have\.status\(\s*(\d{3})\s*\)")

# Variables the issue asks scripts to capture.
REQUIRED_CAPTURES = (
    "accessToken", "idToken", "refreshToken", "natspaClientId", "webClientId", "webSecret",
    "m2mClientId", "m2mSecret", "authId", "sessionToken", "authorizationCode", "userId",
)
# (method, base variable, path prefix) of the flows the collection must cover.
REQUIRED_ENDPOINTS = (
    ("POST", "tenantApiV1Url", "auth/signin"),
    ("GET", "tenantApiV1Url", "apps"),
    ("POST", "tenantApiV1Url", "apps"),
    ("GET", "tenantApiV1Url", "apps/{{natspaClientId}}"),
    ("PUT", "tenantApiV1Url", "apps/{{natspaClientId}}"),
    ("DELETE", "tenantApiV1Url", "apps/{{natspaClientId}}"),
    ("GET", "tenantApiV1Url", "apps/{{webClientId}}"),
    ("PUT", "tenantApiV1Url", "apps/{{webClientId}}"),
    ("POST", "tenantApiV1Url", "apps/refresh/{{webClientId}}"),
    ("DELETE", "tenantApiV1Url", "apps/{{webClientId}}"),
    ("GET", "tenantApiV1Url", "apps/{{m2mClientId}}"),
    ("PUT", "tenantApiV1Url", "apps/{{m2mClientId}}"),
    ("POST", "tenantApiV1Url", "apps/refresh/{{m2mClientId}}"),
    ("DELETE", "tenantApiV1Url", "apps/{{m2mClientId}}"),
    ("POST", "tenantApiV1Url", "users"),
    ("GET", "tenantApiV1Url", "users"),
    ("GET", "tenantApiV1Url", "users/{{userId}}"),
    ("PUT", "tenantApiV1Url", "users/{{userId}}"),
    ("DELETE", "tenantApiV1Url", "users/{{userId}}"),
    ("POST", "amUrl", "json/realms/root/authenticate"),
    ("GET", "oauth2Url", "authorize"),
    ("POST", "oauth2Url", "access_token"),
    ("POST", "oauth2Url", "introspect"),
    ("POST", "oauth2Url", "token/revoke"),
    ("GET", "oauth2Url", "userinfo"),
    ("GET", "oauth2Url", "connect/endSession"),
    ("GET", "oauth2Url", "tokeninfo"),
)
REQUIRED_GRANTS = ("authorization_code", "client_credentials", "password", "refresh_token")


class Checker:
    def __init__(self):
        self.problems = []

    def fail(self, where, msg):
        self.problems.append("%s: %s" % (where, msg))


def load(path, ck):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        ck.fail(path, "cannot load JSON: %s" % e)
        return None


def script_text(node, listen):
    out = []
    for ev in node.get("event") or []:
        if ev.get("listen") == listen and not ev.get("disabled"):
            exec_ = (ev.get("script") or {}).get("exec") or []
            out.append("\n".join(exec_) if isinstance(exec_, list) else str(exec_))
    return "\n".join(out)


def flatten(nodes, parents, out):
    """Requests in run order, each with the chain of folders above it."""
    for node in nodes:
        if "item" in node:
            flatten(node["item"], parents + [node], out)
        else:
            out.append((node, parents))
    return out


def split_url(u):
    raw = u if isinstance(u, str) else (u or {}).get("raw", "")
    m = re.match(r"^\{\{([^{}]+)\}\}/?([^?#]*)", raw)
    if not m:
        return None, raw.split("?")[0]
    return m.group(1), m.group(2)


def mock_key(method, u):
    base, path = split_url(u)
    segs = ["*" if VAR_RE.fullmatch(s) else s for s in path.split("/") if s]
    return method.upper(), "/" + "/".join(segs)


def header_value(req, name):
    for h in req.get("header") or []:
        if isinstance(h, dict) and not h.get("disabled") and h.get("key", "").lower() == name.lower():
            return h.get("value")
    return None


def effective_auth(req, parents, collection):
    if "auth" in req:
        return req["auth"]
    for f in reversed(parents):
        if "auth" in f:
            return f["auth"]
    return collection.get("auth")


def strings_in(obj):
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, list):
        for x in obj:
            yield from strings_in(x)
    elif isinstance(obj, dict):
        for x in obj.values():
            yield from strings_in(x)


def used_vars(req, auth):
    """{{variables}} a request sends: URL, enabled headers, body, effective auth."""
    texts = []
    u = req.get("url")
    texts.append(u if isinstance(u, str) else (u or {}).get("raw", ""))
    for h in req.get("header") or []:
        if isinstance(h, dict) and not h.get("disabled"):
            texts += [h.get("key", ""), str(h.get("value", ""))]
    body = req.get("body") or {}
    mode = body.get("mode")
    if mode == "raw":
        texts.append(body.get("raw", ""))
    elif mode in ("urlencoded", "formdata"):
        for p in body.get(mode) or []:
            if not p.get("disabled"):
                texts += [p.get("key", ""), str(p.get("value", ""))]
    elif mode == "graphql":
        texts += list(strings_in(body.get("graphql")))
    if auth and auth.get("type") not in (None, "noauth"):
        texts += list(strings_in(auth.get(auth["type"])))
    found = set()
    for t in texts:
        for name in VAR_RE.findall(t):
            if not name.startswith("$"):
                found.add(name)
    return found


def expand(names, values):
    """Add the variables that defined values refer to, recursively."""
    seen, todo = set(), list(names)
    while todo:
        n = todo.pop()
        if n in seen:
            continue
        seen.add(n)
        for m in VAR_RE.findall(values.get(n) or ""):
            if not m.startswith("$"):
                todo.append(m)
    return seen


def check_ids(coll, ck):
    ids = []

    def walk_events(node, where):
        for ev in node.get("event") or []:
            sid = (ev.get("script") or {}).get("id")
            if sid is not None:
                ids.append((sid, where + " script"))

    info = coll.get("info") or {}
    ids.append((info.get("_postman_id"), "collection _postman_id"))
    walk_events(coll, "collection")

    def walk(nodes, path):
        for n in nodes:
            where = "/".join(path + [n.get("name", "?")])
            ids.append((n.get("id"), where))
            walk_events(n, where)
            if "item" in n:
                walk(n["item"], path + [n.get("name", "?")])
            for ex in n.get("response") or []:
                if "id" in ex:
                    ids.append((ex["id"], where + " example"))
    walk(coll.get("item") or [], [])
    seen = {}
    for i, where in ids:
        if not isinstance(i, str) or not UUID_RE.match(i):
            ck.fail(where, "id %r is not a lowercase UUID" % (i,))
            continue
        if i in seen:
            ck.fail(where, "id %s is also used by %s" % (i, seen[i]))
        seen[i] = where


def check_auth(auth, where, ck, allowed=("noauth", "basic")):
    t = auth.get("type")
    if t not in allowed:
        ck.fail(where, "auth type %r; use inherit (no auth key), noauth or basic" % t)
    if t == "basic":
        attrs = auth.get("basic")
        if not isinstance(attrs, list):
            ck.fail(where, "basic auth must be a v2.1 attribute array")
            return
        keys = {a.get("key"): a for a in attrs}
        for k in ("username", "password"):
            a = keys.get(k)
            if not a or not VAR_RE.fullmatch(str(a.get("value", ""))) or a.get("type") != "string":
                ck.fail(where, "basic auth needs {key:%r, value:'{{var}}', type:'string'}" % k)


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    coll_path = argv[1] if len(argv) > 1 else os.path.join(
        root, "collections", "forgerock-identity-cloud.postman_collection.json")
    env_path = argv[2] if len(argv) > 2 else os.path.join(
        root, "environments", "forgerock-identity-cloud.postman_environment.json")
    ck = Checker()
    coll = load(coll_path, ck)
    env = load(env_path, ck)
    if coll is None or env is None:
        return report(ck, 0)

    # ---- shapes
    info = coll.get("info") or {}
    if info.get("schema") != SCHEMA:
        ck.fail("info.schema", "must be %s" % SCHEMA)
    for k in ("name", "description"):
        if not info.get(k):
            ck.fail("info", "missing %s" % k)
    auth = coll.get("auth") or {}
    bearer = {a.get("key"): a.get("value") for a in auth.get("bearer") or []}
    if auth.get("type") != "bearer" or bearer.get("token") != "{{accessToken}}":
        ck.fail("collection auth", "must be bearer {{accessToken}}")

    if not isinstance(env.get("id"), str) or not UUID_RE.match(env["id"]):
        ck.fail("environment", "id must be a UUID")
    if not env.get("name"):
        ck.fail("environment", "missing name")
    if env.get("_postman_variable_scope") != "environment":
        ck.fail("environment", "_postman_variable_scope must be 'environment'")
    env_values, env_secret = {}, set()
    for v in env.get("values") or []:
        key = v.get("key")
        where = "environment %s" % key
        if not key:
            ck.fail("environment", "value without key")
            continue
        if key in env_values:
            ck.fail(where, "defined twice")
        if v.get("type") not in ("default", "secret"):
            ck.fail(where, "type must be 'default' or 'secret'")
        if v.get("enabled") is not True:
            ck.fail(where, "must be enabled")
        if not v.get("description"):
            ck.fail(where, "needs a description")
        if not isinstance(v.get("value"), str):
            ck.fail(where, "value must be a string")
        if v.get("type") == "secret":
            env_secret.add(key)
            if v.get("value"):
                ck.fail(where, "secret variables ship empty")
        env_values[key] = v.get("value") or ""
    coll_values = {v.get("key"): v.get("value") or "" for v in coll.get("variable") or []}
    all_values = dict(coll_values)
    all_values.update(env_values)

    check_ids(coll, ck)

    requests = flatten(coll.get("item") or [], [], [])
    if not requests:
        ck.fail(coll_path, "no requests")

    # folder auth and folder scripts
    folder_tests = 0

    def walk_folders(nodes, path):
        nonlocal folder_tests
        for n in nodes:
            if "item" in n:
                where = "/".join(path + [n.get("name", "?")])
                if "auth" in n:
                    check_auth(n["auth"], where, ck)
                if script_text(n, "test").strip():
                    folder_tests += 1
                walk_folders(n["item"], path + [n.get("name", "?")])
    walk_folders(coll.get("item") or [], [])
    if folder_tests == 0:
        ck.fail("collection", "no folder-level test script")

    # every variable some script sets, for the use-before-set rule
    script_set = set()
    for node in [coll] + [p for _, ps in requests for p in ps] + [r for r, _ in requests]:
        for listen in ("prerequest", "test"):
            script_set.update(SET_RE.findall(script_text(node, listen)))
    for name in REQUIRED_CAPTURES:
        if name not in script_set:
            ck.fail("scripts", "nothing captures %s" % name)

    # Variables available before the first request: defaults with a value, and
    # inputs no script sets (the user provides them, e.g. secrets).
    available = set()
    for k, v in all_values.items():
        if v or k not in script_set:
            available.add(k)
    for k, v in env_values.items():
        if not v and k not in script_set and k not in env_secret:
            ck.fail("environment %s" % k, "empty, not secret and set by no script")

    all_used = set()
    gone = {}  # variable -> request that invalidated it
    mock_groups = {}
    example_names = {}
    grants = set()
    names = {}

    for req_item, parents in requests:
        name = "/".join([p.get("name", "?") for p in parents] + [req_item.get("name", "?")])
        req = req_item.get("request") or {}
        method = (req.get("method") or "GET").upper()
        names.setdefault(req_item.get("name"), []).append(name)

        if "auth" in req:
            check_auth(req["auth"], name, ck)
        a = effective_auth(req, parents, coll)

        # scripts that run before the request
        pre = [script_text(coll, "prerequest")] + [script_text(p, "prerequest") for p in parents] \
            + [script_text(req_item, "prerequest")]
        for s in pre:
            for v in SET_RE.findall(s):
                available.add(v)
                gone.pop(v, None)
            for v in UNSET_RE.findall(s):
                available.discard(v)

        # variables the request sends
        used = expand(used_vars(req, a), all_values)
        for v in sorted(used):
            if v not in all_values and v not in script_set:
                ck.fail(name, "uses {{%s}}, which is neither in the environment/collection "
                              "nor set by any script" % v)
            elif v not in available:
                ck.fail(name, "uses {{%s}} before any script sets it" % v)
            if v in gone:
                ck.fail(name, "uses {{%s}} after %s made it invalid" % (v, gone[v]))

        # own tests
        tests = script_text(req_item, "test")
        if "pm.test(" not in tests:
            ck.fail(name, "no pm.test in the request's test script")
        if "pm.response.to.have.status(" not in tests:
            ck.fail(name, "the request's tests do not assert the status code")
        all_used |= used

        # the example
        examples = req_item.get("response") or []
        if len(examples) != 1:
            ck.fail(name, "has %d saved examples, needs exactly 1" % len(examples))
        for ex in examples:
            for k in ("name", "originalRequest", "status", "code", "_postman_previewlanguage",
                      "header", "cookie", "body"):
                if k not in ex:
                    ck.fail(name, "example lacks %s" % k)
            ex_name = ex.get("name")
            if ex_name in example_names:
                ck.fail(name, "example name %r also used by %s" % (ex_name, example_names[ex_name]))
            example_names[ex_name] = name
            orig = ex.get("originalRequest") or {}
            if (orig.get("method") or "GET").upper() != method:
                ck.fail(name, "example's originalRequest method differs from the request's")
            if split_url(orig.get("url")) != split_url(req.get("url")):
                ck.fail(name, "example's originalRequest URL %r does not keep the request's base "
                              "variable and path" % (split_url(orig.get("url")),))
            base, _ = split_url(req.get("url"))
            if base not in BASES:
                ck.fail(name, "URL must start with one of %s" % ", ".join("{{%s}}" % b for b in BASES))
            code = ex.get("code")
            for s in STATUS_RE.findall(tests):
                if int(s) != code:
                    ck.fail(name, "tests expect status %s but the example answers %s" % (s, code))
            hdrs = {h.get("key", "").lower(): h.get("value") for h in ex.get("header") or []
                    if isinstance(h, dict)}
            if not isinstance(ex.get("header"), list) or not isinstance(ex.get("cookie"), list):
                ck.fail(name, "example header and cookie must be arrays")
            if not isinstance(ex.get("body"), str):
                ck.fail(name, "example body must be a string")
            elif ex.get("_postman_previewlanguage") == "json":
                try:
                    json.loads(ex["body"])
                except ValueError as e:
                    ck.fail(name, "example body is not JSON: %s" % e)
            if isinstance(code, int) and 300 <= code < 400:
                if not hdrs.get("location"):
                    ck.fail(name, "redirect example without a Location header")
                ppb = req_item.get("protocolProfileBehavior") or {}
                if ppb.get("followRedirects") is not False:
                    ck.fail(name, "answers %s but does not set protocolProfileBehavior."
                                  "followRedirects = false" % code)
            mock_name = header_value(req, "x-mock-response-name")
            if mock_name is not None and mock_name != ex_name:
                ck.fail(name, "x-mock-response-name %r differs from its example's name %r"
                        % (mock_name, ex_name))
        mock_groups.setdefault(mock_key(method, req.get("url")), []).append((name, req))

        # flow-specific rules
        _, path = split_url(req.get("url"))
        if path == "authorize":
            cookie = header_value(req, "Cookie") or ""
            if "iPlanetDirectoryPro={{sessionToken}}" not in cookie:
                ck.fail(name, "authorize must send Cookie: iPlanetDirectoryPro={{sessionToken}}")
            if (req_item.get("protocolProfileBehavior") or {}).get("followRedirects") is not False:
                ck.fail(name, "authorize must set protocolProfileBehavior.followRedirects = false")
        body = req.get("body") or {}
        form = {p.get("key"): p.get("value") for p in body.get("urlencoded") or [] if not p.get("disabled")}
        if path == "access_token" and form.get("grant_type"):
            grants.add(form["grant_type"])

        # what this request invalidates
        invalid = set()
        if method == "DELETE":
            invalid |= set(VAR_RE.findall(path))
        if path == "token/revoke":
            invalid |= set(VAR_RE.findall(str(form.get("token", ""))))
        if path == "connect/endSession":
            invalid.add("sessionToken")
        for v in invalid:
            gone[v] = req_item.get("name")

        # scripts that run after the request
        post = [script_text(coll, "test")] + [script_text(p, "test") for p in parents] + [tests]
        for s in post:
            for v in SET_RE.findall(s):
                available.add(v)
                gone.pop(v, None)
            for v in UNSET_RE.findall(s):
                available.discard(v)

    for n, where in names.items():
        if len(where) > 1:
            ck.fail(where[1], "request name %r is not unique" % n)

    for (method, path), group in sorted(mock_groups.items()):
        if len(group) < 2:
            continue
        for name, req in group:
            if header_value(req, "x-mock-response-name") is None:
                ck.fail(name, "%s %s is shared by %d requests; add an x-mock-response-name "
                              "header naming its example" % (method, path, len(group)))

    # every environment variable is used by a request or read by a script
    read = set()
    for node in [coll] + [p for _, ps in requests for p in ps] + [r for r, _ in requests]:
        for listen in ("prerequest", "test"):
            read.update(GET_RE.findall(script_text(node, listen)))
    for k in env_values:
        if k not in all_used and k not in read:
            ck.fail("environment %s" % k, "used by no request and read by no script")

    # coverage
    seen = {(r.get("request", {}).get("method", "GET").upper(),) + split_url(r.get("request", {}).get("url"))
            for r, _ in requests}
    for m, b, p in REQUIRED_ENDPOINTS:
        if not any(sm == m and sb == b and sp == p for sm, sb, sp in seen):
            ck.fail("coverage", "no %s {{%s}}/%s request" % (m, b, p))
    for g in REQUIRED_GRANTS:
        if g not in grants:
            ck.fail("coverage", "no /access_token request with grant_type=%s" % g)

    # PKCE pair
    verifier, challenge = env_values.get("codeVerifier"), env_values.get("codeChallenge")
    if verifier and challenge:
        want = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        if want != challenge:
            ck.fail("environment codeChallenge", "is not BASE64URL(SHA-256(codeVerifier))")

    return report(ck, len(requests))


def report(ck, n):
    for p in ck.problems:
        print("problem: " + p)
    if ck.problems:
        print("check_collection: %d requests, %d problems" % (n, len(ck.problems)))
        return 1
    print("check_collection: %d requests, all checks passed" % n)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
