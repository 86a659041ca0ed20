import {
  TaskHandler,
  WorkflowDefinition,
} from '@agentic-devops/plugin-agentic-node';
import {
  TaskTypeInfo,
  WorkflowDefinitionInfo,
} from '@agentic-devops/plugin-agentic-common';
import { z } from 'zod';

export const DEFAULT_MAX_ATTEMPTS = 3;
export const DEFAULT_TIMEOUT_MS = 10 * 60_000;

const typePattern = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/;

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  try {
    return z.toJSONSchema(schema, { unrepresentable: 'any' }) as Record<
      string,
      unknown
    >;
  } catch {
    return {};
  }
}

/** The task handlers and workflow definitions modules registered, by name. */
export class TaskRegistry {
  readonly #handlers = new Map<string, TaskHandler>();
  readonly #definitions = new Map<string, WorkflowDefinition>();

  addTaskHandler(handler: TaskHandler) {
    if (!typePattern.test(handler.type)) {
      throw new Error(
        `Task type '${handler.type}' must be namespaced like 'policy.check' (lowercase, dot-separated)`,
      );
    }
    if (this.#handlers.has(handler.type)) {
      throw new Error(`Task type '${handler.type}' is registered twice`);
    }
    const maxAttempts = handler.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
      throw new Error(
        `Task type '${handler.type}': maxAttempts must be a positive integer`,
      );
    }
    this.#handlers.set(handler.type, handler);
  }

  addWorkflowDefinition(definition: WorkflowDefinition) {
    if (!typePattern.test(definition.name)) {
      throw new Error(
        `Workflow definition '${definition.name}' must be namespaced like 'scaffolder.create-service'`,
      );
    }
    if (this.#definitions.has(definition.name)) {
      throw new Error(
        `Workflow definition '${definition.name}' is registered twice`,
      );
    }
    this.#definitions.set(definition.name, definition);
  }

  handler(type: string): TaskHandler | undefined {
    return this.#handlers.get(type);
  }

  definition(name: string): WorkflowDefinition | undefined {
    return this.#definitions.get(name);
  }

  maxAttempts(type: string): number {
    return this.#handlers.get(type)?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  }

  get taskTypes(): string[] {
    return [...this.#handlers.keys()].sort();
  }

  get definitionNames(): string[] {
    return [...this.#definitions.keys()].sort();
  }

  describe(): {
    definitions: WorkflowDefinitionInfo[];
    taskTypes: TaskTypeInfo[];
  } {
    return {
      definitions: this.definitionNames.map(name => {
        const d = this.#definitions.get(name)!;
        return {
          name,
          title: d.title,
          description: d.description,
          parametersSchema: jsonSchema(d.parameters),
        };
      }),
      taskTypes: this.taskTypes.map(type => {
        const h = this.#handlers.get(type)!;
        return {
          type,
          title: h.title,
          description: h.description,
          maxAttempts: this.maxAttempts(type),
          parametersSchema: jsonSchema(h.parameters),
        };
      }),
    };
  }
}
