import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { builtinFixSteps } from '../fixes/builtinFixSteps';
import { PLAYBOOKS_DIR } from '../__testUtils__/library';
import { loadPlaybooks, PlaybookError } from './loadPlaybooks';

const knownStepTypes = new Set(builtinFixSteps.map(s => s.type));

const VALID = `id: pb-dep-001
title: Missing Python package
category: missing_python_package
risk: medium
rules:
  - id: module-not-found
    pattern: "No module named '(?<module>\\\\w+)'"
    priority: 80
fix:
  steps:
    - type: add-dependency
      with:
        ecosystem: python
        name: '{{module}}'
`;

describe('loadPlaybooks', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'playbooks-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  };
  const relative = (name: string) => path.join(path.basename(dir), name);

  /** What loading `dir` throws (undefined when it loads). */
  function loadError(): unknown {
    try {
      loadPlaybooks(dir, { knownStepTypes });
      return undefined;
    } catch (error) {
      return error;
    }
  }

  /** A PlaybookError about `file` saying `problem`, as loadError gives it. */
  const playbookError = (file: string, problem: RegExp) =>
    expect.objectContaining({
      name: 'PlaybookError',
      file: relative(file),
      message: expect.stringMatching(
        new RegExp(
          `^Invalid playbook ${relative(file).replace(
            /[.*+?^${}()|[\]\\]/g,
            '\\$&',
          )}: [\\s\\S]*${problem.source}`,
          problem.flags,
        ),
      ),
    });

  describe("the repository's playbooks", () => {
    const library = loadPlaybooks(PLAYBOOKS_DIR, { knownStepTypes });

    it('holds exactly the ten playbooks', () => {
      expect(library.playbooks.map(p => p.id).sort()).toEqual(
        [
          'pb-dep-001',
          'pb-dep-002',
          'pb-dep-003',
          'pb-env-001',
          'pb-env-002',
          'pb-test-001',
          'pb-test-002',
          'pb-resource-001',
          'pb-resource-002',
          'pb-infra-001',
        ].sort(),
      );
    });

    it('holds the classifiers and the noise', () => {
      expect(library.classifiers.map(c => c.id).sort()).toEqual([
        'cls-build-001',
        'cls-lint-001',
        'cls-test-001',
      ]);
      expect(library.classifiers.map(c => c.category).sort()).toEqual([
        'compilation_error',
        'lint_failure',
        'test_failure',
      ]);
      expect(library.noise.map(n => n.id)).toEqual(['noise']);
    });

    it('remembers the file of each id', () => {
      expect(library.files.get('pb-dep-001')).toBe(
        path.join('playbooks', 'pb-dep-001-missing-python-package.yaml'),
      );
      expect(library.files.get('cls-test-001')).toBe(
        path.join('playbooks', 'classifiers', 'cls-test-001-test-failure.yaml'),
      );
    });

    it('fills in the defaults', () => {
      const rule = library.playbooks
        .find(p => p.id === 'pb-dep-001')!
        .rules.find(r => r.id === 'module-not-found')!;
      expect(rule).toMatchObject({ flags: '', prefer: 'last', facts: {} });
      expect(library.playbooks.every(p => p.kind === 'playbook')).toBe(true);
    });

    it('gives every rule a unique id within its file', () => {
      for (const owner of [...library.playbooks, ...library.classifiers]) {
        const ids = owner.rules.map(r => r.id);
        expect([owner.id, new Set(ids).size]).toEqual([owner.id, ids.length]);
      }
    });
  });

  it('loads a valid playbook, and nested folders', () => {
    write('pb.yaml', VALID);
    write(
      'more/cls.yml',
      'kind: classifier\nid: cls-test-001\ntitle: t\ncategory: test_failure\nrules:\n  - id: r\n    pattern: FAILED\n    priority: 50\n',
    );
    write('README.md', 'not yaml at all: [');
    const library = loadPlaybooks(dir, { knownStepTypes });
    expect(library.playbooks.map(p => p.id)).toEqual(['pb-dep-001']);
    expect(library.classifiers.map(c => c.id)).toEqual(['cls-test-001']);
    expect(library.files.get('cls-test-001')).toBe(relative('more/cls.yml'));
  });

  it('reads several documents of one file, skipping empty ones', () => {
    write(
      'all.yaml',
      `${VALID}---\n---\n${VALID.replace('pb-dep-001', 'pb-dep-002')}`,
    );
    expect(loadPlaybooks(dir).playbooks.map(p => p.id)).toEqual([
      'pb-dep-001',
      'pb-dep-002',
    ]);
  });

  it('rejects invalid YAML', () => {
    write('pb.yaml', VALID);
    write('broken.yaml', 'id: pb-x-001\nrules: [unclosed\n');
    expect(loadError()).toEqual(playbookError('broken.yaml', /./));
  });

  it('rejects duplicate keys', () => {
    write('dup-key.yaml', `${VALID}title: again\n`);
    expect(loadError()).toEqual(
      playbookError('dup-key.yaml', /unique|duplicate/i),
    );
  });

  it('rejects a regular expression that does not compile', () => {
    write(
      'pb.yaml',
      VALID.replace("No module named '(?<module>\\\\w+)'", 'broken (group'),
    );
    expect(loadError()).toEqual(
      playbookError('pb.yaml', /invalid regular expression/),
    );
  });

  it('rejects a bad alsoSeen expression', () => {
    write(
      'pb.yaml',
      VALID.replace(
        '    priority: 80',
        "    priority: 80\n    alsoSeen: '[unclosed'",
      ),
    );
    expect(loadError()).toEqual(
      playbookError('pb.yaml', /invalid regular expression/),
    );
  });

  it('rejects a missing field', () => {
    write('pb.yaml', VALID.replace('risk: medium\n', ''));
    expect(loadError()).toEqual(playbookError('pb.yaml', /risk/));
  });

  it('rejects an unknown field', () => {
    write(
      'pb.yaml',
      VALID.replace('risk: medium\n', 'risk: medium\nseverity: 3\n'),
    );
    expect(loadError()).toEqual(playbookError('pb.yaml', /severity/));
  });

  it('rejects an unknown category and bad flags', () => {
    write('pb.yaml', VALID.replace('missing_python_package', 'cosmic_rays'));
    expect(loadError()).toEqual(playbookError('pb.yaml', /category/));
    write(
      'pb.yaml',
      VALID.replace('    priority: 80', '    priority: 80\n    flags: g'),
    );
    expect(loadError()).toEqual(playbookError('pb.yaml', /flags/));
  });

  it('rejects an id used twice, naming both files', () => {
    write('a.yaml', VALID);
    write('b.yaml', VALID);
    expect(loadError()).toEqual(
      playbookError(
        'b.yaml',
        new RegExp(`pb-dep-001 is also used in ${relative('a.yaml')}`),
      ),
    );
  });

  it('rejects a rule id used twice in one file', () => {
    write(
      'pb.yaml',
      VALID.replace(
        'fix:',
        "  - id: module-not-found\n    pattern: 'other'\n    priority: 10\nfix:",
      ),
    );
    expect(loadError()).toEqual(
      playbookError('pb.yaml', /rule id module-not-found/),
    );
  });

  it('rejects an unknown step type when the known ones are given', () => {
    write(
      'pb.yaml',
      VALID.replace('type: add-dependency', 'type: launch-rockets'),
    );
    expect(loadError()).toEqual(
      playbookError(
        'pb.yaml',
        /launch-rockets.*not registered.*add-dependency/,
      ),
    );
    // Without knownStepTypes the loader cannot tell.
    expect(loadPlaybooks(dir).playbooks).toHaveLength(1);
  });

  it('rejects a folder without playbooks', () => {
    write(
      'noise.yaml',
      "kind: noise\nid: noise\npatterns:\n  - pattern: '^WARN'\n",
    );
    expect(() => loadPlaybooks(dir)).toThrow(PlaybookError);
    expect(() => loadPlaybooks(dir)).toThrow(/no playbooks found/);
  });

  it('rejects a folder that does not exist', () => {
    expect(() => loadPlaybooks(path.join(dir, 'missing'))).toThrow(
      /the playbooks folder does not exist/,
    );
  });

  it('rejects a playbook without rules or steps', () => {
    write('pb.yaml', VALID.replace(/rules:[\s\S]*fix:/, 'rules: []\nfix:'));
    expect(loadError()).toEqual(playbookError('pb.yaml', /rules/));
  });
});
