import {
  RemediationCategory,
  RiskLevel,
} from '@agentic-devops/plugin-remediation-common';
import { PlaybookLibrary } from '../playbooks/loadPlaybooks';
import { RuleSpec } from '../playbooks/schema';
import {
  LiteralMatcher,
  SECRET_FRAGMENTS,
  URL_WITH_USERINFO,
} from '@agentic-devops/plugin-agentic-common';
import { toLatin1 } from '../log/readLines';
import { AnyPattern, anyPattern } from './anyPattern';
import { requiredLiterals } from './requiredLiterals';

export interface CompiledRule {
  /** `<owner id>/<rule id>`. */
  key: string;
  spec: RuleSpec;
  regex: RegExp;
  alsoSeen?: RegExp;
  category: RemediationCategory;
  /** The playbook's id; undefined for classifiers. */
  playbookId?: string;
  risk?: RiskLevel;
}

export interface LineScan {
  /** The line holds escape codes, carriage returns or section markers: clean it and scan again. */
  needsCleaning?: boolean;
  hits: ReadonlyArray<{ rule: CompiledRule; facts: Record<string, string> }>;
  alsoSeen: readonly string[];
  /** false when the line holds none of the redaction's fragments. */
  mightHoldSecret: boolean;
  /** The line addresses the agent (a noise pattern marked `injection`). */
  injection?: boolean;
}

// Values of the literal matcher besides rule indexes.
const ALSO_SEEN = 100_000;
const SECRET = -1;
const URL = -2;
const UNCLEAN_MARK = -3;
const INJECTION = -4;

/**
 * The bytes (latin1) to look for so as to find every line holding `literal`:
 * itself, or under `ignoreCase` its longest part without non-ASCII letters
 * (whose other case has other bytes); '' when there is no such part.
 */
function byteLiteral(literal: string, ignoreCase: boolean): string {
  if (!ignoreCase) return toLatin1(literal);
  let best = '';
  let part = '';
  for (const char of literal) {
    const cased =
      char.charCodeAt(0) > 0x7f && char.toLowerCase() !== char.toUpperCase();
    part = cased ? '' : part + char;
    if (part.length > best.length) best = part;
  }
  return toLatin1(best);
}

const UNCLEAN: LineScan = Object.freeze({
  needsCleaning: true,
  hits: [],
  alsoSeen: [],
  mightHoldSecret: true,
});
// What most lines scan to; shared, so that an ordinary line allocates nothing.
const NOTHING: LineScan = Object.freeze({
  hits: [],
  alsoSeen: [],
  mightHoldSecret: false,
});
const NOTHING_BUT_SECRETS: LineScan = Object.freeze({
  hits: [],
  alsoSeen: [],
  mightHoldSecret: true,
});

/**
 * The literal automaton runs over the bytes of a log (as latin1, one
 * character per byte, see LineSplitter), so its literals are the UTF-8 bytes
 * of the patterns' literals; the patterns themselves run on the decoded text
 * of the few lines the automaton lets through, with JavaScript's own
 * semantics (a non-ASCII character is one character, `é` and `É` are one
 * letter under `i`).
 *
 * Every rule of every playbook and classifier, compiled, behind one index:
 * each rule's pattern needs one of a few literal strings (found by parsing
 * the pattern), and one expression of all those literals tells which rules
 * a line could match. Most log lines contain none, and cost one test.
 */
export class RuleSet {
  readonly rules: CompiledRule[];
  readonly #alsoSeen: Array<{ key: string; regex: RegExp }>;
  /**
   * Which rules (`r<i>`) and alsoSeen patterns (`a<i>`) a line's literals
   * point to. Literals are matched ignoring case (one pass over the line);
   * each pattern then checks the line with its own case rules.
   */
  readonly #literals: LiteralMatcher<number>;
  /** Reused per line. */
  readonly #found = new Set<number>();
  /** Patterns without a usable literal: tried on every line. */
  readonly #always: number[] = [];
  readonly #noise: AnyPattern | undefined;
  readonly #injection: AnyPattern | undefined;

