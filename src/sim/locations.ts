/** Where simulated devices sit: industrial building → floor → room, lab location names. */

export interface SiteLayout {
  buildings: number;
  floors: number;
  roomsPerFloor: number;
}

export interface Room {
  building: string;
  floor: number;
  room: string;
}

export function roomCount(layout: SiteLayout): number {
  return layout.buildings * layout.floors * layout.roomsPerFloor;
}

/** "Building A" ... "Building Z", then "Building AA", ... */
export function buildingName(i: number): string {
  let name = "";
  let n = i;
  do {
    name = String.fromCharCode(65 + (n % 26)) + name;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return `Building ${name}`;
}

/**
 * The room of slot `slot` (device index modulo roomCount). Buildings vary fastest, then floors,
 * so even a small fleet spans every building and floor. Rooms are numbered floor × 100 + n.
 */
export function roomOf(slot: number, layout: SiteLayout): Room {
  const building = slot % layout.buildings;
  const rest = Math.floor(slot / layout.buildings);
  const floor = (rest % layout.floors) + 1;
  const n = (Math.floor(rest / layout.floors) % layout.roomsPerFloor) + 1;
  return { building: buildingName(building), floor, room: String(floor * 100 + n) };
}

export function roomJson(room: Room): string {
  return `{"building":"${room.building}","floor":${room.floor},"room":"${room.room}"}`;
}

/** The lab's twelve locations, in the original's order (location = sensor number % 12). */
export const LAB_LOCATIONS: readonly string[] = [
  "factory-floor-a1",
  "factory-floor-a2",
  "factory-floor-b1",
  "warehouse-north",
  "warehouse-south",
  "warehouse-east",
  "office-main",
  "office-server-room",
  "office-lab",
  "outdoor-gate",
  "outdoor-roof",
  "outdoor-parking",
];
