import { addDependencyStep } from './steps/addDependency';
import { raiseMemoryLimitStep } from './steps/raiseMemoryLimit';
import { raiseTimeoutStep } from './steps/raiseTimeout';
import { relaxDependencyPinStep } from './steps/relaxDependencyPin';
import { restoreFileStep } from './steps/restoreFile';
import { retryJobStep } from './steps/retryJob';
import { setCiVariableStep } from './steps/setCiVariable';
import { FixStepType } from './types';

/** The fix step types the agent ships with; modules add more. */
export const builtinFixSteps: FixStepType[] = [
  addDependencyStep,
  setCiVariableStep,
  raiseTimeoutStep,
  raiseMemoryLimitStep,
  retryJobStep,
  relaxDependencyPinStep,
  restoreFileStep,
];

export function fixStepMap(
  steps: FixStepType[],
): ReadonlyMap<string, FixStepType> {
  const map = new Map<string, FixStepType>();
  for (const step of steps) {
    if (map.has(step.type))
      throw new Error(`Fix step type '${step.type}' is registered twice`);
    map.set(step.type, step);
  }
  return map;
}
