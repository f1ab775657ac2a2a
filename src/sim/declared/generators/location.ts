/** location: a consistent site → building → floor → room per device (a JSON object). */
import { buildingName } from "../../locations.ts";
import type { GeneratorSpec } from "../spec.ts";

/** The location object of slot `slot` (device index modulo the rooms); buildings vary fastest. */
export function locationJson(slot: number, site: string, buildings: number, floors: number, rooms: number): string {
  const building = slot % buildings;
  const rest = Math.floor(slot / buildings);
  const floor = (rest % floors) + 1;
  const n = (Math.floor(rest / floors) % rooms) + 1;
  const head = site === "" ? "{" : `{"site":${JSON.stringify(site)},`;
  return `${head}"building":"${buildingName(building)}","floor":${floor},"room":"${floor * 100 + n}"}`;
}

export const location: GeneratorSpec = {
  name: "location",
  doc: "Where the device sits: {site, building, floor, room}, fixed per device and consistent (room 305 is on floor 3); devices fill buildings first, then floors.",
  scope: "device",
  output: "json",
  params: {
    site: {
      type: "string",
      pattern: /^[\x20-\x21\x23-\x5b\x5d-\x7e]{0,64}$/,
      what: "up to 64 printable ASCII characters",
      default: "",
      doc: "site name; empty leaves the key out",
    },
    buildings: { type: "number", min: 1, max: 702, integer: true, default: 4, doc: "buildings (Building A ... ZZ)" },
    floors: { type: "number", min: 1, max: 99, integer: true, default: 10, doc: "floors per building" },
    rooms: { type: "number", min: 1, max: 99, integer: true, default: 20, doc: "rooms per floor" },
  },
  example: { buildings: 2, floors: 3, rooms: 10 },
  compile: (p, c) => {
    const f = c.constant(locationJson);
    const slots = (p["buildings"] as number) * (p["floors"] as number) * (p["rooms"] as number);
    return {
      body: `${c.v} = ${f}(${c.d} % ${slots}, ${JSON.stringify(p["site"])}, ${p["buildings"]}, ${p["floors"]}, ${p["rooms"]});`,
    };
  },
};
