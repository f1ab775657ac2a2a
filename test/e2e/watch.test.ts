/**
 * surge watch as a person uses it: dist/surge watch in a 110×36 tmux terminal while two instances
 * of a fleet run against the local broker. The dashboard shows both instances' rows, `+` reaches
 * every instance as a signed command and the screen says both applied it, `q` leaves with exit 0.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { ensureBroker } from "../helpers/broker.ts";
import { startSurge, surgeBinary, uniquePrefix, type LiveSurge } from "../helpers/surge.ts";
import { TmuxScreen } from "./tmux.ts";

const TOKEN = "e2e-watch-fleet-token-0123456789";

let brokers = "";
let screen: TmuxScreen | undefined;
const instances: LiveSurge[] = [];
before(async () => {
  brokers = await ensureBroker();
});
after(() => {
  screen?.close();
  for (const i of instances) i.signal("SIGTERM");
});

const shell = (s: string): string => `'${s.replace(/'/g, "'\\''")}'`;

test(
  "watch: the fleet's dashboard, a row per instance, + applied by both, q exits 0",
  { timeout: 240_000 },
  async () => {
    const prefix = uniquePrefix("watch");
    const runId = `watch-${Date.now().toString(36)}`;
    const fleet = `e2e-${runId}`;
    for (const i of [0, 1]) {
      instances.push(
        startSurge([
          "--scenario",
          "lab",
          "--devices",
          "30",
          "--brokers",
          brokers,
          "--topic-prefix",
          prefix,
          "--no-tui",
          "--rate",
          "200",
          "--duration",
          "150s",
          "--interval",
          "1s",
          "--segment",
          `${i}/2`,
          "--run-id",
          runId,
          "--fleet",
          fleet,
          "--fleet-token",
          TOKEN,
        ]),
      );
    }
    // The instances create the fleet topic with their first interval (slow on a fresh broker).
    for (const i of instances) await i.waitFor(/acked [\d,]+ rec\/s/, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const args = ["watch", fleet, "--brokers", brokers, "--fleet-token", TOKEN];
    // Ink draws nothing live when it thinks it runs in CI; a person's terminal is not CI.
    const command = `clear; env -u CI -u CONTINUOUS_INTEGRATION TERM=xterm-256color ${[surgeBinary, ...args].map(shell).join(" ")}; echo "exit code $?"; sleep 600`;
    screen = new TmuxScreen(command, 110, 36);
    const s = screen;

    const rows = await s.waitFor("both instances running, with a rate", (text) => {
      const running = text.split("\n").filter((l) => /^\s+(0:1\/2|1\/2:1)\s+\S+\s+running\s+[\d,]+\/s\s+p99/.test(l));
      return running.length === 2 && running.every((l) => !/\s0\/s/.test(l)) ? running : undefined;
    });
    assert.equal(rows.length, 2);
    assert.match(s.capture(), /instances \(2: 2 running\)/);

    s.keys("+");
    // On a fresh broker the instances' control consumers took over 30 s to join (the offsets topic
    // comes first); the row keeps counting answers as they arrive.
    await s.waitFor(
      "the command applied by both",
      (text) => (/command \w+ \(rate \+10%\): applied by 2 of 2 instances/.test(text) ? true : undefined),
      100_000,
    );

    s.keys("q");
    const after = await s.waitFor("watch to exit", (text) => (/exit code (\d+)/.exec(text) ? text : undefined));
    assert.match(after, /exit code 0/);
    // The fleet keeps running after the watcher leaves: its lines printed below the last frame.
    assert.match(after, /fleet e2e-\S+ run \S+: 2 instances \(2 running\)/);
  },
);
