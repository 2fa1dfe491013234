import { headers, type MsgHdrs } from "@nats-io/transport-node";
import type { Carrier } from "@tpx/observability";

export function carrierToHeaders(carrier: Carrier): MsgHdrs {
  const h = headers();
  for (const [key, value] of Object.entries(carrier)) h.set(key, value);
  return h;
}

export function headersToCarrier(h: MsgHdrs | undefined): Carrier {
  const carrier: Carrier = {};
  if (!h) return carrier;
  for (const key of h.keys()) carrier[key.toLowerCase()] = h.get(key);
  return carrier;
}
