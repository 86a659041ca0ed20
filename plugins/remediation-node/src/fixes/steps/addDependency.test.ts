import {
  applyStep,
  MemoryWorkspace,
} from '../../__testUtils__/memoryWorkspace';
import { FixNotApplicableError } from '../types';
import { addDependencyStep, dependencyName } from './addDependency';

const add = (params: unknown, ws: MemoryWorkspace) =>
  applyStep(addDependencyStep, params, ws);
const python = (name: string, extra: object = {}) => ({
  ecosystem: 'python',
  name,
  ...extra,
});
const npm = (name: string, extra: object = {}) => ({
  ecosystem: 'npm',
  name,
  ...extra,
});

describe('add-dependency', () => {
  describe('parameters', () => {
    it.each([
      'yaml',
      'google.protobuf',
      '@scope/pkg/sub',
      'lodash/fp',
      'a_b-c.d',
    ])('accepts %j', name => {
      expect(addDependencyStep.parameters.safeParse(npm(name)).success).toBe(
        true,
      );
    });

    it.each(['', 'x y', 'x;rm', '$(id)', 'a\nb', 'pkg==1'])(
      'rejects %j',
      name => {
        expect(
          addDependencyStep.parameters.safeParse(python(name)).success,
        ).toBe(false);
      },
    );

    it('rejects an unknown ecosystem', () => {
      expect(
        addDependencyStep.parameters.safeParse({
          ecosystem: 'cargo',
          name: 'x',
        }).success,
      ).toBe(false);
    });
  });

  describe('names', () => {
    it.each([
      ['yaml', 'PyYAML'],
      ['sklearn', 'scikit-learn'],
      ['sklearn.ensemble', 'scikit-learn'],
      ['cv2', 'opencv-python'],
      ['PIL', 'Pillow'],
      ['requests', 'requests'],
      ['my_package', 'my-package'],
    ])('installs Python import %j as %j', (name, dist) => {
      expect(dependencyName(python(name) as any)).toBe(dist);
    });

    it.each([
      ['lodash', 'lodash'],
      ['lodash/fp', 'lodash'],
      ['@babel/core', '@babel/core'],
      ['@babel/core/lib/index.js', '@babel/core'],
      ['@scope/pkg/x', '@scope/pkg'],
    ])('installs npm import %j as %j', (name, pkg) => {
      expect(dependencyName(npm(name) as any)).toBe(pkg);
    });

    it('describes what it would do', () => {
      expect(addDependencyStep.describe(python('yaml') as any)).toBe(
        'Add PyYAML (for import yaml) to the Python requirements',
      );
      expect(addDependencyStep.describe(npm('@scope/pkg/x') as any)).toBe(
        'Add @scope/pkg to package.json',
      );
    });
  });

  describe('Python, requirements.txt', () => {
    it('appends to a file ending with a newline', async () => {
      const ws = new MemoryWorkspace({
        'requirements.txt': 'requests==2.31.0\n',
      });
      const result = await add(python('yaml'), ws);
      expect(ws.files.get('requirements.txt')).toBe(
        'requests==2.31.0\nPyYAML\n',
      );
      expect(result).toEqual({
        changedFiles: ['requirements.txt'],
        summary: 'Added PyYAML to requirements.txt',
      });
    });

    it('appends to a file without a trailing newline', async () => {
      const ws = new MemoryWorkspace({
        'requirements.txt': 'requests==2.31.0',
      });
      await add(python('sklearn'), ws);
      expect(ws.files.get('requirements.txt')).toBe(
        'requests==2.31.0\nscikit-learn\n',
      );
    });

    it('fills an empty file', async () => {
      const ws = new MemoryWorkspace({ 'requirements.txt': '' });
      await add(python('yaml', { version: '6.0.1' }), ws);
      expect(ws.files.get('requirements.txt')).toBe('PyYAML==6.0.1\n');
    });

    it.each([
      'PyYAML==6.0\n',
      'pyyaml>=6\n',
      '# config\npyyaml ; python_version >= "3.8"\n',
      'PyYAML[libyaml]~=6.0\n',
      'PyYAML\n',
      '  pyyaml  # parser\n',
      'pyyaml\t>=6\n',
      'PyYAML @ https://example.com/PyYAML-6.0.tar.gz\n',
    ])('does nothing when %j already declares it', async text => {
      const ws = new MemoryWorkspace({ 'requirements.txt': text });
      await expect(add(python('yaml'), ws)).rejects.toThrow(
        FixNotApplicableError,
      );
      expect(ws.writes).toEqual([]);
    });

    it('compares names the way pip does', async () => {
      const ws = new MemoryWorkspace({
        'requirements.txt': 'Scikit_Learn==1.4\n',
      });
      await expect(add(python('sklearn'), ws)).rejects.toThrow(
        'scikit-learn is already in requirements.txt',
      );
    });

    it('does not mistake a comment or another package for it', async () => {
      const ws = new MemoryWorkspace({
        'requirements.txt': '# PyYAML is needed\npyyaml-include\n',
      });
      await add(python('yaml'), ws);
      expect(ws.files.get('requirements.txt')).toBe(
        '# PyYAML is needed\npyyaml-include\nPyYAML\n',
      );
    });
  });

  describe('Python, pyproject.toml', () => {
    it('adds to the dependencies list', async () => {
      const ws = new MemoryWorkspace({
        'pyproject.toml':
          '[project]\nname = "app"\ndependencies = [\n    "requests>=2",\n]\n\n[tool.ruff]\nline-length = 88\n',
      });
      const result = await add(python('yaml'), ws);
      expect(ws.files.get('pyproject.toml')).toBe(
        '[project]\nname = "app"\ndependencies = [\n    "requests>=2",\n    "PyYAML",\n]\n\n[tool.ruff]\nline-length = 88\n',
      );
      expect(result.changedFiles).toEqual(['pyproject.toml']);
    });

    it('adds to a list without a trailing comma, or an empty one', async () => {
      const ws = new MemoryWorkspace({
        'pyproject.toml': '[project]\ndependencies = ["requests>=2"]\n',
      });
      await add(python('yaml'), ws);
      expect(ws.files.get('pyproject.toml')).toBe(
        '[project]\ndependencies = ["requests>=2",\n    "PyYAML",\n]\n',
      );
      const empty = new MemoryWorkspace({
        'pyproject.toml': '[project]\ndependencies = []\n',
      });
      await add(python('yaml'), empty);
      expect(empty.files.get('pyproject.toml')).toBe(
        '[project]\ndependencies = [\n    "PyYAML",\n]\n',
      );
    });

    it('keeps a list whose items hold brackets (extras) intact', async () => {
      const ws = new MemoryWorkspace({
        'pyproject.toml':
          '[project]\ndependencies = [\n    "uvicorn[standard]>=0.20",\n    "fastapi",\n]\n',
      });
      await add(python('yaml'), ws);
      expect(ws.files.get('pyproject.toml')).toBe(
        '[project]\ndependencies = [\n    "uvicorn[standard]>=0.20",\n    "fastapi",\n    "PyYAML",\n]\n',
      );
    });

    it('puts the comma before a comment, not in it', async () => {
      const ws = new MemoryWorkspace({
        'pyproject.toml':
          '[project]\ndependencies = [\n    "fastapi"  # web [api]\n]\n',
      });
      await add(python('yaml'), ws);
      expect(ws.files.get('pyproject.toml')).toBe(
        '[project]\ndependencies = [\n    "fastapi",  # web [api]\n    "PyYAML",\n]\n',
      );
    });

    it('does nothing when the list already declares it', async () => {
      const ws = new MemoryWorkspace({
        'pyproject.toml': '[project]\ndependencies = ["PyYAML>=6", "x"]\n',
      });
      await expect(add(python('yaml'), ws)).rejects.toThrow(
        'PyYAML is already in pyproject.toml',
      );
    });

    it('is not applicable without requirements or a dependencies list', async () => {
      await expect(add(python('yaml'), new MemoryWorkspace())).rejects.toThrow(
        FixNotApplicableError,
      );
      await expect(
        add(
          python('yaml'),
          new MemoryWorkspace({
            'pyproject.toml': '[tool.poetry.dependencies]\npython = "^3.11"\n',
          }),
        ),
      ).rejects.toThrow(FixNotApplicableError);
    });

    it('prefers requirements.txt when both exist', async () => {
      const ws = new MemoryWorkspace({
        'requirements.txt': 'x\n',
        'pyproject.toml': 'dependencies = []\n',
      });
      await add(python('yaml'), ws);
      expect(ws.writes).toEqual(['requirements.txt']);
    });
  });

  describe('npm', () => {
    const pkg = (content: object, indent: string | number = 2) =>
      `${JSON.stringify(content, null, indent)}\n`;

    it('adds a package to dependencies, sorted', async () => {
      const ws = new MemoryWorkspace({
        'package.json': pkg({
          name: 'app',
          dependencies: { zod: '^3', express: '^4' },
        }),
      });
      const result = await add(npm('axios'), ws);
      expect(JSON.parse(ws.files.get('package.json')!)).toEqual({
        name: 'app',
        dependencies: { axios: '*', express: '^4', zod: '^3' },
      });
      expect(
        Object.keys(JSON.parse(ws.files.get('package.json')!).dependencies),
      ).toEqual(['axios', 'express', 'zod']);
      expect(result.summary).toBe(
        'Added axios to dependencies in package.json (update the lock file with npm install)',
      );
    });

    it('adds the package of a scoped deep import', async () => {
      const ws = new MemoryWorkspace({ 'package.json': pkg({ name: 'app' }) });
      await add(npm('@scope/pkg/x/y.js', { version: '^1.2.0' }), ws);
      expect(JSON.parse(ws.files.get('package.json')!).dependencies).toEqual({
        '@scope/pkg': '^1.2.0',
      });
    });

    it.each([
      'jest',
      'ts-jest',
      '@jest/globals',
      '@types/node',
      'eslint-plugin-react',
      'prettier',
      'typescript',
      'vitest',
      'mocha',
      'chai',
      '@testing-library/react',
      'supertest',
    ])('adds %s to devDependencies', async name => {
      const ws = new MemoryWorkspace({ 'package.json': pkg({ name: 'app' }) });
      await add(npm(name), ws);
      const written = JSON.parse(ws.files.get('package.json')!);
      expect(written.devDependencies).toEqual({ [name]: '*' });
      expect(written.dependencies).toBeUndefined();
    });

    it.each(['chainsaw', 'jester', 'typescript-json-schema', 'mochila'])(
      'adds %s to dependencies',
      async name => {
        const ws = new MemoryWorkspace({
          'package.json': pkg({ name: 'app' }),
        });
        await add(npm(name), ws);
        expect(JSON.parse(ws.files.get('package.json')!).dependencies).toEqual({
          [name]: '*',
        });
      },
    );

    it('keeps the indentation of the file', async () => {
      const ws = new MemoryWorkspace({
        'package.json': pkg({ name: 'app' }, 4),
      });
      await add(npm('axios'), ws);
      expect(ws.files.get('package.json')).toBe(
        '{\n    "name": "app",\n    "dependencies": {\n        "axios": "*"\n    }\n}\n',
      );
      const tabs = new MemoryWorkspace({
        'package.json': pkg({ name: 'app' }, '\t'),
      });
      await add(npm('axios'), tabs);
      expect(tabs.files.get('package.json')).toBe(
        '{\n\t"name": "app",\n\t"dependencies": {\n\t\t"axios": "*"\n\t}\n}\n',
      );
    });

    it('does nothing when the package is declared', async () => {
      for (const field of ['dependencies', 'devDependencies']) {
        const ws = new MemoryWorkspace({
          'package.json': pkg({ [field]: { axios: '^1' } }),
        });
        await expect(add(npm('axios/lib/x'), ws)).rejects.toThrow(
          'axios is already in package.json',
        );
      }
    });

    it('is not applicable without package.json', async () => {
      await expect(add(npm('axios'), new MemoryWorkspace())).rejects.toThrow(
        'no package.json',
      );
    });
  });
});
