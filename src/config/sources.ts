/** The two layers above the scenario file: flags, then environment variables (SURGE_<FLAG>). */
import type { Checker } from "./checker.ts";
import { KAFKA_BROKERS_ENV, flagSpec, type BooleanFlagKey, type RawFlags, type StringFlagKey } from "./raw-flags.ts";
import { booleanValue, type Parser } from "../common/values.ts";

export type Env = Record<string, string | undefined>;

/** A value as given, with the name to blame if it is wrong ("--rate" or "SURGE_RATE"). */
export interface RawValue {
  raw: string;
  where: string;
  fromFlag: boolean;
}

export class Sources {
  constructor(
    private readonly flags: RawFlags,
    private readonly env: Env,
    private readonly check: Checker,
  ) {}

  /** The winning text for a setting: the flag, else its env var(s); empty env vars count as unset. */
  raw(key: StringFlagKey): RawValue | undefined {
    const spec = flagSpec(key);
    const flag = this.flags[key];
    if (flag !== undefined) return { raw: flag, where: `--${spec.name}`, fromFlag: true };
    const envNames = key === "brokers" ? [spec.env, KAFKA_BROKERS_ENV] : [spec.env];
    for (const name of envNames) {
      const value = name === undefined ? undefined : this.env[name];
      if (name !== undefined && value !== undefined && value !== "")
        return { raw: value, where: name, fromFlag: false };
    }
    return undefined;
  }

  /** Parsed winning value; undefined when not given or invalid (the error is recorded). */
  get<T>(key: StringFlagKey, parse: Parser<T>): T | undefined {
    const given = this.present(key);
    if (!given) return undefined;
    const parsed = parse(given.raw);
    if (parsed.ok) return parsed.value;
    this.check.reject(given.where, parsed.problem, given.raw);
    return undefined;
  }

  /** Like raw(), but a flag given with no value ("--rate" at the end) is reported and skipped. */
  present(key: StringFlagKey): RawValue | undefined {
    const given = this.raw(key);
    if (given?.fromFlag && given.raw.trim() === "") {
      this.check.reject(given.where, "needs a value");
      return undefined;
    }
    return given;
  }

  /** Two settings that cannot go together: reported like a bad value. */
  conflict(problem: string): void {
    this.check.reject("flags", problem);
  }

  bool(key: BooleanFlagKey): boolean | undefined {
    const flag = this.flags[key];
    if (flag !== undefined) return flag;
    const name = flagSpec(key).env;
    const value = name === undefined ? undefined : this.env[name];
    if (name === undefined || value === undefined || value === "") return undefined;
    const parsed = booleanValue(value);
    if (parsed.ok) return parsed.value;
    this.check.reject(name, parsed.problem, value);
    return undefined;
  }
}
