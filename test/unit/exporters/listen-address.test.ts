import assert from "node:assert/strict";
import { test } from "node:test";
import { listenAddressValue } from "../../../src/config/listen-address.ts";

test("--metrics HOST:PORT: no host means 127.0.0.1, IPv6 in brackets, clear problems otherwise", () => {
  assert.deepEqual(listenAddressValue(":9464"), { ok: true, value: { host: "127.0.0.1", port: 9464 } });
  assert.deepEqual(listenAddressValue("0.0.0.0:9464"), { ok: true, value: { host: "0.0.0.0", port: 9464 } });
  assert.deepEqual(listenAddressValue("[::1]:0"), { ok: true, value: { host: "::1", port: 0 } });
  assert.deepEqual(listenAddressValue("metrics.local:80"), { ok: true, value: { host: "metrics.local", port: 80 } });
  for (const bad of ["9464", "host:99999", "a b:1", "::1:9464", "", "host:", ":-1"]) {
    const parsed = listenAddressValue(bad);
    assert.equal(parsed.ok, false, bad);
    if (!parsed.ok) assert.match(parsed.problem, /HOST:PORT/);
  }
});
