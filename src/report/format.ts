/** Number formatting shared by the headless lines, the final summary and the dashboard. */

export const thousands = (n: number): string => Math.round(n).toLocaleString("en-US");

/** Milliseconds with sensible precision: 0.42, 4.8, 123. */
export function ms(value: number): string {
  if (value === 0) return "0";
  if (value < 10) return value.toFixed(2);
  if (value < 100) return value.toFixed(1);
  return Math.round(value).toString();
}

export const mbps = (value: number): string => value.toFixed(2);

/** 1h02m03s / 4m05s / 12.3s */
export function duration(msValue: number): string {
  const s = msValue / 1000;
  if (s < 60) return `${s.toFixed(1)}s`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = Math.floor(s % 60)
    .toString()
    .padStart(2, "0");
  return h > 0 ? `${h}h${m.toString().padStart(2, "0")}m${sec}s` : `${m}m${sec}s`;
}

export const rate = (r: number | "max"): string => (r === "max" ? "max" : `${thousands(r)}/s`);
