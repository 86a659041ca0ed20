import { anyPattern } from '../analysis/anyPattern';
import { createLineRedactor } from '@agentic-devops/plugin-agentic-common';
import { EvidenceLine } from '@agentic-devops/plugin-remediation-common';
import { PlaybookLibrary } from '../playbooks/loadPlaybooks';
import { cleanLine } from '../log/cleanLine';
import { MAX_LINE_CHARS } from '../log/readLines';

export interface SimpleOccurrence {
  line: number;
  text: string;
  facts: Record<string, string>;
  before: EvidenceLine[];
  after: EvidenceLine[];
}

export interface SimpleScan {
  lines: number;
  bytes: number;
  matches: Record<
    string,
    { first: SimpleOccurrence; last: SimpleOccurrence; count: number }
  >;
  alsoSeen: string[];
  tail: EvidenceLine[];
  redactions: number;
}

/**
 * What scanLog should find, the slow and obvious way: every line split,
 * cut, decoded, cleaned, redacted and matched against every rule.
 */
export function referenceScan(
  log: Buffer,
  library: PlaybookLibrary,
  options: { tailBytes?: number; contextLines?: number } = {},
): SimpleScan {
  const tailBytes = options.tailBytes ?? 32 * 1024;
  const contextLines = options.contextLines ?? 3;

  const raw: Buffer[] = [];
  let start = 0;
  for (let nl = log.indexOf(10); nl !== -1; nl = log.indexOf(10, start)) {
    raw.push(log.subarray(start, nl));
    start = nl + 1;
  }
  if (start < log.length) raw.push(log.subarray(start));
  // An over-long line keeps its head; the text is decoded after the cut.
  const texts = raw.map(bytes =>
    bytes.subarray(0, MAX_LINE_CHARS).toString('utf8'),
  );
  const clean = texts.map(cleanLine);
  const redactor = createLineRedactor();
  const kept = clean.map(line => redactor.redactLine(line));

  const noisePatterns = library.noise.flatMap(n => n.patterns);
  const noise = anyPattern(noisePatterns);
  const rules = [...library.playbooks, ...library.classifiers].flatMap(owner =>
    owner.rules.map(spec => ({
      key: `${owner.id}/${spec.id}`,
      spec,
      regex: new RegExp(spec.pattern, spec.flags),
      alsoSeen: spec.alsoSeen
        ? new RegExp(spec.alsoSeen, spec.flags)
        : undefined,
    })),
  );

  const evidence = (from: number, to: number): EvidenceLine[] => {
    const lines: EvidenceLine[] = [];
    for (let i = Math.max(0, from); i < Math.min(kept.length, to); i++)
      lines.push({ line: i + 1, text: kept[i] });
    return lines;
  };

  const matches: SimpleScan['matches'] = {};
  const alsoSeen = new Set<string>();
  clean.forEach((line, i) => {
    for (const rule of rules) {
      if (rule.alsoSeen?.test(line)) alsoSeen.add(rule.key);
    }
    if (noise?.test(line)) return;
    for (const rule of rules) {
      const m = rule.regex.exec(line);
      if (!m) continue;
      const facts: Record<string, string> = { ...rule.spec.facts };
      for (const [name, value] of Object.entries(m.groups ?? {})) {
        if (value !== undefined)
          facts[name] = kept[i].includes(value) ? value : '[REDACTED]';
      }
      const occurrence: SimpleOccurrence = {
        line: i + 1,
        text: kept[i],
        facts,
        before: evidence(i - contextLines, i),
        after: evidence(i + 1, i + 1 + contextLines),
      };
      const seen = matches[rule.key];
      if (seen) {
        seen.last = occurrence;
        seen.count += 1;
      } else {
        matches[rule.key] = { first: occurrence, last: occurrence, count: 1 };
      }
    }
  });

  let size = 0;
  let from = kept.length;
  while (from > 0 && size < tailBytes) size += kept[--from].length + 1;

  return {
    lines: kept.length,
    bytes: log.length,
    matches,
    alsoSeen: [...alsoSeen].sort(),
    tail: evidence(from, kept.length),
    redactions: redactor.redactions,
  };
}
