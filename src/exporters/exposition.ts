/**
 * Prometheus text exposition (version 0.0.4) or OpenMetrics 1.0 text: families with HELP and
 * TYPE, escaped labels, samples. The two differ in counter family names (OpenMetrics drops
 * `_total`), HELP escaping and the closing `# EOF`.
 */

export type MetricType = "counter" | "gauge" | "histogram";
export type Labels = Readonly<Record<string, string>>;
export type ExpositionFormat = "prometheus" | "openmetrics";

export const CONTENT_TYPES: Readonly<Record<ExpositionFormat, string>> = {
  prometheus: "text/plain; version=0.0.4; charset=utf-8",
  openmetrics: "application/openmetrics-text; version=1.0.0; charset=utf-8",
};

/** OpenMetrics when the scraper asks for it (Prometheus does), else the classic text format. */
export function formatFor(accept: string | undefined): ExpositionFormat {
  return accept?.includes("application/openmetrics-text") ? "openmetrics" : "prometheus";
}

/** Builds one exposition document; a family's HELP and TYPE come once, before its samples. */
export class Exposition {
  private readonly lines: string[] = [];
  private readonly declared = new Set<string>();

  constructor(private readonly format: ExpositionFormat = "prometheus") {}

  family(name: string, type: MetricType, help: string): this {
    if (this.declared.has(name)) throw new Error(`metric family ${name} declared twice`);
    this.declared.add(name);
    const open = this.format === "openmetrics";
    const family = open && type === "counter" ? name.replace(/_total$/, "") : name;
    let text = help.replaceAll("\\", "\\\\").replaceAll("\n", "\\n");
    if (open) text = text.replaceAll('"', '\\"');
    this.lines.push(`# HELP ${family} ${text}`, `# TYPE ${family} ${type}`);
    return this;
  }

  sample(name: string, labels: Labels, value: number): this {
    this.lines.push(`${name}${formatLabels(labels)} ${formatValue(value)}`);
    return this;
  }

  /** A histogram's samples: cumulative counts for each bound (seconds), +Inf, _sum and _count. */
  histogram(
    name: string,
    labels: Labels,
    boundsSeconds: readonly number[],
    cumulative: readonly number[],
    sum: number,
    count: number,
  ): this {
    boundsSeconds.forEach((le, i) =>
      this.sample(`${name}_bucket`, { ...labels, le: formatValue(le) }, cumulative[i] ?? 0),
    );
    this.sample(`${name}_bucket`, { ...labels, le: "+Inf" }, count);
    this.sample(`${name}_sum`, labels, sum);
    return this.sample(`${name}_count`, labels, count);
  }

  text(): string {
    return `${this.lines.join("\n")}\n${this.format === "openmetrics" ? "# EOF\n" : ""}`;
  }
}

function formatLabels(labels: Labels): string {
  const pairs = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabel(v)}"`);
  return pairs.length === 0 ? "" : `{${pairs.join(",")}}`;
}

export function escapeLabel(value: string): string {
  return value.replaceAll("\\", "\\\\").replaceAll('"', '\\"').replaceAll("\n", "\\n");
}

export function formatValue(n: number): string {
  if (Number.isNaN(n)) return "NaN";
  if (n === Infinity) return "+Inf";
  if (n === -Infinity) return "-Inf";
  return String(n);
}
