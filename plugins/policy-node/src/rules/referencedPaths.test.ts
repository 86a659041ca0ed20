import { overlaps, referencedPaths } from './referencedPaths';

describe('referencedPaths', () => {
  it('finds the attribute paths an expression reads', () => {
    expect(
      referencedPaths(
        'has(resource.attributes.encryption) && resource.attributes.encryption.enabled == true || resource.type == "x"',
      ),
    ).toEqual(['encryption', 'encryption.enabled']);
  });

  it('counts a comprehension by its root, and reads inside calls and lists', () => {
    expect(
      referencedPaths(
        'resource.attributes.containers.all(c, c.privileged != true) && size(resource.attributes.tags) > 0 && [resource.attributes.a.b].size() == 1 && params.keys.all(k, k in resource.attributes.labels)',
      ),
    ).toEqual(['a.b', 'containers', 'labels', 'tags']);
  });

  it('says whether a read involves an unknown value', () => {
    expect(overlaps('ingress', 'ingress.0.cidr_blocks')).toBe(true);
    expect(overlaps('encryption.enabled', 'encryption')).toBe(true);
    expect(overlaps('tags', 'tags_all')).toBe(false);
    expect(overlaps('versioning', 'encryption')).toBe(false);
  });
});
