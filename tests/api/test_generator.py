# SPDX-License-Identifier: GPL-2.0
"""POST /api/v1/generator and /generator/live against a real webd, with the
captured machines in tests/captures/: the reference arm64 machine gives the
same config as `bulkhead config create` on the same files (the host CLI is
run here), x86 gives notes and no config, damaged input gives precise
errors, save_as_board stores a profile (operators only) and announces it."""
import base64
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from webd import Webd, SseClient, check, problem, run  # noqa: E402

CAPS = os.path.join(os.path.dirname(__file__), "..", "captures")
CLI = os.environ.get("BULKHEAD_CLI", "")
REF = "qemu-arm64-gicv3"
W = None
TOK = {}


def read(machine, name, binary=False):
    with open(os.path.join(CAPS, machine, name), "rb") as f:
        data = f.read()
    return data if binary else data.decode()


def upload(machine, with_dtb=True):
    body = {"iomem": read(machine, "iomem"),
            "cpuinfo": read(machine, "cpuinfo"),
            "lspci": read(machine, "lspci-vvvnn.txt")}
    if with_dtb and os.path.exists(os.path.join(CAPS, machine, "fdt.dtb")):
        body["dtb"] = base64.b64encode(
            read(machine, "fdt.dtb", binary=True)).decode()
    return body


def cli_report(machine):
    d = os.path.join(CAPS, machine)
    args = [CLI, "config", "create", "--json", "--iomem", d + "/iomem",
            "--cpuinfo", d + "/cpuinfo", "--lspci", d + "/lspci-vvvnn.txt"]
    if os.path.exists(d + "/fdt.dtb"):
        args += ["--dtb", d + "/fdt.dtb"]
    out = subprocess.run(args, capture_output=True, text=True, timeout=30)
    return json.loads(out.stdout)


def post(path, body, role="viewer", **kw):
    return W.request("POST", path, body=body, token=TOK[role], **kw)


def test_reference_equals_cli():
    st, doc, _ = post("/api/v1/generator", upload(REF))
    check(st == 200, "status %s: %s" % (st, doc))
    cli = cli_report(REF)
    check(cli["ok"] and cli["complete"], "the CLI itself failed: %s" % cli)
    check(doc["valid"] is True and doc["errors"] == [], doc)
    check(doc["config"] == cli["config"],
          "webd's config differs from bulkhead config create's")
    check(doc["notes"] == cli["notes"], "notes differ from the CLI's")
    check(doc["found"] == cli["found"], "found differs from the CLI's")
    for n in doc["notes"]:
        check(set(n) == {"what", "why", "fix"}, "note members %s" % n)


def test_cell_name():
    body = upload(REF)
    body["cell_name"] = "plant-a"
    st, doc, _ = post("/api/v1/generator", body)
    check(st == 200 and doc["valid"], doc)
    check(doc["config"]["root_cell"]["name"] == "plant-a",
          "root cell name %s" % doc["config"]["root_cell"].get("name"))


def test_x86_notes_no_config():
    st, doc, _ = post("/api/v1/generator", upload("qemu-x86-q35"))
    check(st == 200, doc)
    check(doc["config"] is None and doc["valid"] is False, doc)
    check(doc["errors"] == [], doc["errors"])
    whats = [n["what"] for n in doc["notes"]]
    check("platform" in whats and "hypervisor_memory" in whats, whats)
    check(doc["found"]["arch"] == "x86_64", doc["found"])
    check(doc["notes"] == cli_report("qemu-x86-q35")["notes"], "notes")


def test_broken_dtb():
    body = upload(REF)
    dtb = bytearray(read(REF, "fdt.dtb", binary=True))
    dtb[0:4] = b"\0\0\0\0"          # the FDT magic
    body["dtb"] = base64.b64encode(bytes(dtb)).decode()
    st, doc, _ = post("/api/v1/generator", body)
    check(st == 200 and doc["config"] is None and not doc["valid"], doc)
    check(len(doc["errors"]) >= 1, doc)
    e = doc["errors"][0]
    check(e.get("document") == "dtb", "error names %s" % e)
    check("magic" in e["message"].lower(), "message: %s" % e["message"])
    # Saving damaged captures is refused, nothing stored.
    body["save_as_board"] = "broken"
    st, doc, _ = post("/api/v1/generator", body, role="operator")
    problem(doc, 422, "validation-failed")
    check(doc["errors"][0]["document"] == "dtb", doc)
    st, _, _ = W.get("/api/v1/boards/broken", token=TOK["viewer"])
    check(st == 404, "a board was stored from damaged captures")


def test_bad_base64():
    body = upload(REF)
    good = body["dtb"]
    body["dtb"] = good[:100] + "*" + good[101:]
    st, doc, _ = post("/api/v1/generator", body)
    problem(doc, 400, "malformed-base64")
    check(doc["position"] == 100 and doc["pointer"] == "/dtb", doc)
    body["dtb"] = good[:-1]
    st, doc, _ = post("/api/v1/generator", body)
    problem(doc, 400, "malformed-base64")
    check(doc["position"] == len(good) - 1, doc)
    body["dtb"] = "QQ==QUFB"
    st, doc, _ = post("/api/v1/generator", body)
    problem(doc, 400, "malformed-base64")
    check(doc["position"] == 2, doc)


