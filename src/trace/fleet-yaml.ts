/** A fitted trace → the scenario YAML `surge init --from-trace` writes: one kind per group, fields in the trace's column order. */
import { Document, Pair, Scalar, YAMLMap, YAMLSeq } from "yaml";
import { formatDuration } from "../common/duration.ts";
import type { CategoryColumn, TraceShape } from "./columns.ts";
import type { FittedColumn, FittedGroup } from "./fit.ts";
import type { LatentModel } from "../sim/copula/latent.ts";
import type { TimeFormat } from "../sim/time-layout.ts";
import type { Episodes, TimelineEntry } from "./label-episodes.ts";
import { traceFieldNames } from "./field-names.ts";
import { chainOf, showsRuns } from "./text-chains.ts";

export interface FittedTrace {
  name: string;
  source: string;
  rows: number;
  shape: TraceShape;
  groups: FittedGroup[];
  cadenceMs: number;
  /** The label column's episodes, when they are written as anomalies (--labels anomalies). */
  episodes?: { info: Episodes; timeline: TimelineEntry[] };
}

/** A kind name from a group value. */
function kindName(value: string, index: number): string {
  const cleaned = value.replace(/[^A-Za-z0-9_-]+/g, "_").replace(/^_+|_+$/g, "");
  return cleaned === "" ? `group_${index + 1}` : /^[A-Za-z]/.test(cleaned) ? cleaned : `g${cleaned}`;
}

function timeLeaf(f: TimeFormat): Record<string, unknown> {
  return f.kind === "layout"
    ? { gen: "timeText", layout: f.layout, time: "simulated" }
    : { gen: "timestamp", format: f.kind, time: "simulated" };
}

function groupValue(text: string): string | number {
  return /^-?\d+(\.\d+)?$/.test(text) && String(Number(text)) === text ? Number(text) : text;
}

/** A text column: its name clock, its chain (one per device, when the trace shows runs), or a pick with its shares. */
function categoryLeaf(
  c: CategoryColumn,
  texts: readonly string[] | undefined,
  chain: boolean,
): Record<string, unknown> {
  if (c.clock) return { gen: "timeText", layout: c.clock.layout, time: "simulated" };
  if (chain && texts && new Set(texts).size >= 2) return { gen: "state", ...chainOf(texts) };
  // A device that shows one value keeps it (its runs are the whole trace).
  if (chain && texts?.[0] !== undefined) return { gen: "pick", values: { [texts[0]]: 1 } };
  return { gen: "pick", values: Object.fromEntries([...c.counts].map(([v, n]) => [v, n])) };
}

function columnLeaf(
  c: FittedColumn,
  lead: string | undefined,
  component: number,
  latent: LatentModel | undefined,
  traceNames: readonly string[],
  fieldName: (column: string) => string,
): unknown {
  switch (c.kind) {
    case "constant":
      return c.value;
    case "counter":
      return { gen: "counter", start: c.start, step: c.step };
    case "clock":
      return { gen: "expr", expr: c.clock.expr };
    case "trace": {
      const m = c.model;
      const leaf: Record<string, unknown> = {
        gen: "trace",
        quantiles: Array.from(m.quantiles),
        ...(m.probabilities ? { probabilities: Array.from(m.probabilities) } : {}),
        ...(m.steps ? { steps: true } : {}),
        ...(m.tails ? { tails: [...m.tails] } : {}),
        ...(m.hold ? { hold: m.hold } : {}),
        ...(m.episodes ? { episodeEvery: m.episodes.every, episodeLength: m.episodes.length } : {}),
      };
      if (m.given)
        Object.assign(leaf, {
          given: fieldName(traceNames[m.given.column] as string),
          above: m.given.above,
          givenQuantiles: Array.from(m.given.quantiles),
          ...(m.given.probabilities ? { givenProbabilities: Array.from(m.given.probabilities) } : {}),
          ...(m.given.steps ? { givenSteps: true } : {}),
        });
      if (m.shift)
        Object.assign(leaf, {
          shiftWith: fieldName(traceNames[m.shift.column] as string),
          shiftAbove: m.shift.above,
          shiftBy: m.shift.by,
          ...(m.shift.decay ? { shiftDecay: m.shift.decay } : {}),
        });
      if (m.path)
        Object.assign(leaf, {
          pathWith: fieldName(traceNames[m.path.column] as string),
          pathAbove: m.path.above,
          path: Array.from(m.path.values),
        });
      for (const cycle of m.cycles) leaf[cycle.period] = Array.from(cycle.profile);
      if (m.trend)
        Object.assign(leaf, {
          trend: Array.from(m.trend.curve),
          ...(m.trend.spread ? { trendSpread: Array.from(m.trend.spread) } : {}),
          ...(m.trend.remap
            ? { trendFrom: Array.from(m.trend.remap.from), trendTo: Array.from(m.trend.remap.to) }
            : {}),
          trendSpan: formatDuration(Math.round(m.trend.span / 1000) * 1000),
        });
      if (lead !== undefined) Object.assign(leaf, { of: lead, component });
      else if (latent)
        Object.assign(leaf, {
          transition: Array.from(latent.transition),
          cholesky: triangle(latent.cholesky, latent.k),
        });
      leaf["decimals"] = c.decimals;
      return leaf;
    }
  }
}

