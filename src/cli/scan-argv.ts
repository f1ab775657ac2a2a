/**
 * Checks argv before meow sees it, so that WE report unknown or repeated flags (meow would print
 * and call process.exit itself), and rewrites every flag to one unambiguous form: `--name=value`
 * for text flags, `--name` / `--no-name` for switches. meow then only has to split it up.
 */
import { FLAG_SPECS, type FlagSpec } from "../config/raw-flags.ts";
import { closest } from "../common/suggest.ts";

export interface ScanResult {
  argv: string[];
  errors: string[];
}

const BY_NAME = new Map(FLAG_SPECS.map((spec) => [spec.name, spec]));
/** Switches that also take a --no- form (--no-tui is itself the flag; --help/--version have none). */
const NEGATABLE = new Set(
  FLAG_SPECS.filter((s) => s.type === "boolean" && s.env !== undefined && s.key !== "noTui").map((s) => s.name),
);
const SHORT: Record<string, string> = { "-h": "help" };
/** Short forms that stand for a long flag with a value: `surge sample -n 5`. */
const ALIASES: Record<string, string> = { "-n": "--count" };
const SECRET_FLAGS = new Set(["sasl-password"]);
/** Text flags that may be given more than once: their values are joined by commas (topic names hold none). */
const REPEATABLE = new Set(["follow"]);

export function scanArgv(argv: readonly string[]): ScanResult {
  const out: string[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();

  const use = (spec: FlagSpec): boolean => {
    if (seen.has(spec.key)) {
      if (spec.env === undefined && spec.type === "boolean") return false; // "--help -h" is harmless
      errors.push(`--${spec.name}: given more than once`);
      return false;
    }
    seen.add(spec.key);
    return true;
  };

  for (let i = 0; i < argv.length; i++) {
    const token = ALIASES[argv[i] ?? ""] ?? argv[i] ?? "";
    if (token === "--") {
      out.push(...argv.slice(i));
      break;
    }
    const short = SHORT[token];
    if (short !== undefined) {
      const spec = BY_NAME.get(short);
      if (spec && use(spec)) out.push(`--${spec.name}`);
      continue;
    }
    if (!token.startsWith("-") || token === "-" || /^-(\d+(\.\d*)?|\.\d+)$/.test(token)) {
      out.push(token); // a positional (negative numbers included, as yargs does)
      continue;
    }

    const eq = token.indexOf("=");
    const name = token.slice(2, eq === -1 ? undefined : eq);
    const inline = eq === -1 ? undefined : token.slice(eq + 1);
    const direct = token.startsWith("--") ? BY_NAME.get(name) : undefined;
    const negated = token.startsWith("--no-") && NEGATABLE.has(name.slice(3)) ? BY_NAME.get(name.slice(3)) : undefined;

    if (direct?.type === "string" && REPEATABLE.has(direct.name) && seen.has(direct.key)) {
      let value = inline;
      if (value === undefined && takesNext(direct, argv[i + 1])) value = argv[++i];
      const at = out.findIndex((t) => t.startsWith(`--${direct.name}=`));
      if (value === undefined || value.trim() === "") errors.push(`--${direct.name}: needs a value`);
      else if (at >= 0) out[at] += `,${value}`;
    } else if (direct?.type === "string") {
      if (!use(direct)) {
        if (inline === undefined && takesNext(direct, argv[i + 1])) i++;
        continue;
      }
      let value = inline;
      if (value === undefined && takesNext(direct, argv[i + 1])) value = argv[++i];
      if (value === undefined || value.trim() === "") errors.push(`--${direct.name}: needs a value`);
      else out.push(`--${direct.name}=${value}`);
    } else if (direct || negated) {
      const spec = (direct ?? negated) as FlagSpec;
      let on = negated === undefined;
      let value = inline;
      if (value === undefined && (argv[i + 1] === "true" || argv[i + 1] === "false")) value = argv[++i];
      if (value !== undefined) {
        if ((value !== "true" && value !== "false") || spec.key === "noTui" || negated || !spec.env) {
          errors.push(`--${token.slice(2, eq === -1 ? undefined : eq)}: takes no value (it is a switch)`);
          continue;
        }
        on = value === "true";
      }
      if (use(spec)) out.push(on ? `--${spec.name}` : `--no-${spec.name}`);
    } else {
      errors.push(unknownFlag(token));
    }
  }
  return { argv: out, errors };
}

/**
 * Whether the next token is this flag's value: anything but another flag ("--rate -5" is a
 * value). A password may even start with "--", unless it is one of our own flags.
 */
function takesNext(spec: FlagSpec, next: string | undefined): boolean {
  if (next === undefined || next === "--" || SHORT[next] !== undefined) return false;
  if (!next.startsWith("--")) return true;
  if (!SECRET_FLAGS.has(spec.name)) return false;
  const name = next.slice(2).split("=")[0] ?? "";
  return !BY_NAME.has(name) && !(name.startsWith("no-") && NEGATABLE.has(name.slice(3)));
}

function unknownFlag(token: string): string {
  // Show only the flag's name: text after it ("--pasword=x", "--pasword:x") may be a secret.
  const match = /^-{1,2}[A-Za-z0-9][A-Za-z0-9-]*/.exec(token);
  const rest = match ? token.slice(match[0].length) : "";
  const shown = match ? match[0] + (rest === "" || rest.startsWith("=") ? "" : "...") : "(unreadable flag)";
  const name = match && token.startsWith("--") ? match[0].slice(2) : undefined;
  const names = [...BY_NAME.keys(), ...[...NEGATABLE].map((n) => `no-${n}`)];
  const guess = name === undefined ? undefined : closest(name, names);
  if (name !== undefined && guess === name) {
    const hint = BY_NAME.get(name)?.type === "string" ? `write --${name} VALUE or --${name}=VALUE; ` : "";
    return `unknown flag ${shown} (${hint}see surge --help)`;
  }
  return guess
    ? `unknown flag ${shown} (did you mean --${guess}? see surge --help)`
    : `unknown flag ${shown} (see surge --help)`;
}
