import { parseImageReference } from './imageReference';

describe('parseImageReference', () => {
  it.each([
    ['nginx', null, 'nginx', null, null],
    ['nginx:1.27', null, 'nginx', '1.27', null],
    ['library/nginx:latest', null, 'library/nginx', 'latest', null],
    ['ghcr.io/org/app:v2', 'ghcr.io', 'org/app', 'v2', null],
    ['localhost:5000/app', 'localhost:5000', 'app', null, null],
    ['localhost/app:1', 'localhost', 'app', '1', null],
    ['app:5000', null, 'app', '5000', null],
    [
      'registry.io:443/a/b:1.0@sha256:abc',
      'registry.io:443',
      'a/b',
      '1.0',
      'sha256:abc',
    ],
    ['nginx@sha256:abc', null, 'nginx', null, 'sha256:abc'],
  ])('%s', (image, registry, repository, tag, digest) => {
    expect(parseImageReference(image)).toEqual({
      registry,
      repository,
      tag,
      digest,
    });
  });

  it('gives null for an empty reference', () => {
    expect(parseImageReference('  ')).toBeNull();
  });
});