  constructor(library: PlaybookLibrary) {
    const owners = [
      ...library.playbooks.map(p => ({
        id: p.id,
        category: p.category,
        rules: p.rules,
        playbookId: p.id as string | undefined,
        risk: p.risk as RiskLevel | undefined,
      })),
      ...library.classifiers.map(c => ({
        id: c.id,
        category: c.category,
        rules: c.rules,
        playbookId: undefined,
        risk: undefined,
      })),
    ];
    this.rules = owners.flatMap(owner =>
      owner.rules.map(spec => ({
        key: `${owner.id}/${spec.id}`,
        spec,
        regex: new RegExp(spec.pattern, spec.flags),
        alsoSeen: spec.alsoSeen
          ? new RegExp(spec.alsoSeen, spec.flags)
          : undefined,
        category: owner.category,
        playbookId: owner.playbookId,
        risk: owner.risk,
      })),
    );
    this.#alsoSeen = this.rules
      .filter(r => r.alsoSeen)
      .map(r => ({ key: r.key, regex: r.alsoSeen! }));

    // Literal values: rule i is i; alsoSeen pattern j is ALSO_SEEN + j; and markers.
    const literals: Array<[string, number]> = [];
    const index = (id: number, regex: RegExp) => {
      // Short literals beat none: a pattern without any is tried on every line.
      const required = (
        requiredLiterals(regex.source) ?? requiredLiterals(regex.source, 1)
      )?.map(literal => byteLiteral(literal, regex.ignoreCase));
      if (!required || required.some(literal => !literal)) {
        this.#always.push(id);
        return;
      }
      for (const literal of required) literals.push([literal, id]);
    };
    this.rules.forEach((rule, i) => index(i, rule.regex));
    this.#alsoSeen.forEach((entry, i) => index(ALSO_SEEN + i, entry.regex));
    // The same pass tells the redactor whether a line may hold a secret.
    for (const fragment of SECRET_FRAGMENTS) literals.push([fragment, SECRET]);
    literals.push(['://', URL]);
    // And whether it needs cleaning (escape codes, carriage returns, sections) first.
    for (const marker of ['\x1b', '\r', 'section_'])
      literals.push([marker, UNCLEAN_MARK]);

    const noise = library.noise.flatMap(n => n.patterns);
    this.#noise = anyPattern(noise);
    // Injection is looked for on every line, not only on lines a rule
    // matched: the line that addresses the agent rarely looks like an error.
    const injection = noise.filter(p => p.injection);
    for (const p of injection) index(INJECTION, new RegExp(p.pattern, p.flags));
    this.#injection = anyPattern(injection);
    this.#literals = new LiteralMatcher(literals, { caseless: true });
  }

  /**
   * Some pattern has no literal at all: the automaton cannot tell which
   * lines it may match, so every line must be scanned.
   */
  get everyLine(): boolean {
    return this.#always.length > 0;
  }

  /**
   * The automaton of every literal that makes a line worth a closer look:
   * rules', secrets' and the markers of lines that need cleaning.
   */
  get literals(): LiteralMatcher<number> {
    return this.#literals;
  }

  /** Rules and alsoSeen patterns whose literals the line contains (and markers). */
  #candidates(line: string): Set<number> {
    const found = this.#found;
    found.clear();
    this.#literals.collect(toLatin1(line), found);
    return found;
  }

  /**
   * The rules a line (its text, decoded) matches (none for a noise line),
   * with what their named groups captured, and the alsoSeen patterns it
   * contains. `known`: the literal matcher's findings for the bytes of this
   * very line, when the caller has them (they are consumed).
   */
  scan(line: string, cleaned = false, known?: Set<number>): LineScan {
    const candidates = known ?? this.#candidates(line);
    for (const id of this.#always) candidates.add(id);
    if (candidates.delete(UNCLEAN_MARK) && !cleaned) return UNCLEAN;
    const mightHoldSecret =
      candidates.delete(SECRET) ||
      (candidates.delete(URL) && URL_WITH_USERINFO.test(line));
    candidates.delete(URL);
    const injection =
      candidates.delete(INJECTION) && (this.#injection?.test(line) ?? false);
    if (candidates.size === 0 && !injection)
      return mightHoldSecret ? NOTHING_BUT_SECRETS : NOTHING;
    const hits: Array<{ rule: CompiledRule; facts: Record<string, string> }> =
      [];
    const alsoSeen: string[] = [];
    let noise: boolean | undefined;
    for (const id of candidates) {
      if (id >= ALSO_SEEN) {
        const entry = this.#alsoSeen[id - ALSO_SEEN];
        if (entry.regex.test(line)) alsoSeen.push(entry.key);
        continue;
      }
      const rule = this.rules[id];
      const m = rule.regex.exec(line);
      if (!m) continue;
      noise ??= this.#noise?.test(line) ?? false;
      if (noise) continue;
      const facts: Record<string, string> = {};
      for (const [name, value] of Object.entries(m.groups ?? {})) {
        if (value !== undefined) facts[name] = value;
      }
      hits.push({ rule, facts });
    }
    return injection
      ? { hits: [], alsoSeen, mightHoldSecret, injection }
      : { hits, alsoSeen, mightHoldSecret };
  }
}
