import { EvaluationError } from './scope';

/** IPv4 CIDR arithmetic for cidrsubnet(), cidrhost() and cidrnetmask(). */
function parseIpv4Prefix(prefix: string): { address: number; bits: number } {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(
    prefix,
  );
  if (!match) {
    throw new EvaluationError(
      `${JSON.stringify(
        prefix,
      )} is not an IPv4 CIDR prefix (IPv6 is not evaluated)`,
    );
  }
  const octets = match.slice(1, 5).map(Number);
  const bits = Number(match[5]);
  if (octets.some(o => o > 255) || bits > 32) {
    throw new EvaluationError(
      `${JSON.stringify(prefix)} is not a valid prefix`,
    );
  }
  const address =
    ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>>
    0;
  return { address, bits };
}

const mask = (bits: number) => (bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0);

const format = (address: number) =>
  [24, 16, 8, 0].map(shift => (address >>> shift) & 255).join('.');

export function cidrSubnet(prefix: string, newBits: number, netNum: number) {
  const { address, bits } = parseIpv4Prefix(prefix);
  const total = bits + newBits;
  if (total > 32 || netNum < 0 || netNum >= 2 ** newBits) {
    throw new EvaluationError(
      `cidrsubnet(): ${netNum} does not fit in ${newBits} more bits of ${prefix}`,
    );
  }
  const network = (address & mask(bits)) >>> 0;
  const subnet = (network + netNum * 2 ** (32 - total)) >>> 0;
  return `${format(subnet)}/${total}`;
}

export function cidrHost(prefix: string, hostNum: number) {
  const { address, bits } = parseIpv4Prefix(prefix);
  const size = 2 ** (32 - bits);
  const offset = hostNum < 0 ? size + hostNum : hostNum;
  if (offset < 0 || offset >= size) {
    throw new EvaluationError(`cidrhost(): ${hostNum} is outside ${prefix}`);
  }
  return format(((address & mask(bits)) >>> 0) + offset);
}

export function cidrNetmask(prefix: string) {
  return format(mask(parseIpv4Prefix(prefix).bits));
}
