import { Command } from 'commander';
import {
  isTerminalWorkflowStatus,
  Workflow,
  WorkflowDetails,
  WorkflowEvent,
  workflowStatusSchema,
} from '@agentic-devops/plugin-agentic-common';
import { connectToPortal, PortalOptions } from '../lib/portalConnection';

type Out = (line: string) => void;

const pad = (text: string, width: number) => text.padEnd(width).slice(0, width);

export function formatWorkflowLine(w: Workflow): string {
  const progress = `${w.progress.succeeded}/${w.progress.total}`;
  return `${pad(w.id, 36)}  ${pad(w.status, 9)}  ${pad(progress, 9)}  ${pad(
    w.definition,
    24,
  )}  ${w.entityRef ?? '-'}`;
}

export function formatEvent(e: WorkflowEvent): string {
  const task = e.taskKey ? ` [${e.taskKey}]` : '';
  return `${String(e.seq).padStart(4)}  ${e.createdAt}  ${e.type}${task}${
    e.message ? `  ${e.message}` : ''
  }`;
}

export function formatDetails(w: WorkflowDetails): string[] {
  return [
    `${w.title} (${w.definition})`,
    `  id: ${w.id}`,
    `  status: ${w.status}${w.error ? ` — ${w.error}` : ''}`,
    ...(w.entityRef ? [`  entity: ${w.entityRef}`] : []),
    `  requested by: ${w.requestedBy}`,
    '  tasks:',
    ...w.tasks.map(
      t =>
        `    ${pad(t.key, 20)} ${pad(t.status, 9)} attempt ${t.attempts}/${
          t.maxAttempts
        }${t.lastError ? `  last error: ${t.lastError}` : ''}`,
    ),
  ];
}

/** Parses repeated `key=value` options; values are JSON when they parse as JSON. */
export function parseParams(pairs: string[]): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new Error(`--param expects key=value, got '${pair}'`);
    const raw = pair.slice(at + 1);
    let value: unknown = raw;
    try {
      value = JSON.parse(raw);
    } catch {
      // A plain string.
    }
    params[pair.slice(0, at)] = value;
  }
  return params;
}

async function follow(
  connection: Awaited<ReturnType<typeof connectToPortal>>,
  id: string,
  out: Out,
  afterSeq = 0,
): Promise<WorkflowDetails> {
  let seq = afterSeq;
  for (;;) {
    const events = await connection.planner.listEvents(
      id,
      { afterSeq: seq },
      { token: connection.token },
    );
    for (const event of events) {
      out(formatEvent(event));
      seq = event.seq;
    }
    if (
      events.some(e =>
        [
          'workflow.succeeded',
          'workflow.failed',
          'workflow.cancelled',
        ].includes(e.type),
      )
    ) {
      const details = await connection.planner.getWorkflow(id, {
        token: connection.token,
      });
      if (isTerminalWorkflowStatus(details.status)) return details;
    }
    await new Promise(r => setTimeout(r, 500));
  }
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerWorkflowCommands(
  program: Command,
  out: Out = l => process.stdout.write(`${l}\n`),
) {
  const workflows = program
    .command('workflows')
    .description(
      "Planner workflows of a running portal (the embedded default's, or --backend-url)",
    )
    .option(
      '--backend-url <url>',
      'backend base URL (default: AGENTIC_BACKEND_URL or http://localhost:7007)',
    )
    .option(
      '--token <token>',
      'Backstage token (default: BACKSTAGE_TOKEN, else guest sign-in)',
    );
  const portal = (): PortalOptions => workflows.opts();

  workflows
    .command('list')
    .description('List workflows, newest first')
    .option('--entity <ref>', 'only those about this entity')
    .option(
      '--status <status>',
      'only this status (repeatable)',
      collect,
      [] as string[],
    )
    .option('--limit <n>', 'how many', '20')
    .option('--json', 'print JSON')
    .action(
      async (opts: {
        entity?: string;
        status: string[];
        limit: string;
        json?: boolean;
      }) => {
        const status = opts.status.map(s => workflowStatusSchema.parse(s));
        const c = await connectToPortal(portal());
        const page = await c.planner.listWorkflows(
          {
            entityRef: opts.entity,
            status: status.length ? status : undefined,
            limit: Number(opts.limit),
          },
          { token: c.token },
        );
        if (opts.json) {
          out(JSON.stringify(page, null, 2));
          return;
        }
        out(
          `${pad('ID', 36)}  ${pad('STATUS', 9)}  ${pad('TASKS', 9)}  ${pad(
            'DEFINITION',
            24,
          )}  ENTITY`,
        );
        page.items.forEach(w => out(formatWorkflowLine(w)));
        out(`${page.items.length} of ${page.totalCount}`);
      },
    );

  workflows
    .command('get <id>')
    .description('Show a workflow with its tasks')
    .option('--json', 'print JSON (with attempts and events)')
    .action(async (id: string, opts: { json?: boolean }) => {
      const c = await connectToPortal(portal());
      const details = await c.planner.getWorkflow(id, { token: c.token });
      (opts.json
        ? [JSON.stringify(details, null, 2)]
        : formatDetails(details)
      ).forEach(out);
    });

  workflows
    .command('events <id>')
    .description(
      "Replay a workflow's history; --follow keeps printing until it finishes",
    )
    .option('--follow', 'wait for new events until the workflow finishes')
    .action(async (id: string, opts: { follow?: boolean }) => {
      const c = await connectToPortal(portal());
      if (opts.follow) {
        await follow(c, id, out);
        return;
      }
      (await c.planner.listEvents(id, {}, { token: c.token })).forEach(e =>
        out(formatEvent(e)),
      );
    });

  workflows
    .command('create <definition>')
    .description('Start a workflow from a registered definition')
    .option('--entity <ref>', 'the catalog entity it is about')
    .option(
      '--param <key=value>',
      'a parameter (repeatable; JSON values allowed)',
      collect,
      [] as string[],
    )
    .option('--idempotency-key <key>', 'repeat-safe key')
    .option(
      '--wait',
      'follow its events until it finishes; exit 1 unless it succeeded',
    )
    .action(
      async (
        definition: string,
        opts: {
          entity?: string;
          param: string[];
          idempotencyKey?: string;
          wait?: boolean;
        },
      ) => {
        const c = await connectToPortal(portal());
        const { workflow, created } = await c.planner.createWorkflow(
          {
            definition,
            entityRef: opts.entity,
            parameters: parseParams(opts.param),
            idempotencyKey: opts.idempotencyKey,
          },
          { token: c.token },
        );
        out(
          `${created ? 'Created' : 'Already exists:'} ${workflow.id} (${
            workflow.title
          })`,
        );
        if (opts.wait) {
          const details = await follow(c, workflow.id, out);
          out(`Workflow ${details.status}`);
          if (details.status !== 'succeeded') process.exitCode = 1;
        }
      },
    );
}
