/**
 * The devices this instance runs, in turn: the whole fleet, or the share --segment gives it (the
 * device numbers stay the fleet's, so keys, headers and ground truth match a single-box run).
 */
import { ownedItems, type Segment } from "../common/segment.ts";

export class DeviceShare {
  /** Fleet device numbers this instance owns; undefined = all of them. */
  private readonly owned: Int32Array | undefined;
  private next = 0;
  /** Devices this instance runs. */
  readonly count: number;
  /** count / the fleet's devices: this instance's part of every fleet-wide rate. */
  readonly share: number;

  constructor(
    readonly fleetDevices: number,
    segment: Segment | undefined,
  ) {
    this.owned = segment ? ownedItems(segment, fleetDevices) : undefined;
    this.count = this.owned ? this.owned.length : fleetDevices;
    this.share = fleetDevices === 0 ? 0 : this.count / fleetDevices;
  }

  /** The device of the next event, round robin over the owned devices. */
  take(): number {
    const i = this.next;
    this.next = i + 1 >= this.count ? 0 : i + 1;
    return this.owned ? (this.owned[i] as number) : i;
  }

  /** This instance's part of a fleet-wide rate ("max" stays "max"). */
  part(rate: number | "max"): number | "max" {
    return rate === "max" || this.owned === undefined ? rate : rate * this.share;
  }
}
