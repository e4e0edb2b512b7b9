import { createSocket } from 'node:dgram';
import { ipFamily } from '../../core/address.js';

/** The local address on the route to a destination, or why the OS gave none. */
export interface LocalRoute {
  readonly destination: string;
  readonly localAddress: string | null;
  readonly error: string | null;
}

/** Connecting a UDP socket only asks the routing table; it cannot take long, but is bounded anyway. */
const ROUTE_TIMEOUT_MS = 1000;

/**
 * The source address the OS picks for a destination: a UDP socket is connected to it (which only
 * consults the routing table, no packet is sent) and its local address read. That is the address a
 * private target's NSG sees over a VPN or ExpressRoute. `destination` must be an IP address.
 */
export function localAddressFor(destination: string, port: number): Promise<LocalRoute> {
  const family = ipFamily(destination);
  if (family === 0) return Promise.resolve({ destination, localAddress: null, error: 'not an IP address' });
  return new Promise((resolve) => {
    const socket = createSocket(family === 6 ? 'udp6' : 'udp4');
    let done = false;
    const finish = (localAddress: string | null, error: string | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      try {
        socket.close();
      } catch {
        // Already closed.
      }
      resolve({ destination, localAddress, error });
    };
    const timer = setTimeout(() => finish(null, 'the OS gave no route in time'), ROUTE_TIMEOUT_MS);
    socket.on('error', (error: Error & { code?: string }) => finish(null, error.code ?? error.message));
    socket.connect(port, destination, () => {
      try {
        finish(socket.address().address, null);
      } catch (error) {
        finish(null, (error as Error).message);
      }
    });
  });
}
