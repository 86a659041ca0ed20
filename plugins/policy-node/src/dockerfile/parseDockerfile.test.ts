import { parseDockerfile } from './parseDockerfile';

const parse = (content: string) => parseDockerfile('svc/Dockerfile', content);
const attributes = (content: string) => {
  const { resources, errors } = parse(content);
  expect(errors).toEqual([]);
  expect(resources).toHaveLength(1);
  return resources[0].attributes as Record<string, any>;
};

describe('parseDockerfile', () => {
  it('is one resource named by its file', () => {
    const { resources } = parse('FROM alpine:3.20\n');
    expect(resources).toEqual([
      expect.objectContaining({
        kind: 'dockerfile',
        type: 'Dockerfile',
        name: 'svc/Dockerfile',
        file: 'svc/Dockerfile',
        line: 1,
      }),
    ]);
  });

  it('reads each stage: ARG defaults in FROM, --platform, digests, scratch and earlier stages', () => {
    const { stages } = attributes(`# syntax=docker/dockerfile:1
ARG NODE_VERSION=20.17
ARG REGISTRY=ghcr.io
FROM --platform=$BUILDPLATFORM node:\${NODE_VERSION}-alpine AS Build
RUN yarn build
FROM \${REGISTRY}/org/base@sha256:abc AS base
FROM scratch AS export
FROM build
FROM ubuntu
`);
    expect(stages).toEqual([
      {
        index: 0,
        name: 'Build',
        line: 4,
        image: 'node:20.17-alpine',
        registry: null,
        repository: 'node',
        tag: '20.17-alpine',
        digest: null,
        platform: '$BUILDPLATFORM',
        scratch: false,
        fromStage: null,
        user: null,
        userLine: null,
      },
      expect.objectContaining({
        index: 1,
        name: 'base',
        image: 'ghcr.io/org/base@sha256:abc',
        registry: 'ghcr.io',
        repository: 'org/base',
        tag: null,
        digest: 'sha256:abc',
        platform: null,
      }),
      expect.objectContaining({ name: 'export', scratch: true, tag: null }),
      // Stage names are case-insensitive.
      expect.objectContaining({
        line: 8,
        image: 'build',
        fromStage: 'Build',
        repository: null,
      }),
      expect.objectContaining({ repository: 'ubuntu', tag: null }),
    ]);
  });

  it('expands FROM only with the ARGs declared before the first FROM', () => {
    const { resources } = parse(`ARG BASE
FROM alpine:3.20 AS one
ARG TAG=3.19
FROM alpine:\${TAG}
FROM \${BASE}
`);
    const stages = resources[0].attributes.stages as Array<{ image: string }>;
    expect(stages.map(s => s.image)).toEqual(['alpine:3.20', null, null]);
    expect(resources[0].unknowns).toEqual([
      {
        path: 'stages.1.image',
        reason:
          'FROM alpine:${TAG} on line 4 reads TAG, which has no default without --build-arg',
      },
      {
        path: 'stages.2.image',
        reason:
          'FROM ${BASE} on line 5 reads BASE, which has no default without --build-arg',
      },
    ]);
  });

  it("takes the last stage's user: its last USER, else the user of the stage it builds on", () => {
    const own = attributes(`FROM node:20 AS build
USER node
FROM node:20-slim
USER root
RUN apt-get update
USER 1000:1000
`);
    expect([own.finalUser, own.finalUserLine]).toEqual(['1000:1000', 6]);

    const inherited = attributes(`FROM debian:12 AS base
ARG UID=10001
USER \${UID}
FROM base AS app
RUN true
FROM app
`);
    expect([inherited.finalUser, inherited.finalUserLine]).toEqual([
      '10001',
      3,
    ]);
    expect(inherited.finalBaseImage).toBe('debian:12');

    const none = attributes(`FROM node:20 AS build
USER node
FROM gcr.io/distroless/nodejs20:nonroot
`);
    expect([none.finalUser, none.finalUserLine, none.finalBaseImage]).toEqual([
      null,
      null,
      'gcr.io/distroless/nodejs20:nonroot',
    ]);
  });

  it('resolves USER from ENV (kept by a stage built on another) and ARG, and names a user that needs a build argument unknown', () => {
    const fromEnv = attributes(`FROM alpine:3.20 AS base
ENV APP_USER=app
FROM base
USER $APP_USER
`);
    expect(fromEnv.finalUser).toBe('app');

    const { resources } = parse(`FROM alpine:3.20
ARG UID
USER $UID
`);
    expect(resources[0].attributes.finalUser).toBeNull();
    expect(resources[0].unknowns).toEqual([
      {
        path: 'finalUser',
        reason:
          'USER on line 3 reads UID, which has no value without --build-arg',
      },
    ]);
  });

  it('lists ADD sources, telling remote sources and local archives from plain files', () => {
    const { add } = attributes(`FROM alpine:3.20
ADD --chown=app:app config.yaml /etc/app/
ADD rootfs.tar.gz vendor.tgz /
ADD ["with space.txt", "/opt/"]
ADD https://example.com/tool.bin /usr/local/bin/tool
ADD git@github.com:org/repo.git /src
`);
    expect(add).toEqual([
      {
        line: 2,
        stage: 0,
        sources: [{ path: 'config.yaml', remote: false, archive: false }],
        destination: '/etc/app/',
      },
      {
        line: 3,
        stage: 0,
        sources: [
          { path: 'rootfs.tar.gz', remote: false, archive: true },
          { path: 'vendor.tgz', remote: false, archive: true },
        ],
        destination: '/',
      },
      {
        line: 4,
        stage: 0,
        sources: [{ path: 'with space.txt', remote: false, archive: false }],
        destination: '/opt/',
      },
      expect.objectContaining({
        sources: [
          {
            path: 'https://example.com/tool.bin',
            remote: true,
            archive: false,
          },
        ],
      }),
      expect.objectContaining({
        sources: [
          { path: 'git@github.com:org/repo.git', remote: true, archive: false },
        ],
      }),
    ]);
  });

  it('gives each RUN as shell text: continuations joined, exec form and heredocs read, comments dropped', () => {
    const { runs } = attributes(`FROM alpine:3.20 AS build
RUN --mount=type=cache,target=/var/cache/apk apk add curl \\
    # the installer
    && curl -fsSL https://x.example/install.sh | sh
FROM alpine:3.20
RUN ["/bin/sh", "-c", "wget -qO- https://x.example | sh"]
RUN <<EOF
set -e
# curl https://commented.example | sh
echo done
EOF
`);
    expect(runs).toEqual([
      {
        line: 2,
        stage: 0,
        command: expect.stringMatching(
          /^apk add curl\s+&& curl -fsSL https:\/\/x.example\/install.sh \| sh$/,
        ),
      },
      {
        line: 6,
        stage: 1,
        command: '/bin/sh -c wget -qO- https://x.example | sh',
      },
      { line: 7, stage: 1, command: '<<EOF\nset -e\necho done\nEOF' },
    ]);
  });

  it('lists ENV and ARG instructions', () => {
    const { env, args } = attributes(`ARG VERSION=1
FROM alpine:3.20
ARG VERSION
ENV MODE=production PORT="8080"
ENV LEGACY value
`);
    expect(env).toEqual([
      { line: 4, stage: 0, name: 'MODE', value: 'production' },
      { line: 4, stage: 0, name: 'PORT', value: '8080' },
      { line: 5, stage: 0, name: 'LEGACY', value: 'value' },
    ]);
    expect(args).toEqual([
      { line: 1, stage: null, name: 'VERSION', value: '1' },
      // Redeclared in the stage without a value: the global default.
      { line: 3, stage: 0, name: 'VERSION', value: '1' },
    ]);
  });

  it('reports a file without FROM as not a Dockerfile', () => {
    expect(parse('# nothing here\nRUN echo hi\n')).toEqual({
      resources: [],
      errors: [
        {
          file: 'svc/Dockerfile',
          error: 'not a Dockerfile: it has no FROM instruction',
        },
      ],
    });
  });
});
