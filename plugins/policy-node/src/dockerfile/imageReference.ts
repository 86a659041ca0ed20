/** The parts of a container image reference (`registry/repository:tag@digest`). */
export interface ImageReference {
  /** `ghcr.io`, `localhost:5000`; null for Docker Hub's implicit registry. */
  registry: string | null;
  /** `library/node`, `team/app`, `node`: as written, without registry. */
  repository: string;
  /** null when the reference has none (which means `latest`). */
  tag: string | null;
  /** `sha256:…`; null when not pinned by digest. */
  digest: string | null;
}

/**
 * Splits an image reference the way Docker's reference grammar does: the
 * first path component is a registry only when it looks like a host (has a
 * dot or a port, or is `localhost`), so `localhost:5000/app` has no tag and
 * `app:5000` has tag `5000`. Returns null for an empty reference.
 */
export function parseImageReference(image: string): ImageReference | null {
  let rest = image.trim();
  if (!rest) return null;

  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1) || null;
    rest = rest.slice(0, at);
  }

  let registry: string | null = null;
  const slash = rest.indexOf('/');
  if (slash >= 0) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      registry = first;
      rest = rest.slice(slash + 1);
    }
  }

  let tag: string | null = null;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1) || null;
    rest = rest.slice(0, colon);
  }

  return { registry, repository: rest, tag, digest };
}
