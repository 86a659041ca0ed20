import {
  ReasoningRequest,
  ReasoningResult,
  ReasoningService,
} from '@agentic-devops/plugin-agentic-node';
import { z } from 'zod';
import { TaskRegistry } from './TaskRegistry';
import { REASONING_PLAN_DEFINITION, WorkflowPlanner } from './WorkflowPlanner';
import { validateGraph } from './validateGraph';

function registry() {
  const r = new TaskRegistry();
  const handler = (type: string, parameters: z.ZodType = z.object({})) => ({
    type,
    title: type,
    parameters,
    maxAttempts: 4,
    run: async () => ({}),
  });
  r.addTaskHandler(handler('policy.check', z.object({ path: z.string() })));
  r.addTaskHandler(handler('codegen.generate'));
  r.addTaskHandler(handler('deploy.apply'));
  r.addWorkflowDefinition({
    name: 'service.create',
    title: 'Create a service',
    parameters: z.object({ name: z.string().regex(/^[a-z-]+$/) }),
    plan: ({ name }) => [
      { key: 'generate', type: 'codegen.generate', params: {} },
      {
        key: 'check',
        type: 'policy.check',
        params: { path: name },
        dependsOn: ['generate'],
      },
    ],
  });
  return r;
}

/** An LLM engine that answers with a fixed plan, applying the request's verify like the real one. */
function llmAnswering(
  plan: unknown,
): ReasoningService & { requests: ReasoningRequest<any>[] } {
  const requests: ReasoningRequest<any>[] = [];
  return {
    engine: 'llm',
    model: 'fake',
    requests,
    async structured<T>(
      request: ReasoningRequest<T>,
    ): Promise<ReasoningResult<T>> {
      requests.push(request);
      const parsed = request.schema.safeParse(plan);
      if (!parsed.success)
        return {
          status: 'no-answer',
          reason: 'invalid answer',
          source: 'llm',
          redactions: 0,
        };
      const verdict = request.verify?.(parsed.data, request.input) ?? true;
      if (verdict !== true)
        return {
          status: 'no-answer',
          reason: verdict,
          source: 'llm',
          redactions: 0,
        };
      return {
        status: 'answered',
        answer: parsed.data,
        source: 'llm',
        redactions: 0,
      };
    },
  };
}

const rulesOnly: ReasoningService = {
  engine: 'rules',
  structured: async () => ({
    status: 'no-answer',
    reason: 'no rule matched',
    source: 'rules',
    redactions: 0,
  }),
};

describe('validateGraph', () => {
  const r = registry();
  it('accepts a DAG of known types with valid params', () => {
    expect(
      validateGraph(
        [
          { key: 'a', type: 'codegen.generate' },
          {
            key: 'b',
            type: 'policy.check',
            params: { path: '.' },
            dependsOn: ['a'],
          },
        ],
        r,
      ),
    ).toEqual([]);
  });

  it.each([
    [[], /no tasks/],
    [[{ key: 'a', type: 'nope.nope' }], /unknown type 'nope.nope'/],
    [[{ key: 'a', type: 'policy.check', params: {} }], /invalid params.*path/],
    [
      [{ key: 'a', type: 'codegen.generate', dependsOn: ['z'] }],
      /unknown task 'z'/,
    ],
    [
      [
        { key: 'a', type: 'codegen.generate' },
        { key: 'a', type: 'codegen.generate' },
      ],
      /used twice/,
    ],
    [[{ key: 'bad key!', type: 'codegen.generate' }], /must be 1-100/],
    [
      [
        { key: 'a', type: 'codegen.generate', dependsOn: ['c'] },
        { key: 'b', type: 'codegen.generate', dependsOn: ['a'] },
        { key: 'c', type: 'codegen.generate', dependsOn: ['b'] },
        { key: 'd', type: 'codegen.generate' },
      ],
      /cycle among: a, b, c/,
    ],
  ])('rejects %j', (tasks, message) => {
    expect(validateGraph(tasks as any, r).join('\n')).toMatch(message);
  });
});

describe('WorkflowPlanner', () => {
  it('plans from a definition, with the per-type attempt limits', async () => {
    const planned = await new WorkflowPlanner(registry(), rulesOnly).plan({
      definition: 'service.create',
      parameters: { name: 'shop' },
    });
    expect(planned).toMatchObject({
      definition: 'service.create',
      planSource: 'definition',
    });
    expect(planned.tasks).toEqual([
      expect.objectContaining({
        key: 'generate',
        dependsOn: [],
        maxAttempts: 4,
      }),
      expect.objectContaining({
        key: 'check',
        params: { path: 'shop' },
        dependsOn: ['generate'],
      }),
    ]);
  });

  it('rejects parameters that do not match the definition', async () => {
    await expect(
      new WorkflowPlanner(registry(), rulesOnly).plan({
        definition: 'service.create',
        parameters: { name: 'Shop!' },
      }),
    ).rejects.toThrow(/Invalid parameters for 'service.create'/);
  });

  it('takes a plan the LLM proposes when it validates', async () => {
    const llm = llmAnswering({
      title: 'Check then deploy',
      tasks: [
        { key: 'check', type: 'policy.check', params: { path: 'deploy/' } },
        { key: 'deploy', type: 'deploy.apply', dependsOn: ['check'] },
      ],
    });
    const planned = await new WorkflowPlanner(registry(), llm).plan({
      goal: 'check the manifests, then deploy',
    });
    expect(planned).toMatchObject({
      definition: REASONING_PLAN_DEFINITION,
      planSource: 'reasoning',
      title: 'Check then deploy',
      parameters: { goal: 'check the manifests, then deploy' },
    });
    expect(planned.tasks.map(t => t.key)).toEqual(['check', 'deploy']);
    // The LLM is told the registered task types and their parameter schemas.
    expect(llm.requests[0].instructions).toContain('policy.check');
    expect(llm.requests[0].instructions).toContain('"path"');
    expect(llm.requests[0].input).toBe('check the manifests, then deploy');
  });

  it.each([
    [
      { title: 'x', tasks: [{ key: 'a', type: 'shell.exec' }] },
      /unknown type 'shell.exec'/,
    ],
    [
      {
        title: 'x',
        tasks: [
          { key: 'a', type: 'codegen.generate', dependsOn: ['b'] },
          { key: 'b', type: 'codegen.generate', dependsOn: ['a'] },
        ],
      },
      /cycle/,
    ],
    [
      {
        title: 'x',
        tasks: [{ key: 'a', type: 'policy.check', params: { path: 3 } }],
      },
      /invalid params/,
    ],
  ])(
    'refuses an LLM plan that does not validate: %j',
    async (plan, message) => {
      await expect(
        new WorkflowPlanner(registry(), llmAnswering(plan)).plan({
          goal: 'do it',
        }),
      ).rejects.toThrow(message);
    },
  );

  it('needs an LLM to plan from a goal', async () => {
    await expect(
      new WorkflowPlanner(registry(), rulesOnly).plan({ goal: 'do it' }),
    ).rejects.toThrow(/needs an LLM/);
  });
});
