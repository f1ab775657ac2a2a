/** Colours of the dashboard; NO_COLOR (https://no-color.org) turns every one of them off. */
export interface Theme {
  /** Titles and the selected topic. */
  accent?: string;
  good?: string;
  warn?: string;
  bad?: string;
  /** Bars and sparklines. */
  chart?: string;
  /** Secondary text (dimColor); off with NO_COLOR as well. */
  dim: boolean;
}

export const COLOR_THEME: Theme = Object.freeze({
  accent: "cyan",
  good: "green",
  warn: "yellow",
  bad: "red",
  chart: "blue",
  dim: true,
});

export const PLAIN_THEME: Theme = Object.freeze({ dim: false });

export function themeFor(env: NodeJS.ProcessEnv): Theme {
  const noColor = env["NO_COLOR"];
  return noColor !== undefined && noColor !== "" ? PLAIN_THEME : COLOR_THEME;
}