/** Row-by-row lower triangle of a k×k matrix. */
function triangle(m: ArrayLike<number>, k: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < k; i++) for (let j = 0; j <= i; j++) out.push(m[i * k + j] as number);
  return out;
}

export function fittedYaml(f: FittedTrace): string {
  const { shape } = f;
  const fieldName = traceFieldNames(shape.columns);
  // The field a trace column's model writes: a cumulative column's is its hidden steps field.
  const taken = new Set(shape.columns.map(fieldName));
  const stepFields = new Map<string, string>();
  for (const col of shape.numeric.filter((n) => n.cumulative)) {
    let steps = `${fieldName(col.name)}_steps`;
    while (taken.has(steps)) steps += "_";
    taken.add(steps);
    stepFields.set(col.name, steps);
  }
  const traceFieldOf = (column: string): string => stepFields.get(column) ?? fieldName(column);
  const doc = new Document();
  const root = new YAMLMap<unknown, unknown>();
  const add = (map: YAMLMap<unknown, unknown>, key: string, value: unknown, comment?: string, flow = false): void => {
    const node = doc.createNode(value);
    if (flow && (node instanceof YAMLMap || node instanceof YAMLSeq)) node.flow = true;
    const k = new Scalar(key);
    if (comment) k.commentBefore = ` ${comment}`;
    map.items.push(new Pair(k, node));
  };
  // Devices that step at different cadences each keep their own; the scenario's is the fastest.
  const own = shape.groups.map((g) => g.cadenceMs ?? f.cadenceMs);
  const differs = (ms: number, from: number): boolean => Math.abs(ms - from) > 0.1 * from;
  const mixed = own.some((ms) => differs(ms, f.cadenceMs));
  const fastest = mixed ? Math.min(...own) : f.cadenceMs;
  const cadence = formatDuration(Math.round(fastest));
  const timeName = shape.time ? shape.time.name + (shape.time.dayTime ? ` + ${shape.time.dayTime.name}` : "") : "";
  add(root, "name", f.name);
  add(root, "description", `Fitted to ${f.source} (${f.rows} rows) by surge init --from-trace`);
  add(
    root,
    "devices",
    f.groups.length,
    shape.group
      ? `one device per ${shape.group} (--devices N copies each)`
      : "the trace is one device (--devices N makes N like it)",
  );
  add(
    root,
    "sampleInterval",
    cadence,
    !shape.time
      ? "the trace has no time column: one row per interval"
      : shape.time.months
        ? `${timeName} steps by ${shape.time.months} calendar month(s): their mean length, the dates written on the first`
        : mixed
          ? `the fastest device's cadence (median step of ${timeName}); each kind steps at its own`
          : `the trace's own cadence (median step of ${timeName})`,
  );
  // A sample starts where the trace did: its days of the year and times of day (a run stamps the clock).
  const first = Math.min(...shape.groups.map((g) => g.times?.[0] ?? Infinity));
  if (Number.isFinite(first))
    add(root, "sampleStart", new Date(first).toISOString(), "surge sample starts at the trace's first row");
  const topics = new YAMLMap<unknown, unknown>();
  add(topics, "data", f.name);
  add(root, "topics", topics);
  const fleet = new YAMLMap<unknown, unknown>();
  const chains = shape.categories.map((_, k) => showsRuns(shape.groups.map((g) => g.texts[k] as string[])));
  f.groups.forEach((g, gi) => {
    const kind = new YAMLMap<unknown, unknown>();
    if (f.groups.length > 1) add(kind, "share", 1);
    const ownMs = own[gi] as number;
    if (mixed && differs(ownMs, fastest)) add(kind, "sampleInterval", formatDuration(Math.round(ownMs)));
    const fields = new YAMLMap<unknown, unknown>();
    const traceColumns = g.columns.filter((c) => c.kind === "trace");
    const lead = traceColumns[0]?.name;
    for (const column of shape.columns) {
      const name = fieldName(column);
      if (shape.time && column === shape.time.name) {
        const leaf = timeLeaf(shape.time.format);
        // A monthly, quarterly or yearly trace's dates stay on the first (calendar.ts).
        if (shape.time.months && leaf["gen"] === "timeText") leaf["months"] = shape.time.months;
        add(fields, name, leaf, undefined, true);
      } else if (shape.time?.dayTime && column === shape.time.dayTime.name)
        add(fields, name, timeLeaf({ kind: "layout", layout: shape.time.dayTime.layout }), undefined, true);
      else if (f.episodes && column === f.episodes.info.column)
        add(
          fields,
          name,
          { gen: "expr", expr: "anomaly ? 1 : 0" },
          "the trace's label: 1 while an injected anomaly (the timeline) hits the device, as the ground truth says",
          true,
        );
      else if (column === shape.group) add(fields, name, groupValue(g.value));
      else {
        const fitted = g.columns.find((c) => c.name === column);
        const category = shape.categories.find((c) => c.name === column);
        if (fitted) {
          const component = traceColumns.indexOf(fitted as (typeof traceColumns)[number]);
          const leaf = columnLeaf(
            fitted,
            component > 0 ? traceFieldOf(lead as string) : undefined,
            component,
            component === 0 ? g.latent : undefined,
            traceColumns.map((t) => t.name),
            fieldName,
          );
          const label = shape.numeric.find((n) => n.name === column)?.label;
          if (fitted.kind === "trace" && fitted.start !== undefined) {
            // A meter: the fitted field draws its steps, hidden; the written field adds them up.
            const steps = traceFieldOf(column);
            add(fields, steps, { ...(leaf as object), hidden: true }, `the steps of ${column} (hidden)`, true);
            add(
              fields,
              name,
              { gen: "expr", expr: `first ? ${fitted.start} : prev.${name} + ${steps}`, decimals: fitted.decimals },
              "cumulative: the trace's first level, then its steps added up",
              true,
            );
            continue;
          }
          add(
            fields,
            name,
            leaf,
            fitted.kind === "clock"
              ? `the ${fitted.clock.what} at each row's time: simulated time (now) gives it exactly`
              : label
                ? "the trace's label column: 0/1 with its rate, runs and correlations"
                : undefined,
            true,
          );
        } else if (category) {
          const k = shape.categories.indexOf(category);
          const leaf = categoryLeaf(category, shape.groups[gi]?.texts[k], chains[k] as boolean);
          const note = category.clock
            ? `the ${category.clock.what} of each row's time: simulated time gives it exactly`
            : leaf["gen"] === "state"
              ? "text with runs: a chain per device, its probabilities per event from the trace's moves (shares and mean run length kept)"
              : undefined;
          add(fields, name, leaf, note, leaf["gen"] !== "state");
        }
      }
    }
    add(kind, "fields", fields, "fitted columns (gen: trace, see docs/traces.md); field names are the trace's columns");
    const topicRules = new YAMLMap<unknown, unknown>();
    // The key is the group's value (a literal: templates cannot read constant fields).
    add(topicRules, "data", shape.group ? { key: g.value.replace(/[{}]/g, (b) => b + b) } : {}, undefined, true);
    add(kind, "topics", topicRules);
    add(
      fleet,
      shape.group ? kindName(`${shape.group}_${g.value}`, gi) : "trace",
      kind,
      shape.group ? `${shape.group} = ${g.value}` : undefined,
    );
  });
  add(root, "fleet", fleet);
  if (f.episodes) {
    const { info, timeline } = f.episodes;
    const share = Math.round(1e6 / f.groups.length) / 1e6;
    add(
      root,
      "timeline",
      timeline.map((e) => ({
        at: formatDuration(e.atMs),
        inject: { kind: "spike", share, for: formatDuration(e.durationMs), magnitude: info.magnitude },
      })),
      `the trace's ${info.column} episodes (${info.count} in ${+info.deviceHours.toFixed(1)} device-hours) as spikes at that rate, one device each, for the trace's episode lengths; ×${info.magnitude}: readings stray that much further from their median in an episode`,
    );
    for (const item of (root.get("timeline") as YAMLSeq).items) (item as YAMLMap).flow = true;
  }
  doc.contents = root;
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}
