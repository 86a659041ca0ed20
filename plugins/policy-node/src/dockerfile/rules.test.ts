import path from 'node:path';
import { loadPolicyRules } from '../rules/loadPolicyRules';
import { parseDockerfile } from './parseDockerfile';

const { rules } = loadPolicyRules(
  path.resolve(__dirname, '../../../../policies/dockerfile'),
);

/** What the rule says of the Dockerfile. */
function judge(id: string, dockerfile: string) {
  const rule = rules.find(r => r.spec.id === id)!;
  const { resources, errors } = parseDockerfile('Dockerfile', dockerfile);
  expect(errors).toEqual([]);
  expect(rule.appliesTo(resources[0])).toBe(true);
  return rule.evaluate(resources[0]);
}

const COMPLIANT = { status: 'compliant' };
const violated = (...violations: string[]) => ({
  status: 'violated',
  violations,
});

describe('the Dockerfile rules', () => {
  it('are the four', () => {
    expect(rules.map(r => r.spec.id)).toEqual([
      'docker-add-instead-of-copy',
      'docker-curl-pipe-shell',
      'docker-latest-base',
      'docker-root-user',
    ]);
  });

  describe('docker-latest-base', () => {
    it('finds latest and untagged base images in any stage', () => {
      expect(
        judge(
          'docker-latest-base',
          `FROM golang AS build
FROM node:latest AS assets
FROM alpine:3.20
`,
        ),
      ).toEqual(violated('line 1: FROM golang', 'line 2: FROM node:latest'));
    });

    it('accepts tags, digests, scratch, earlier stages and ARG defaults', () => {
      expect(
        judge(
          'docker-latest-base',
          `ARG GO_VERSION=1.22
ARG DISTROLESS=gcr.io/distroless/static-debian12:nonroot
FROM --platform=$BUILDPLATFORM golang:\${GO_VERSION} AS build
FROM build AS test
FROM scratch AS export
FROM nginx:latest@sha256:0123abcd AS web
FROM \${DISTROLESS}
`,
        ),
      ).toEqual(COMPLIANT);
    });

    it('finds an ARG default that is latest, and reports a FROM that needs a build argument as unknown', () => {
      expect(
        judge('docker-latest-base', 'ARG TAG=latest\nFROM node:${TAG}\n'),
      ).toEqual(violated('line 2: FROM node:latest'));
      expect(judge('docker-latest-base', 'ARG BASE\nFROM ${BASE}\n')).toEqual({
        status: 'unknown',
        reason: expect.stringContaining('stages.0.image cannot be known'),
      });
    });
  });

  describe('docker-root-user', () => {
    it.each([
      ['no USER', 'FROM node:20\nRUN npm ci\n', 'no USER in the final stage'],
      ['USER root', 'FROM node:20\nUSER root\n', 'line 2: USER root'],
      ['USER 0', 'FROM node:20\nUSER 0\n', 'line 2: USER 0'],
      ['USER 0:0', 'FROM node:20\nUSER 0:0\n', 'line 2: USER 0:0'],
      [
        'USER root:app',
        'FROM node:20\nUSER root:app\n',
        'line 2: USER root:app',
      ],
      [
        'a USER in an earlier stage only',
        'FROM node:20 AS build\nUSER node\nFROM node:20-slim\nCMD ["node"]\n',
        'no USER in the final stage',
      ],
      [
        'a last USER root',
        'FROM node:20\nUSER node\nRUN npm ci\nUSER root\n',
        'line 4: USER root',
      ],
      ['scratch without USER', 'FROM scratch\nCOPY app /app\n', 'no USER'],
    ])('finds %s', (_, dockerfile, violation) => {
      const outcome = judge('docker-root-user', dockerfile);
      expect(outcome.status).toBe('violated');
      expect((outcome as { violations: string[] }).violations).toEqual([
        expect.stringContaining(violation),
      ]);
    });

    it.each([
      ['USER app', 'FROM node:20\nUSER app\n'],
      ['USER 1000:0', 'FROM node:20\nUSER 1000:0\n'],
      ['USER from an ARG', 'FROM node:20\nARG UID=10001\nUSER ${UID}\n'],
      [
        'a user inherited from the stage built on',
        'FROM node:20 AS base\nUSER node\nFROM base\nCMD ["node"]\n',
      ],
      [
        'root only while installing',
        'FROM node:20\nUSER root\nRUN apt-get update\nUSER node\n',
      ],
      [
        'a distroless nonroot base',
        'FROM golang:1.22 AS build\nFROM gcr.io/distroless/static-debian12:nonroot\n',
      ],
    ])('accepts %s', (_, dockerfile) => {
      expect(judge('docker-root-user', dockerfile)).toEqual(COMPLIANT);
    });

    it('reports a USER that needs a build argument as unknown', () => {
      expect(
        judge('docker-root-user', 'FROM node:20\nARG UID\nUSER $UID\n'),
      ).toMatchObject({ status: 'unknown' });
    });
  });

  describe('docker-add-instead-of-copy', () => {
    it('finds ADD of local files and folders', () => {
      expect(
        judge(
          'docker-add-instead-of-copy',
          `FROM alpine:3.20
ADD . /app
ADD --chown=app:app config.yaml rootfs.tar.gz /etc/app/
COPY run.sh /
`,
        ),
      ).toEqual(violated('line 2: ADD .', 'line 3: ADD config.yaml'));
    });

    it('accepts ADD of URLs, git repositories and local tar archives', () => {
      expect(
        judge(
          'docker-add-instead-of-copy',
          `FROM alpine:3.20
ADD rootfs.tar.xz /
ADD --checksum=sha256:0123 https://example.com/tool.tar.gz /opt/
ADD https://github.com/org/repo.git#v1.0 /src
COPY . /app
`,
        ),
      ).toEqual(COMPLIANT);
    });
  });

  describe('docker-curl-pipe-shell', () => {
    const run = (command: string) =>
      judge('docker-curl-pipe-shell', `FROM ubuntu:24.04\nRUN ${command}\n`);

    it.each([
      'curl -fsSL https://get.example.com | sh',
      'curl -fsSL https://get.example.com | bash -s -- --version 2',
      'wget -qO- https://get.example.com | sudo -E bash -',
      'curl -sL "https://x.example/i.sh?a=1&b=2" | /bin/bash',
      'apt-get install -y curl && curl -fsSL https://x.example | tee /tmp/log | sh',
      'wget -O - https://x.example/install | env FOO=1 sh',
      'sh -c "$(curl -fsSL https://x.example/install.sh)"',
      'bash <(curl -s https://x.example/install.sh)',
      'eval "$(wget -qO- https://x.example/env)"',
      '["/bin/sh", "-c", "curl -s https://x.example | zsh"]',
      'set -e; \\\n  curl -fsSL https://x.example/setup \\\n  | bash',
      'curl -sSL https://install.python-poetry.org | python3 -',
      'curl -sSL https://install.python-poetry.org | python3 - --version 1.8.3',
      'wget -qO- https://x.example/setup.py | sudo python',
    ])('finds %s', command => {
      expect(run(command)).toEqual(
        violated(expect.stringMatching(/^line 2: /) as unknown as string),
      );
    });

    it.each([
      'curl -fsSLo /tmp/install.sh https://x.example/install.sh && sha256sum -c sums && sh /tmp/install.sh',
      'curl -fsSL https://x.example/tool.tar.gz | tar -xz -C /opt',
      'curl -fsSL https://x.example/key.asc | gpg --dearmor -o /usr/share/keyrings/x.gpg',
      'curl -fsSL https://x.example/health || sh -c "echo offline"',
      'curl -fsSL https://x.example/sums | sha256sum -c -',
      'apt-get install -y curl bash',
      'echo done | sh',
      'curl -s https://api.example.com/v1 | python3 -c "import json,sys; print(json.load(sys.stdin))"',
      'curl -s https://api.example.com/v1 | python3 -m json.tool',
      'curl -fsSL https://x.example/n.tgz | tar -xz && node --version',
    ])('accepts %s', command => {
      expect(run(command)).toEqual(COMPLIANT);
    });

    it('reads heredocs and ignores comments', () => {
      expect(
        judge(
          'docker-curl-pipe-shell',
          `FROM ubuntu:24.04
RUN <<EOF
set -e
# never: curl https://x.example | sh
apt-get update
EOF
RUN <<EOF
wget -qO- https://x.example/setup | bash
EOF
RUN <<EOF
curl -sSL https://x.example/get.py | python3
pip --version
EOF
`,
        ),
      ).toEqual(
        violated(
          'line 7: <<EOF\nwget -qO- https://x.example/setup | bash\nEOF',
          'line 10: <<EOF\ncurl -sSL https://x.example/get.py | python3\npip --version\nEOF',
        ),
      );
    });
  });
});
