#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Auth by role: 401 for who-are-you, 403 for not-allowed; audit log."""
import time

from webd import Webd, check, problem, run, wait_for

BOARD = {"name": "auth-board", "architecture": "arm64"}


def test_roles():
    with Webd() as w:
        viewer = w.token("viewer", "v")
        operator = w.token("operator", "op")
        admin = w.token("admin", "adm")
        w.start()
        s, d, r = w.get("/api/v1/boards")
        check(s == 401, "no token: %s" % s)
        problem(d, 401, "unauthorized")
        check("Bearer" in r.getheader("WWW-Authenticate", ""),
              "401 without WWW-Authenticate")
        s, d, _ = w.get("/api/v1/boards", headers={"Authorization": "Basic x"})
        problem(d, 401, "unauthorized")
        s, d, _ = w.get("/api/v1/boards", token="bh_" + "A" * 43)
        problem(d, 401, "unauthorized")
        check("unknown" in d["detail"], d["detail"])
        s, d, _ = w.get("/api/v1/boards", token="short")
        problem(d, 401, "unauthorized")
        check(w.get("/api/v1/boards", token=viewer)[0] == 200, "viewer read")
        s, d, _ = w.request("POST", "/api/v1/boards", BOARD, token=viewer)
        problem(d, 403, "forbidden")
        s, d, _ = w.request("POST", "/api/v1/boards", BOARD, token=operator)
        check(s == 201, "operator create: %s %s" % (s, d))
        s, d, _ = w.request("DELETE", "/api/v1/boards/auth-board",
                            token=operator)
        problem(d, 403, "forbidden")
        s, d, _ = w.get("/api/v1/audit", token=operator)
        problem(d, 403, "forbidden")
        s, _, _ = w.request("DELETE", "/api/v1/boards/auth-board",
                            token=admin)
        check(s == 204, "admin delete: %s" % s)
        s, d, _ = w.get("/api/v1/audit", token=admin)
        check(s == 200, "audit read")
        recs = [(x["who"], x["action"], x["status"]) for x in d["records"]]
        for want in [("v", "POST /api/v1/boards", 403),
                     ("op", "POST /api/v1/boards", 201),
                     ("op", "DELETE /api/v1/boards/{name}", 403),
                     ("adm", "DELETE /api/v1/boards/{name}", 204)]:
            check(want in recs, "audit lacks %s: %s" % (want, recs))
        check(all(x[1] != "GET /api/v1/boards" for x in recs),
              "reads must not be audited")
        w.stop()


def test_revoke():
    with Webd() as w:
        t = w.token("viewer", "gone")
        w.start()
        check(w.get("/api/v1/system", token=t)[0] == 200, "before revoke")
        import subprocess
        from webd import WEBD
        subprocess.run([WEBD, "token", "revoke", "gone", "--db", w.db],
                       check=True, timeout=10, capture_output=True)
        # webd remembers a token it found for a second (token_cache.h):
        # refused within that, and for good after it.
        revoked = time.monotonic()
        wait_for(lambda: w.get("/api/v1/system", token=t)[0] == 401, 1.5,
                 "the revoked token refused")
        check(time.monotonic() - revoked < 1.5, "refused too late")
        time.sleep(1.1)     # past the cache's lifetime: must stay refused
        s, d, _ = w.get("/api/v1/system", token=t)
        problem(d, 401, "unauthorized")
        out = subprocess.run([WEBD, "token", "list", "--db", w.db],
                             check=True, timeout=10, capture_output=True,
                             text=True).stdout
        check("gone" not in out, "revoked token still listed")
        w.stop()


def test_no_auth_is_loud():
    with Webd("--no-auth") as w:
        w.start()
        check(w.get("/api/v1/audit")[0] == 200, "--no-auth acts as admin")
        w.stop()
        check("NO AUTHENTICATION" in w.logtext(), "--no-auth not logged")


run([test_roles, test_revoke, test_no_auth_is_loud])
