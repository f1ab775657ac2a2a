/**
 * How a kind's devices fall into groups: fixed sizes by arithmetic on the device's index in its
 * kind, drawn sizes from a table made once per run that always sums to the kind's devices (no
 * group smaller than its min). A count that cannot fill whole groups is refused with the nearest
 * one that can.
 */
import type { Random } from "../../random.ts";
import type { DeviceKind } from "../model.ts";
import type { GroupCode } from "./builtins-code.ts";

/** A device count the fleet's groups cannot be built from (a usage problem, not a compiler fault). */
export class DeviceCountError extends Error {}

/** Group sizes that add up to exactly `devices`, each in [min, max], or undefined when none can. */
export function drawSizes(devices: number, min: number, max: number, random: Random): Int32Array | undefined {
  if (devices === 0) return new Int32Array(0);
  if (devices < min) return undefined;
  const sizes: number[] = [];
  let sum = 0;
  while (sum < devices) {
    const s = min + random.int(max - min + 1);
    sizes.push(s);
    sum += s;
  }
  // Too many by `excess` (less than the last size): shrink groups from the end, none below min.
  let excess = sum - devices;
  for (let i = sizes.length - 1; i >= 0 && excess > 0; i--) {
    const take = Math.min(excess, (sizes[i] ?? 0) - min);
    sizes[i] = (sizes[i] ?? 0) - take;
    excess -= take;
  }
  if (excess > 0) {
    // Could not shrink enough: the last group is too small to exist; fold it into the others.
    const last = sizes.pop() ?? 0;
    let rest = last - excess;
    for (let i = 0; i < sizes.length && rest > 0; i++) {
      const add = Math.min(rest, max - (sizes[i] ?? 0));
      sizes[i] = (sizes[i] ?? 0) + add;
      rest -= add;
    }
    if (rest > 0) return undefined;
  }
  return Int32Array.from(sizes);
}

/** The group code of a grouped kind with `devices` devices, or a one-line problem. */
export function groupLayout(
  kind: DeviceKind,
  devices: number,
  random: Random,
  constant: (value: unknown) => string,
): { code?: GroupCode; problem?: string } {
  const group = kind.group;
  if (!group) return {};
  const [min, max] = group.size;
  if (min === max) {
    if (devices % min !== 0)
      return {
        problem: `kind ${kind.name} gets ${devices} devices, not a whole number of ${group.name} groups of ${min}`,
      };
    return { code: { count: devices / min, g: `((j / ${min}) | 0)`, member: `j - _g * ${min}` } };
  }
  const sizes = drawSizes(devices, min, max, random);
  if (!sizes)
    return {
      problem: `kind ${kind.name} gets ${devices} devices, too few for one ${group.name} group of ${min} to ${max}`,
    };
  const groupOf = new Int32Array(devices);
  const starts = new Int32Array(sizes.length);
  let at = 0;
  sizes.forEach((s, g) => {
    starts[g] = at;
    groupOf.fill(g, at, at + s);
    at += s;
  });
  return { code: { count: sizes.length, g: `${constant(groupOf)}[j]`, member: `j - ${constant(starts)}[_g]` } };
}

/** The nearest device count (up to ±10,000 away) for which `fits` holds, for the error message. */
export function nearestFit(devices: number, fits: (n: number) => boolean): number | undefined {
  for (let k = 1; k <= 10_000; k++) {
    if (devices - k >= 1 && fits(devices - k)) return devices - k;
    if (fits(devices + k)) return devices + k;
  }
  return undefined;
}
