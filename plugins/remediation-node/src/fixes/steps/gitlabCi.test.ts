import { MemoryWorkspace } from '../../__testUtils__/memoryWorkspace';
import { jobNames, readCiFile, targetJobs, writeCiFile } from './gitlabCi';

const CI = `# The shop's pipeline
include:
  - local: ci/common.yml
stages: [test]
variables:
  A: "1" # kept
default:
  image: node:22
workflow:
  rules: [{ when: always }]
.hidden:
  script: x
build:
  script: make
"test:unit":
  script: npm test
`;

describe('gitlabCi', () => {
  it('lists the jobs, not the settings or hidden templates', async () => {
    const doc = await readCiFile(new MemoryWorkspace({ '.gitlab-ci.yml': CI }));
    expect(jobNames(doc)).toEqual(['build', 'test:unit']);
    expect(targetJobs(doc)).toEqual(['build', 'test:unit']);
    expect(targetJobs(doc, 'build')).toEqual(['build']);
    expect(() => targetJobs(doc, 'deploy')).toThrow("has no job 'deploy'");
  });

  it('writes the document back with its comments and layout', async () => {
    const ws = new MemoryWorkspace({ '.gitlab-ci.yml': CI });
    const doc = await readCiFile(ws);
    doc.setIn(['build', 'timeout'], '2h');
    await writeCiFile(ws, doc);
    const text = ws.files.get('.gitlab-ci.yml')!;
    expect(text).toContain("# The shop's pipeline");
    expect(text).toContain('A: "1" # kept');
    expect(text).toContain('workflow:\n  rules: [ { when: always } ]');
    expect(text).toContain('build:\n  script: make\n  timeout: 2h\n');
  });

  it('refuses a missing or malformed CI file', async () => {
    await expect(readCiFile(new MemoryWorkspace())).rejects.toThrow(
      'no .gitlab-ci.yml',
    );
    await expect(
      readCiFile(new MemoryWorkspace({ '.gitlab-ci.yml': 'a: [unclosed\n' })),
    ).rejects.toThrow('.gitlab-ci.yml is not a YAML mapping');
    await expect(
      readCiFile(new MemoryWorkspace({ '.gitlab-ci.yml': 'just text\n' })),
    ).rejects.toThrow('.gitlab-ci.yml is not a YAML mapping');
  });
});
