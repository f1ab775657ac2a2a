/** Declared fleets used by the tests: smart meters with nested arrays and two device kinds. */
export const SMART_METERS = `
topics: {data: meter-readings, alerts: meter-alerts}
fleet:
  meter:
    share: 3
    fields:
      meter_id: {gen: id, format: "mtr-{number:05}"}
      serial: {gen: serial, pattern: "SM-####-AA"}
      mac: {gen: mac}
      imei: {gen: imei}
      uuid: {gen: uuid}
      ts: {gen: timestamp, format: iso, precision: 3}
      seq: {gen: counter, start: 1}
      energy_kwh: {gen: meter, ratePerHour: 0.5, decimals: 3}
      delta: {gen: expr, expr: "round((energy_kwh - prev.energy_kwh) * 1000)"}
      tariff: {gen: pick, per: device, values: {standard: 70, economy: 25, business: 5}}
      phases:
        array: {volts: {gen: normal, mean: 230, sd: 2, min: 200, max: 260, decimals: 1}, amps: {gen: exponential, mean: 4, decimals: 2}}
        length: 3
      power_w: {gen: walk, mean: 1200, sd: 300, reversion: 0.1, min: 0, max: 10000, decimals: 0}
      power_avg: {gen: smooth, of: power_w, factor: 0.8, decimals: 0}
      status: {gen: expr, expr: "power_w > 2500 ? 'high' : 'ok'"}
      note: {gen: pick, values: [a, b], omit: 0.3, nullable: 0.2}
      tags: {array: {gen: zipf, values: [home, solar, ev, heatpump], exponent: 1}, length: [0, 3]}
      battery: {gen: battery, days: 365}
      rssi: {gen: signal}
    topics:
      data: {headers: {kind: "{kind}", tariff: "{tariff}"}}
      alerts: {if: "status == 'high'", key: "{meter_id}", value: {meter_id: {ref: meter_id}, power: {ref: power_w}, at: {ref: ts}}}
  gateway:
    share: 1
    fields:
      gateway_id: {gen: id, format: "gw-{index}"}
      ts: {gen: timestamp, format: epoch-us}
      uptime_s: {gen: counter, start: 0, step: 5}
      location: {gen: location, site: plant-1, buildings: 2, floors: 3, rooms: 4}
      online: {gen: onoff, onShare: 0.95}
      load: {gen: reading, mean: 40, sd: 5, min: 0, max: 100, smoothing: 0.5, weeklyAmplitude: 5, peakDay: 2}
      queue: {gen: poisson, mean: 3}
      latency_ms: {gen: lognormal, median: 20, sigma: 0.5, decimals: 1}
      gtin: {gen: gtin, per: device}
      epc: {gen: sgtin}
      label: {gen: template, template: "{gateway_id}@{ts}"}
      ok: {gen: bool, p: 0.99}
      uniform_x: {gen: uniform, min: -1, max: 1}
      bursts: {gen: motion, share: 0.5, burstPolls: 2}
      grade: {gen: band, min: 0, max: 10, normalMin: 4, normalMax: 6, noise: 0.1, dailySwing: 0.2}
      zone: {gen: nth, values: [a, b, c]}
      item: {gen: product, products: 30}
      item_epc: {gen: itemEpc, of: item}
      sim_ts: {gen: timestamp, format: plain, time: simulated}
      path: {gen: walk, mean: 0, sd: 1, min: -5, max: 5}
    topics:
      data: {repeat: "bursts", value: {gateway_id: {ref: gateway_id}, queue: {ref: queue}, n: {gen: counter}}}
`;
