import { isObject, Unknown, Value, ValueObject } from '../values/Unknown';
import { blocksAt, ResourceInstance, stringList } from './ResourceInstance';

const PROTOCOLS: Record<string, string> = {
  all: '-1',
  '-1': '-1',
  '6': 'tcp',
  '17': 'udp',
  '1': 'icmp',
  '58': 'icmpv6',
};

function protocol(value: Value | undefined): Value {
  if (value instanceof Unknown) return value;
  if (value === undefined || value === null) return '-1';
  const name = String(value).toLowerCase();
  return PROTOCOLS[name] ?? name;
}

function port(value: Value | undefined, fallback: number): Value {
  if (value instanceof Unknown) return value;
  if (value === undefined || value === null || value === '') return fallback;
  const n = Number(value);
  return Number.isNaN(n)
    ? new Unknown(`port ${String(value)} is not a number`)
    : n;
}

/** Every spelling of "anywhere" as the one rules compare with. */
function canonicalCidrs(list: Value): Value {
  if (!Array.isArray(list)) return list;
  return list.map(cidr => {
    if (typeof cidr !== 'string') return cidr;
    if (/^0+\.0+\.0+\.0+\/0+$/.test(cidr.trim())) return '0.0.0.0/0';
    if (/^[0:]*::?[0:]*\/0+$/.test(cidr.trim())) return '::/0';
    return cidr.trim();
  });
}

/**
 * One ingress rule in the shape rules read: protocol (`tcp`, `udp`,
 * `icmp`, `-1` for all), the port range (0–65535 for all protocols), and
 * the IPv4 and IPv6 CIDRs it admits.
 */
function ingressRule(
  rule: ValueObject,
  source: string,
  names: { protocol: string; ipv4: string; ipv6: string },
): ValueObject {
  const proto = protocol(rule[names.protocol]);
  const all = proto === '-1';
  return {
    protocol: proto,
    from_port: all ? 0 : port(rule.from_port, 0),
    to_port: all ? 65535 : port(rule.to_port, 65535),
    cidr_blocks: canonicalCidrs(stringList(rule[names.ipv4])),
    ipv6_cidr_blocks: canonicalCidrs(stringList(rule[names.ipv6])),
    source,
  };
}

const CLASSIC = {
  protocol: 'protocol',
  ipv4: 'cidr_blocks',
  ipv6: 'ipv6_cidr_blocks',
};
const VPC = { protocol: 'ip_protocol', ipv4: 'cidr_ipv4', ipv6: 'cidr_ipv6' };

/**
 * `ingress_rules` of `aws_security_group` and `aws_default_security_group`
 * (their inline ingress blocks),
 * `aws_security_group_rule` (itself, when of type ingress) and
 * `aws_vpc_security_group_ingress_rule` (itself).
 */
export function normaliseIngress(instance: ResourceInstance): void {
  const { values } = instance;
  switch (instance.type) {
    case 'aws_security_group':
    case 'aws_default_security_group': {
      const rules = blocksAt(instance, 'ingress');
      values.ingress_rules =
        rules instanceof Unknown
          ? rules
          : rules.map((rule, i) =>
              rule instanceof Unknown
                ? rule
                : ingressRule(
                    isObject(rule) ? rule : {},
                    `ingress.${i}`,
                    CLASSIC,
                  ),
            );
      break;
    }
    case 'aws_security_group_rule': {
      const type = values.type;
      if (type instanceof Unknown) values.ingress_rules = type;
      else
        values.ingress_rules =
          type === 'ingress'
            ? [ingressRule(values, instance.address, CLASSIC)]
            : [];
      break;
    }
    case 'aws_vpc_security_group_ingress_rule':
      values.ingress_rules = [ingressRule(values, instance.address, VPC)];
      break;
    default:
      break;
  }
}
