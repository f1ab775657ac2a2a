// npm test's set-up step (npm run setup): the jobs in scripts/setup/, in order, each saying what it
// installs. The first that cannot do its job has printed one line naming the command to run; we
// stop there. Debian packages come first: Maven and Java fetch and run everything after them.
import { spawnSync } from "node:child_process";
import { join } from "node:path";

const here = new URL(".", import.meta.url).pathname;
const jobs = ["debian.sh", "kafka-jars.sh", "pipelines.sh", "hdr.sh"];

const started = Date.now();
for (const job of jobs) {
  const r = spawnSync("bash", [join(here, job)], { stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
console.log(
  `setup: tools, Kafka and pipeline jars, HdrHistogram present (${((Date.now() - started) / 1000).toFixed(1)} s)`,
);
