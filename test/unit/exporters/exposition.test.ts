import assert from "node:assert/strict";
import { test } from "node:test";
import { Exposition, formatFor, formatValue } from "../../../src/exporters/exposition.ts";

test("families, escaped labels, special values and histogram lines in the text format", () => {
  const text = new Exposition()
    .family("x_total", "counter", "a help\nwith a line break")
    .sample("x_total", { topic: 'a"b\\c\nd' }, 3)
    .family("lat_seconds", "histogram", "latency")
    .histogram("lat_seconds", { topic: "t" }, [0.001, 0.5], [2, 5], 0.25, 7)
    .text();
  assert.equal(
    text,
    [
      "# HELP x_total a help\\nwith a line break",
      "# TYPE x_total counter",
      'x_total{topic="a\\"b\\\\c\\nd"} 3',
      "# HELP lat_seconds latency",
      "# TYPE lat_seconds histogram",
      'lat_seconds_bucket{topic="t",le="0.001"} 2',
      'lat_seconds_bucket{topic="t",le="0.5"} 5',
      'lat_seconds_bucket{topic="t",le="+Inf"} 7',
      'lat_seconds_sum{topic="t"} 0.25',
      'lat_seconds_count{topic="t"} 7',
      "",
    ].join("\n"),
  );
  assert.deepEqual([NaN, Infinity, -Infinity, 1e-7].map(formatValue), ["NaN", "+Inf", "-Inf", "1e-7"]);
  assert.throws(() => new Exposition().family("a", "gauge", "").family("a", "gauge", ""), /declared twice/);
});

test("OpenMetrics: counter families without _total, quotes escaped in HELP, # EOF at the end; chosen from Accept", () => {
  const text = new Exposition("openmetrics")
    .family("x_total", "counter", 'say "hi"')
    .sample("x_total", {}, 1)
    .family("g", "gauge", "a gauge")
    .sample("g", {}, NaN)
    .text();
  assert.equal(
    text,
    [
      '# HELP x say \\"hi\\"',
      "# TYPE x counter",
      "x_total 1",
      "# HELP g a gauge",
      "# TYPE g gauge",
      "g NaN",
      "# EOF",
      "",
    ].join("\n"),
  );
  // What Prometheus 2.42 sends, and what curl sends.
  assert.equal(
    formatFor(
      "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1",
    ),
    "openmetrics",
  );
  assert.equal(formatFor("*/*"), "prometheus");
  assert.equal(formatFor(undefined), "prometheus");
});
