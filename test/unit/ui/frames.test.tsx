/**
 * Exact frames of the dashboard for fixed snapshots: every panel, the layouts for 100×30, 80×24
 * and 60×20, and the overlays. A change to any frame must be looked at, then copied here.
 */
import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { cleanup } from "ink-testing-library";
import { FakeEngine, snapshot } from "./fixtures.ts";
import { KEYS, renderAt, type } from "./render.ts";
import { app, busy, fourTopics, manyEvents } from "./scenes.tsx";

afterEach(cleanup);

/** Header and table of the busy run at 80×24, the top of several frames. */
const BUSY_TOP = [
  "surge industrial · RUNNING · 1m05s · connected · 127.0.0.1:19092",
  "target 2,000/s · generated 1,999 ev/s · acked 2,071 rec/s",
  "› spike started on 5% of devices for 10s",
  "",
  "  topic         msgs/s   MB/s      acked  failed in flight    p50    p99  max ms",
  "› device-data    2,000   0.90     60,000       3        12   4.10   17.9    40.2",
  "  alerts            71   0.03      2,130       0         0   4.10   17.9    40.2",
  "",
];
/** Its sparklines, latency, anomalies, errors and the latest events. */
const BUSY_CHARTS = [
  "acked/s, last 55 s                                                          peak",
  "› device-data                                     ▅█▆▅█▇▆█▇▆▅█▆▅█▇▆█▇     1.9k/s",
  "  alerts                                          ▅█▆▅█▇▆█▇▆▅█▆▅█▇▆█▇       67/s",
  "",
  "send→ack ms · device-data · 10,000 samples    anomalies (2)",
  "p50    █▉                               4.20    spike 5% of devices      7s left",
  "p75    ██▎                              5.04    burst the fleet ×3    1m05s left",
  "p90    ███                              6.72  errors (1 distinct)",
  "p95    ███▊                             8.40    NOT_LEADER_OR_FOLLOWER ×3 alert…",
  "p99    ████████▏                        18.5  events (4)",
  "p99.9  █████████████████▋               39.9    30.1s dropout ended (topic aler…",
  "p99.99 ███████████████████████████      61.3    1m02s spike started: 5% of devi…",
  "max    ███████████████████████████      61.3    1m04s burst started: the fleet …",
];

/** Header, table and sparklines of the plain two-topic run at 100×30. */
const PLAIN_TOP = [
  "surge industrial · RUNNING · 1m05s · connected · 127.0.0.1:19092",
  "target 2,000/s · generated 1,999 ev/s · acked 2,071 rec/s",
  "› ? shows every key",
  "",
  "  topic                             msgs/s   MB/s      acked  failed in flight    p50    p99  max ms",
  "› device-data                        2,000   0.90     60,000       0        12   4.10   17.9    40.2",
  "  alerts                                71   0.03      2,130       0         0   4.10   17.9    40.2",
  "",
  "acked/s, last 60 s                                                               peak",
  "› device-data                                          ▅█▆▅█▇▆█▇▆▅█▆▅█▇▆█▇     1.9k/s",
  "  alerts                                               ▅█▆▅█▇▆█▇▆▅█▆▅█▇▆█▇       67/s",
  "",
];

/** The busy run's latency and anomalies at 60 columns, stacked. */
const BUSY_STACKED = [
  "send→ack ms · device-data · 10,000 samples",
  "p50    ███                                              4.20",
  "p75    ███▌                                             5.04",
  "p90    ████▊                                            6.72",
  "p95    █████▉                                           8.40",
  "p99    █████████████                                    18.5",
  "p99.9  ████████████████████████████                     39.9",
  "p99.99 ███████████████████████████████████████████      61.3",
  "max    ███████████████████████████████████████████      61.3",
  "anomalies (2)",
  "  spike 5% of devices                                7s left",
  "  burst the fleet ×3                              1m05s left",
];

