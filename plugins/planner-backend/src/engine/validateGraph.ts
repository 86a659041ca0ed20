import { PlannedTask } from '@agentic-devops/plugin-agentic-node';
import { z } from 'zod';
import { TaskRegistry } from './TaskRegistry';

export const MAX_TASKS_PER_WORKFLOW = 2000;
const keyPattern = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/;

/**
 * Checks a planned task graph: unique well-formed keys, registered types,
 * parameters that match their handler's schema, known dependencies and no
 * cycles. Returns every problem found, each naming the task.
 */
export function validateGraph(
  tasks: PlannedTask[],
  registry: TaskRegistry,
): string[] {
  const problems: string[] = [];
  if (tasks.length === 0) {
    return ['the plan has no tasks'];
  }
  if (tasks.length > MAX_TASKS_PER_WORKFLOW) {
    return [
      `the plan has ${tasks.length} tasks; at most ${MAX_TASKS_PER_WORKFLOW} are allowed`,
    ];
  }
  const keys = new Set<string>();
  for (const task of tasks) {
    if (!keyPattern.test(task.key ?? '')) {
      problems.push(
        `task key '${task.key}' must be 1-100 letters, digits, or _ . : -`,
      );
    }
    if (keys.has(task.key)) {
      problems.push(`task key '${task.key}' is used twice`);
    }
    keys.add(task.key);
  }
  for (const task of tasks) {
    const handler = registry.handler(task.type);
    if (!handler) {
      problems.push(
        `task '${task.key}' has unknown type '${task.type}' (known: ${
          registry.taskTypes.join(', ') || 'none'
        })`,
      );
    } else {
      const parsed = handler.parameters.safeParse(task.params ?? {});
      if (!parsed.success) {
        problems.push(
          `task '${task.key}' (${task.type}) has invalid params: ${z
            .prettifyError(parsed.error)
            .replace(/\n/g, '; ')}`,
        );
      }
    }
    for (const dep of task.dependsOn ?? []) {
      if (!keys.has(dep)) {
        problems.push(`task '${task.key}' depends on unknown task '${dep}'`);
      } else if (dep === task.key) {
        problems.push(`task '${task.key}' depends on itself`);
      }
    }
  }
  if (problems.length) return problems;

  // Kahn's algorithm: whatever cannot be ordered lies on a cycle.
  const remaining = new Map(
    tasks.map(t => [t.key, new Set(t.dependsOn ?? [])]),
  );
  let progressed = true;
  while (progressed) {
    progressed = false;
    for (const [key, deps] of remaining) {
      if (deps.size === 0) {
        remaining.delete(key);
        for (const other of remaining.values()) other.delete(key);
        progressed = true;
      }
    }
  }
  if (remaining.size) {
    problems.push(
      `the plan has a dependency cycle among: ${[...remaining.keys()]
        .sort()
        .join(', ')}`,
    );
  }
  return problems;
}
