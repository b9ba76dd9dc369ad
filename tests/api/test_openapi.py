#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""The served OpenAPI document and the route table describe the same API:
every route is documented (with its role) and every documented operation
is served."""
import json
import os
import subprocess

from webd import WEBD, Webd, check, run

SRC = os.path.join(os.path.dirname(__file__), "..", "..", "webd",
                   "openapi.json")


def routes():
    out = subprocess.run([WEBD, "--print-routes"], check=True, timeout=10,
                         capture_output=True, text=True).stdout
    return {(m.lower(), p): role for m, p, role in
            (line.split() for line in out.splitlines())}


def documented(doc):
    ops = {}
    for path, item in doc["paths"].items():
        for method, op in item.items():
            if method in ("get", "put", "post", "delete", "patch"):
                ops[(method, path)] = op.get("x-bulkhead-role")
    return ops


def test_routes_match_document():
    with Webd() as w:
        w.start()
        s, doc, r = w.get("/api/v1/openapi.json")
        check(s == 200, "openapi status %s" % s)
        with open(SRC) as f:
            check(json.load(f) == doc, "served document differs from "
                  "webd/openapi.json")
        check(doc["openapi"].startswith("3."), "not OpenAPI 3")
        served, docd = routes(), documented(doc)
        check(set(served) - set(docd) == set(),
              "routes missing from the document: %s" %
              sorted(set(served) - set(docd)))
        check(set(docd) - set(served) == set(),
              "documented but not served: %s" %
              sorted(set(docd) - set(served)))
        for k, role in served.items():
            check(docd[k] == role, "%s %s: role %s, document says %s" % (
                k[0].upper(), k[1], role, docd[k]))
        w.stop()


run([test_routes_match_document])
