import {
  PlannedTask,
  ReasoningService,
} from '@agentic-devops/plugin-agentic-node';
import { CreateWorkflowRequest } from '@agentic-devops/plugin-agentic-common';
import { InputError } from '@backstage/errors';
import { JsonObject } from '@backstage/types';
import { z } from 'zod';
import { NewTask } from '../database/WorkflowStore';
import { TaskRegistry } from './TaskRegistry';
import { validateGraph } from './validateGraph';

/** The definition name of workflows the reasoning service planned from a goal. */
export const REASONING_PLAN_DEFINITION = 'reasoning.plan';

export interface PlannedWorkflow {
  definition: string;
  title: string;
  parameters: JsonObject;
  planSource: 'definition' | 'reasoning';
  tasks: NewTask[];
}

const llmPlanSchema = z.object({
  title: z.string().min(1).max(200),
  tasks: z
    .array(
      z.object({
        key: z.string(),
        type: z.string(),
        title: z.string().optional(),
        params: z.record(z.string(), z.unknown()).optional(),
        dependsOn: z.array(z.string()).optional(),
      }),
    )
    .min(1)
    .max(50),
});

/** Turns a request into a validated task graph: from a definition, or (LLM only) from a goal. */
export class WorkflowPlanner {
  constructor(
    private readonly registry: TaskRegistry,
    private readonly reasoning: ReasoningService,
  ) {}

  async plan(request: CreateWorkflowRequest): Promise<PlannedWorkflow> {
    return request.goal
      ? this.#planFromGoal(request.goal, request.title)
      : this.#planFromDefinition(request);
  }

  #toTasks(planned: PlannedTask[]): NewTask[] {
    return planned.map(task => ({
      key: task.key,
      type: task.type,
      title: task.title ?? this.registry.handler(task.type)?.title ?? task.key,
      params: (task.params ?? {}) as JsonObject,
      dependsOn: task.dependsOn ?? [],
      maxAttempts: this.registry.maxAttempts(task.type),
    }));
  }

  async #planFromDefinition(
    request: CreateWorkflowRequest,
  ): Promise<PlannedWorkflow> {
    const name = request.definition!;
    const definition = this.registry.definition(name);
    if (!definition) {
      throw new InputError(
        `Unknown workflow definition '${name}'; known: ${
          this.registry.definitionNames.join(', ') || 'none'
        }`,
      );
    }
    const parsed = definition.parameters.safeParse(request.parameters ?? {});
    if (!parsed.success) {
      throw new InputError(
        `Invalid parameters for '${name}': ${z
          .prettifyError(parsed.error)
          .replace(/\n/g, '; ')}`,
      );
    }
    const planned = await definition.plan(parsed.data, {
      entityRef: request.entityRef,
    });
    const problems = validateGraph(planned, this.registry);
    if (problems.length) {
      // The definition's own code produced a bad graph: a module bug, not bad input.
      throw new Error(
        `Workflow definition '${name}' produced an invalid plan: ${problems.join(
          '; ',
        )}`,
      );
    }
    return {
      definition: name,
      title: request.title ?? definition.title,
      parameters: (request.parameters ?? {}) as JsonObject,
      planSource: 'definition',
      tasks: this.#toTasks(planned),
    };
  }

  async #planFromGoal(goal: string, title?: string): Promise<PlannedWorkflow> {
    if (this.reasoning.engine !== 'llm') {
      throw new InputError(
        'Planning from a goal needs an LLM (set ANTHROPIC_API_KEY); name a workflow definition instead',
      );
    }
    const { taskTypes } = this.registry.describe();
    const catalog = taskTypes
      .map(
        t =>
          `- ${t.type}: ${t.title}${
            t.description ? ` — ${t.description}` : ''
          }\n  params JSON Schema: ${JSON.stringify(t.parametersSchema)}`,
      )
      .join('\n');
    const result = await this.reasoning.structured({
      purpose: 'planner.plan',
      instructions: [
        'You plan DevOps workflows as a directed acyclic graph of tasks.',
        'Use only these task types, with params that satisfy their JSON Schema:',
        catalog,
        'Give each task a unique key; dependsOn lists the keys that must finish first.',
        'Plan the smallest graph that achieves the goal.',
      ].join('\n'),
      input: goal,
      schema: llmPlanSchema,
      verify: plan => {
        const problems = validateGraph(
          plan.tasks as PlannedTask[],
          this.registry,
        );
        return problems.length ? problems.join('; ') : true;
      },
    });
    if (result.status !== 'answered') {
      throw new InputError(`No valid plan for this goal: ${result.reason}`);
    }
    return {
      definition: REASONING_PLAN_DEFINITION,
      title: title ?? result.answer.title,
      parameters: { goal },
      planSource: 'reasoning',
      tasks: this.#toTasks(result.answer.tasks as PlannedTask[]),
    };
  }
}
