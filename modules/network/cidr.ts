/** IPv4 CIDR arithmetic done at synth time, so plans show literal subnet ranges and checks can run before apply. */

export interface Ipv4Cidr {
  /** Network address as an unsigned 32-bit integer. */
  readonly network: number;
  readonly prefixLength: number;
}

const CIDR_FORM = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Parses "10.20.0.0/16"; returns undefined for anything that is not a canonical IPv4 network. */
export function parseCidr(text: string): Ipv4Cidr | undefined {
  const match = CIDR_FORM.exec(text);
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const prefixLength = Number(match[5]);
  if (octets.some((o) => o > 255) || prefixLength > 32) return undefined;
  const address = octets.reduce((acc, o) => acc * 256 + o, 0);
  const size = 2 ** (32 - prefixLength);
  if (address % size !== 0) return undefined; // host bits set: "10.0.0.1/16" is not a network
  return { network: address, prefixLength };
}

export function formatCidr(cidr: Ipv4Cidr): string {
  const n = cidr.network;
  const octets = [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256);
  return `${octets.join(".")}/${cidr.prefixLength}`;
}

function size(cidr: Ipv4Cidr): number {
  return 2 ** (32 - cidr.prefixLength);
}

export function cidrsOverlap(a: Ipv4Cidr, b: Ipv4Cidr): boolean {
  return a.network < b.network + size(b) && b.network < a.network + size(a);
}

export function cidrContains(outer: Ipv4Cidr, inner: Ipv4Cidr): boolean {
  return inner.network >= outer.network && inner.network + size(inner) <= outer.network + size(outer);
}

/** Terraform's cidrsubnet(): the `index`-th block of `newBits` more prefix bits inside `parent`. */
export function cidrSubnet(parent: Ipv4Cidr, newBits: number, index: number): Ipv4Cidr {
  const prefixLength = parent.prefixLength + newBits;
  if (prefixLength > 32 || index < 0 || index >= 2 ** newBits) {
    throw new RangeError(`cidrSubnet: /${parent.prefixLength} has no subnet ${index} of ${newBits} extra bits`);
  }
  return { network: parent.network + index * 2 ** (32 - prefixLength), prefixLength };
}