const FRAMES = {
  events100x30: [
    ...PLAIN_TOP.slice(0, 1),
    "target 2,000/s · profile sine 1000–5000/s, period 60s · generated 1,999 ev/s · acked 2,071 rec/s",
    ...PLAIN_TOP.slice(2),
    "send→ack ms · device-data · 10,000 samples               anomalies",
    "p50    ██▋                                         4.20    none (a: inject one)",
    "p75    ███▏                                        5.04  errors",
    "p90    ████▏                                       6.72    none",
    "p95    █████▎                                      8.40  events (9)",
    "p99    ███████████▌                                18.5    15.0s burst ended (the fleet ×2)",
    "p99.9  ████████████████████████▊                   39.9    48.2s spike started: 5% of devices (120–…",
    "p99.99 ██████████████████████████████████████      61.3    58.2s spike ended (5% of devices (120–16…",
    'max    ██████████████████████████████████████      61.3    1m01s timeline: no topic named "audit"',
    "",
    "+/- rate ±10%  ↑/↓ ±1%  0-9⏎ set rate  space pause  a anomaly  t topic  l lat/late  ? help  q quit",
  ].join("\n"),
  busyStacked60x34: [
    "surge industrial · RUNNING · 1m05s · connected · 127.0.0.1:…",
    "target 2,000/s · generated 1,999 ev/s · acked 2,071 rec/s",
    "› spike started on 5% of devices for 10s",
    "",
    "  topic              msgs/s      acked    p50    p99  max ms",
    "› device-data         2,000     60,000   4.10   17.9    40.2",
    "  alerts                 71      2,130   4.10   17.9    40.2",
    "",
    "acked/s, last 35 s                                      peak",
    "› device-data                 ▅█▆▅█▇▆█▇▆▅█▆▅█▇▆█▇     1.9k/s",
    "  alerts                      ▅█▆▅█▇▆█▇▆▅█▆▅█▇▆█▇       67/s",
    "",
    ...BUSY_STACKED,
    "errors (1 distinct)",
    "  NOT_LEADER_OR_FOLLOWER ×3 alerts 12s ago: This server is …",
    "events (4)",
    "  30.1s dropout ended (topic alerts)",
    "  1m02s spike started: 5% of devices (120–169) for 10s (key)",
    "  1m04s burst started: the fleet ×3 for 1m05s (timeline)",
    "",
    "+/- rate ±10%  ↑/↓ ±1%  0-9⏎ set rate  ? help  q quit",
  ].join("\n"),
  plain100x30: [
    ...PLAIN_TOP,
    "send→ack ms · device-data · 10,000 samples               anomalies",
    "p50    ██▋                                         4.20    none (a: inject one)",
    "p75    ███▏                                        5.04  errors",
    "p90    ████▏                                       6.72    none",
    "p95    █████▎                                      8.40  events",
    "p99    ███████████▌                                18.5    none",
    "p99.9  ████████████████████████▊                   39.9",
    "p99.99 ██████████████████████████████████████      61.3",
    "max    ██████████████████████████████████████      61.3",
    "",
    "+/- rate ±10%  ↑/↓ ±1%  0-9⏎ set rate  space pause  a anomaly  t topic  l lat/late  ? help  q quit",
  ].join("\n"),
  busy80x24: [
    ...BUSY_TOP,
    ...BUSY_CHARTS,
    "",
    "+/- rate ±10%  ↑/↓ ±1%  0-9⏎ set rate  space pause  a anomaly  ? help  q quit",
  ].join("\n"),
  busy60x20: [
    "surge industrial · RUNNING · 1m05s · connected · 127.0.0.1:…",
    "target 2,000/s · generated 1,999 ev/s · acked 2,071 rec/s",
    "› spike started on 5% of devices for 10s",
    "  topic              msgs/s      acked    p50    p99  max ms",
    "› device-data         2,000     60,000   4.10   17.9    40.2",
    "  alerts                 71      2,130   4.10   17.9    40.2",
    ...BUSY_STACKED,
    "+/- rate ±10%  ↑/↓ ±1%  0-9⏎ set rate  ? help  q quit",
  ].join("\n"),
  four80x24: [
    "surge mixed · RUNNING · 1m05s · connected · 127.0.0.1:19092",
    "target 2,000/s · generated 1,999 ev/s · acked 2,071 rec/s",
    "› ? shows every key",
    "  topic                   msgs/s   MB/s      acked  failed    p50    p99  max ms",
    "› plant-1.device-data     40,000  18.00  1,200,000       0   4.10   17.9    40.2",
    "  plant-1.alerts             900   0.41     27,000       0   4.10   17.9    40.2",
    "  plant-2.device-data     58,000  26.10  1,740,000       0   4.10   17.9    40.2",
    "  plant-2.alerts               0   0.00          0       0      0      0       0",
    "acked/s, last 47 s                                                          peak",
    "› plant-1.device-data                             ▅█▆▅█▇▆█▇▆▅█▆▅█▇▆█▇      38k/s",
    "  plant-1.alerts                                  ▅█▆▅█▇▆█▇▆▅█▆▅█▇▆█▇      855/s",
    "  plant-2.device-data                             ▅█▆▅█▇▆█▇▆▅█▆▅█▇▆█▇      55k/s",
    "  plant-2.alerts                                                             0/s",
    "send→ack ms · plant-1.device-data             anomalies",
    "p50    █▉                               4.20    none (a: inject one)",
    "p75    ██▎                              5.04  errors",
    "p90    ███                              6.72    none",
    "p95    ███▊                             8.40  events",
    "p99    ████████▏                        18.5    none",
    "p99.9  █████████████████▋               39.9",
    "p99.99 ███████████████████████████      61.3",
    "max    ███████████████████████████      61.3",
    "+/- rate ±10%  ↑/↓ ±1%  0-9⏎ set rate  space pause  a anomaly  ? help  q quit",
  ].join("\n"),
  help80x24: [
    ...BUSY_TOP,
    "keys (every one goes through the same commands as headless stdin)",
    "  +  -         target rate +10% / -10%",
    "  ↑  ↓         target rate +1% / -1%",
    "  0-9 Enter    set the target rate exactly (Esc clears the digits)",
    "  space        pause / resume generating",
    "  a            inject an anomaly: kind, devices or topic, duration",
    "  t  Tab       next topic in the latency panel",
    "  l            latency panel: send→ack / lateness / →readable / →out",
    "  r            reset the latency histograms",
    "  ?            this help",
    "  q  Ctrl-C    stop: flush, print the summary, exit",
    "  Ctrl-C twice exit at once without waiting for the flush",
    "",
    "",
    "any key closes the help",
  ].join("\n"),
  menuKind: [
    ...BUSY_TOP,
    "inject anomaly · 1/4 kind",
    "› spike       readings jump to N× their usual deviation",
    "  drift       readings drift away, growing to N × the normal range",
    "  stuck       sensors repeat their last reading",
    "  dropout     devices fall silent (events are not sent)",
    "  burst       the fleet's rate is multiplied by N",
    "  malformed   records become invalid JSON or break the schema",
    "  duplicate   records are sent N extra times",
    "  late        events carry timestamps N s in the past (out of order)",
    "  clock-skew  device clocks run up to ±N s off",
    "",
    "",
    "",
    "",
    "↑/↓ choose  ⏎ next  ⌫ back  Esc cancel",
  ].join("\n"),
  menuTarget: [
    ...BUSY_TOP,
    "inject anomaly · 2/4 which devices · spike",
    "  1% of devices",
    "› 5% of devices",
    "  10% of devices",
    "  25% of devices",
    "  50% of devices",
    "  all devices",
    "  devices writing to device-data",
    "  devices writing to alerts",
    "",
    "",
    "",
    "",
    "",
    "↑/↓ choose  ⏎ next  ⌫ back  Esc cancel",
  ].join("\n"),
  menuDuration: [
    ...BUSY_TOP,
    "inject anomaly · 3/4 for how long · spike",
    "  5s",
    "› 10s",
    "  30s",
    "  1m00s",
    "  5m00s",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "↑/↓ choose  ⏎ next  ⌫ back  Esc cancel",
  ].join("\n"),
  menuConfirm: [
    ...BUSY_TOP,
    "inject anomaly · 4/4 confirm · spike",
    "› inject  spike on 5% of devices for 10s",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "↑/↓ choose  ⏎ next  ⌫ back  Esc cancel",
  ].join("\n"),
  rateEntry: [
    "surge industrial · RUNNING · 1m05s · connected · 127.0.0.1:19092",
    "target 2,000/s · generated 1,999 ev/s · acked 2,071 rec/s",
    "set rate › 250▏ Enter sets · Esc clears",
    "",
    "  topic         msgs/s   MB/s      acked  failed in flight    p50    p99  max ms",
    "› device-data    2,000   0.90     60,000       3        12   4.10   17.9    40.2",
    "  alerts            71   0.03      2,130       0         0   4.10   17.9    40.2",
    "",
    ...BUSY_CHARTS,
    "",
    "0-9 digits  ⏎ set rate  ⌫ erase  Esc clear",
  ].join("\n"),
  alertsLateness: [
    "surge industrial · RUNNING · 1m05s · connected · 127.0.0.1:19092",
    "target 2,000/s · generated 1,999 ev/s · acked 2,071 rec/s",
    "› spike started on 5% of devices for 10s",
    "",
    "  topic         msgs/s   MB/s      acked  failed in flight    p50    p99  max ms",
    "  device-data    2,000   0.90     60,000       3        12   4.10   17.9    40.2",
    "› alerts            71   0.03      2,130       0         0   4.10   17.9    40.2",
    "",
    "acked/s, last 55 s                                                          peak",
    "  device-data                                     ▅█▆▅█▇▆█▇▆▅█▆▅█▇▆█▇     1.9k/s",
    "› alerts                                          ▅█▆▅█▇▆█▇▆▅█▆▅█▇▆█▇       67/s",
    "",
    "lateness ms · alerts · 10,000 samples         anomalies (2)",
    "p50    ▉                                0.30    spike 5% of devices      7s left",
    "p75    █                                0.36    burst the fleet ×3    1m05s left",
    "p90    █▍                               0.48  errors (1 distinct)",
    "p95    █▋                               0.60    NOT_LEADER_OR_FOLLOWER ×3 alert…",
    "p99    █████▊                           2.10  events (4)",
    "p99.9  ████████████████▍                5.95    30.1s dropout ended (topic aler…",
    "p99.99 ███████████████████████████      9.80    1m02s spike started: 5% of devi…",
    "max    ███████████████████████████      9.80    1m04s burst started: the fleet …",
    "",
    "+/- rate ±10%  ↑/↓ ±1%  0-9⏎ set rate  space pause  a anomaly  ? help  q quit",
  ].join("\n"),
};

