/** What a field's name suggests about its values (time, id, counter, sensor, state, ...). */

/** "createdAt", "device_id", "Signal-Strength" → ["created", "at"], ["device", "id"], ["signal", "strength"]. */
export function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

const set = (text: string): ReadonlySet<string> => new Set(text.split(" "));

const TIME = set(
  "ts time timestamp date datetime epoch created updated modified received sent reported observed measured sampled seen utc",
);
const ID = set("id uuid guid serial sn mac imei eui deveui iccid imsi");
const PER_EVENT = set(
  "session event msg message request trace correlation transaction tx span record reading packet frame sample",
);
const COUNTER = set("seq sequence counter seqno msgno sqn");
const METER = set("energy kwh wh mwh total odometer consumption cumulative lifetime meter totalizer");
const BATTERY = set("battery bat batt soc");
const SIGNAL = set("rssi dbm rsrp signal");
const LATITUDE = set("lat latitude");
const LONGITUDE = set("lon lng long longitude");
const SENSOR = set(
  "temperature temp humidity hum rh pressure voltage volt volts current amps amp power watt watts co2 pm25 pm10 voc lux light noise speed rpm flow level ph moisture vibration load cpu memory mem weight distance",
);
const ENUM = set(
  "status state mode type kind severity category class phase direction result quality health source reason action alarm priority",
);
const STATE = set(
  "on off open closed active enabled running online occupied motion door switch alarm charging connected locked armed detected present armed",
);
const CONSTANT = set(
  "unit units version ver firmware fw hw hardware software sw rev revision model manufacturer vendor schema port protocol make",
);

const last = (w: readonly string[]): string => w[w.length - 1] ?? "";
const any = (w: readonly string[], s: ReadonlySet<string>): boolean => w.some((x) => s.has(x));

export interface NameHints {
  time: boolean;
  /** A device identity (fixed per device) rather than an event's id. */
  id: boolean;
  perEvent: boolean;
  counter: boolean;
  meter: boolean;
  battery: boolean;
  signal: boolean;
  latitude: boolean;
  longitude: boolean;
  sensor: boolean;
  enumLike: boolean;
  state: boolean;
  constant: boolean;
  email: boolean;
}

/** Hints from the field's name, and from its parent's when the name itself says little ("value"). */
export function nameHints(name: string, parent = ""): NameHints {
  let w = words(name);
  if (w.length === 0 || ["value", "val", "v", "reading", "current_value"].includes(w.join("_")))
    w = [...words(parent), ...w];
  const end = last(w);
  return {
    time: any(w, TIME) || (end === "at" && w.length > 1) || (end === "on" && w.length > 1 && w[0] !== "is"),
    id: ID.has(end) || end === "key" || (end === "name" && w.length > 1 && !any(w, ENUM)),
    perEvent: any(w, PER_EVENT),
    counter: any(w, COUNTER) || (end === "count" && any(w, PER_EVENT)),
    meter: any(w, METER),
    battery: any(w, BATTERY),
    signal: any(w, SIGNAL),
    latitude: any(w, LATITUDE),
    longitude: any(w, LONGITUDE),
    sensor: any(w, SENSOR),
    enumLike: ENUM.has(end) || (any(w, ENUM) && !ID.has(end)),
    state: any(w, STATE) || w[0] === "is" || w[0] === "has",
    constant: any(w, CONSTANT),
    email: any(w, set("email mail")),
  };
}