def test_bad_requests():
    st, doc, _ = post("/api/v1/generator", '{"iomem": "x",')
    problem(doc, 400, "malformed-json")
    check(doc["position"] == 14 and doc["line"] == 1, doc)
    st, doc, _ = post("/api/v1/generator", {"iomem": 5, "dts": "x"})
    problem(doc, 422, "validation-failed")
    ptrs = sorted(e["pointer"] for e in doc["errors"])
    check(ptrs == ["/dts", "/iomem"], ptrs)
    st, doc, _ = post("/api/v1/generator", {})
    problem(doc, 422, "validation-failed")
    check("no capture" in doc["errors"][0]["message"], doc)
    st, doc, _ = post("/api/v1/generator", "[1]")
    problem(doc, 422, "validation-failed")
    st, doc, _ = post("/api/v1/generator", "x", ctype="text/plain")
    problem(doc, 415, "unsupported-media-type")
    st, doc, _ = post("/api/v1/generator/live", {"iomem": "x"})
    problem(doc, 422, "validation-failed")
    check(doc["errors"][0]["pointer"] == "/iomem", doc)
    # An input line that does not parse: named by capture and line.
    body = upload(REF)
    body["iomem"] = "00000000-0fffffff : ok\nnonsense\n"
    st, doc, _ = post("/api/v1/generator", body)
    check(st == 200 and doc["config"] is None and doc["errors"], doc)
    e = doc["errors"][0]
    check(e["document"] == "iomem" and "2" in e["pointer"], e)


def test_upload_limits():
    # The reference .dtb is 1 MiB (1.4 MB as base64): over --max-body,
    # within --max-upload. Beyond --max-upload: 413.
    body = upload(REF)
    check(len(json.dumps(body)) > 1 << 20, "the test needs a large body")
    body["iomem"] += "#" * (4 << 20)
    st, doc, _ = post("/api/v1/generator", body)
    problem(doc, 413, "body-too-large")
    check("4194304" in doc["detail"], doc["detail"])
    # Other routes keep --max-body.
    st, doc, _ = W.request("POST", "/api/v1/boards", token=TOK["operator"],
                           body='{"name": "%s"}' % ("x" * (1 << 20)))
    problem(doc, 413, "body-too-large")


def test_roles_and_save():
    body = upload(REF)
    body["save_as_board"] = "ref-board"
    st, doc, _ = post("/api/v1/generator", body)     # viewer
    problem(doc, 403, "forbidden")
    check("save_as_board" in doc["detail"], doc["detail"])
    st, _, _ = W.request("POST", "/api/v1/generator", body=upload(REF))
    check(st == 401, "no token: %s" % st)
    sse = SseClient(W.port, TOK["viewer"]).wait_connected()
    st, doc, r = post("/api/v1/generator", body, role="operator")
    check(st == 201, "status %s: %s" % (st, doc))
    check(r.getheader("Location") == "/api/v1/boards/ref-board", "Location")
    check(doc["board"]["name"] == "ref-board" and doc["valid"], doc)
    ev = sse.event(10)
    check(ev["event"] == "board.created", ev)
    check(ev["json"] == {"name": "ref-board", "etag": doc["board"]["etag"]},
          ev)
    sse.close()
    st, b, _ = W.get("/api/v1/boards/ref-board", token=TOK["viewer"])
    check(st == 200, b)
    check(b["architecture"] == "arm64", b["architecture"])
    check(b["generated_config"] == doc["config"], "stored config differs")
    check(b["captures"]["device_tree"] == body["dtb"], "dtb not stored")
    check(b["captures"]["iomem"] == body["iomem"], "iomem not stored")
    check(b["etag"] == doc["board"]["etag"], "etag")
    for n in doc["notes"]:
        check(n["why"] in b["notes"], "note missing from the board: %s" % n)
    st, doc, _ = post("/api/v1/generator", body, role="operator")
    problem(doc, 409, "board-exists")
    # x86: a profile without a config.
    body = upload("qemu-x86-q35")
    body["save_as_board"] = "q35"
    st, doc, _ = post("/api/v1/generator", body, role="operator")
    check(st == 201, doc)
    st, b, _ = W.get("/api/v1/boards/q35", token=TOK["viewer"])
    check(b["architecture"] == "x86_64" and b["generated_config"] is None, b)
    st, doc, _ = post("/api/v1/generator",
                      dict(upload(REF), save_as_board="../x"),
                      role="operator")
    problem(doc, 422, "validation-failed")
    check(doc["errors"][0]["pointer"] == "/save_as_board", doc)
    body = dict(upload(REF), cell_name="x" * 32)
    st, doc, _ = post("/api/v1/generator", body)
    problem(doc, 422, "validation-failed")
    check(doc["errors"][0]["pointer"] == "/cell_name", doc)


def test_live():
    # Whatever this host is, the answer is the generator's honest report.
    st, doc, _ = W.request("POST", "/api/v1/generator/live",
                           token=TOK["viewer"])
    check(st == 200, "status %s: %s" % (st, doc))
    check(set(doc) >= {"config", "notes", "valid", "errors", "found"}, doc)
    if not os.path.exists("/sys/firmware/fdt"):
        check(doc["config"] is None and doc["notes"], doc)
    st, doc2, _ = post("/api/v1/generator/live", {})
    check(st == 200 and doc2["notes"] == doc["notes"], doc2)


def test_audit():
    st, doc, _ = W.get("/api/v1/audit", token=TOK["admin"])
    acts = [(a["action"], a["status"]) for a in doc["records"]]
    check(("POST /api/v1/generator", 201) in acts, acts[:5])
    check(("POST /api/v1/generator", 403) in acts, acts[:5])


def main():
    global W
    if not CLI or not os.access(CLI, os.X_OK):
        print("BULKHEAD_CLI must name the host bulkhead CLI")
        sys.exit(2)
    W = Webd()
    for role in ("viewer", "operator", "admin"):
        TOK[role] = W.token(role, role)
    with W:
        W.start()
        run([test_reference_equals_cli, test_cell_name,
             test_x86_notes_no_config, test_broken_dtb, test_bad_base64,
             test_bad_requests, test_upload_limits, test_roles_and_save,
             test_live, test_audit])


if __name__ == "__main__":
    main()
