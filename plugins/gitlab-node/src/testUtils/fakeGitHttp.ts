import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

/** `/<namespace>/<project>.git/<service path>`, as git's smart HTTP asks. */
const GIT_PATH =
  /^\/(.+?)\.git(\/(?:info\/refs|git-upload-pack|git-receive-pack))$/;

/** The project path of a git smart-HTTP request, or undefined for any other. */
export function gitProjectOf(pathname: string): string | undefined {
  return GIT_PATH.exec(pathname)?.[1];
}

/** Creates the empty bare repository of a project below `root`. */
export function initBareRepository(root: string, projectPath: string): string {
  const dir = path.join(root, `${projectPath}.git`);
  fs.mkdirSync(dir, { recursive: true });
  execFileSync('git', ['init', '--quiet', '--bare', dir]);
  execFileSync('git', ['-C', dir, 'config', 'http.receivepack', 'true']);
  return dir;
}

/** The files of a branch of a bare repository, by path. */
export function readBranchFiles(
  repository: string,
  branch: string,
): Record<string, string> {
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', repository, ...args], {
      maxBuffer: 64 * 1024 * 1024,
    });
  const names = git('ls-tree', '-r', '--name-only', '-z', branch)
    .toString('utf8')
    .split('\0')
    .filter(Boolean);
  return Object.fromEntries(
    names.map(name => [
      name,
      git('show', `${branch}:${name}`).toString('utf8'),
    ]),
  );
}

/**
 * Serves one git smart-HTTP request (clone, fetch, push) through
 * `git http-backend`, as GitLab's HTTPS remote does, for the repositories
 * below `root`. Basic auth with the token as password (any user name, as
 * GitLab takes `oauth2:<token>`) is required.
 */
export async function serveGitHttp(options: {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  url: URL;
  root: string;
  token: string;
}): Promise<void> {
  const { req, res, url, root, token } = options;
  const [scheme, encoded] = (req.headers.authorization ?? '').split(' ');
  const password =
    scheme === 'Basic'
      ? Buffer.from(encoded ?? '', 'base64')
          .toString('utf8')
          .split(':')
          .slice(1)
          .join(':')
      : undefined;
  if (password !== token) {
    res.writeHead(401, { 'www-authenticate': 'Basic realm="GitLab"' });
    res.end('HTTP Basic: Access denied');
    return;
  }
  const child = spawn('git', ['http-backend'], {
    env: {
      ...process.env,
      GIT_PROJECT_ROOT: root,
      GIT_HTTP_EXPORT_ALL: '1',
      PATH_INFO: url.pathname,
      QUERY_STRING: url.search.replace(/^\?/, ''),
      REQUEST_METHOD: req.method ?? 'GET',
      CONTENT_TYPE: req.headers['content-type'] ?? '',
      REMOTE_USER: 'oauth2',
      REMOTE_ADDR: '127.0.0.1',
      ...(req.headers['content-encoding']
        ? { HTTP_CONTENT_ENCODING: String(req.headers['content-encoding']) }
        : {}),
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  req.pipe(child.stdin);
  const chunks: Buffer[] = [];
  child.stdout.on('data', chunk => chunks.push(chunk));
  const code = await new Promise<number | null>(resolve =>
    child.on('close', resolve),
  );
  const output = Buffer.concat(chunks);
  const split = output.indexOf('\r\n\r\n');
  if (code !== 0 || split < 0) {
    res.writeHead(500);
    res.end(`git http-backend failed (${code})`);
    return;
  }
  const headers: Record<string, string> = {};
  let status = 200;
  for (const line of output.subarray(0, split).toString('utf8').split('\r\n')) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'status') status = Number(value.split(' ')[0]);
    else headers[name] = value;
  }
  res.writeHead(status, headers);
  res.end(output.subarray(split + 4));
}
