/**
 * kafkajs 2.2.4 (unmaintained) schedules `setTimeout(throttledUntil - Date.now())` with
 * throttledUntil = -1 when nothing is pending: a negative delay, so Node/Bun print a
 * TimeoutNegativeWarning and the queue re-checks itself every millisecond forever, per broker
 * connection (tulios/kafkajs#1751). This installs the fix proposed there: only schedule a check
 * when a request is pending or a throttle really is in force.
 */
// @ts-expect-error kafkajs ships no types for its internal modules.
import RequestQueueModule from "kafkajs/src/network/requestQueue/index.js";

/** kafkajs' own CHECK_PENDING_REQUESTS_INTERVAL. */
const CHECK_PENDING_REQUESTS_INTERVAL = 10;

interface RequestQueueLike {
  throttledUntil: number;
  throttleCheckTimeoutId: ReturnType<typeof setTimeout> | null;
  pending: unknown[];
  checkPendingRequests(): void;
}

let installed = false;

export function installKafkajsFixes(): void {
  if (installed) return;
  installed = true;
  const proto = (RequestQueueModule as { prototype: RequestQueueLike & { scheduleCheckPendingRequests(): void } })
    .prototype;
  proto.scheduleCheckPendingRequests = function (this: RequestQueueLike): void {
    if (this.throttleCheckTimeoutId) return;
    let delay = this.throttledUntil - Date.now();
    if (this.pending.length > 0) delay = delay > 0 ? delay : CHECK_PENDING_REQUESTS_INTERVAL;
    else if (delay <= 0) return;
    this.throttleCheckTimeoutId = setTimeout(() => {
      this.throttleCheckTimeoutId = null;
      this.checkPendingRequests();
    }, delay);
  };
}