test("100×30: every panel, latency beside anomalies and errors", async () => {
  const r = await renderAt(app(new FakeEngine(snapshot())), 100, 30);
  assert.equal(r.lastFrame(), FRAMES.plain100x30);
});

test("80×24: anomalies with time left, errors with count and age, failed in the table", async () => {
  const r = await renderAt(app(busy()), 80, 24);
  assert.equal(r.lastFrame(), FRAMES.busy80x24);
});

test("60×20: sparklines, errors, events and low-priority columns are dropped, panels stack", async () => {
  const r = await renderAt(app(busy()), 60, 20);
  assert.equal(r.lastFrame(), FRAMES.busy60x20);
});

test("events: the latest ones with their run time, filling the rows beside the latency panel", async () => {
  const r = await renderAt(app(manyEvents()), 100, 30);
  assert.equal(r.lastFrame(), FRAMES.events100x30);
});

test("events below the errors when the panels stack, if the terminal is tall enough", async () => {
  const r = await renderAt(app(busy()), 60, 34);
  assert.equal(r.lastFrame(), FRAMES.busyStacked60x34);
});

test("80×24 with four long topic names: no gaps, in-flight column dropped for the names", async () => {
  const r = await renderAt(app(fourTopics()), 80, 24);
  assert.equal(r.lastFrame(), FRAMES.four80x24);
});

test("? shows the key map in place of the charts", async () => {
  const r = await renderAt(app(busy()), 80, 24);
  await type(r, "?");
  assert.equal(r.lastFrame(), FRAMES.help80x24);
});

test("a: kind, then devices or topic, then duration, then confirm; cursor on the kind's defaults", async () => {
  const r = await renderAt(app(busy()), 80, 24);
  await type(r, "a");
  assert.equal(r.lastFrame(), FRAMES.menuKind);
  await type(r, KEYS.enter);
  assert.equal(r.lastFrame(), FRAMES.menuTarget);
  await type(r, KEYS.enter);
  assert.equal(r.lastFrame(), FRAMES.menuDuration);
  await type(r, KEYS.enter);
  assert.equal(r.lastFrame(), FRAMES.menuConfirm);
});

test("digits show in the status line while typed", async () => {
  const r = await renderAt(app(busy()), 80, 24);
  await type(r, "2", "5", "0");
  assert.equal(r.lastFrame(), FRAMES.rateEntry);
});

test("t selects the next topic, l switches the panel to lateness", async () => {
  const r = await renderAt(app(busy()), 80, 24);
  await type(r, "t", "l");
  assert.equal(r.lastFrame(), FRAMES.alertsLateness);
});
