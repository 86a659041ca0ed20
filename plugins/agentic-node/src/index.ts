/**
 * What backend plugins and modules use to take part in agentic workflows:
 * the Planner's extension point for task handlers and workflow definitions,
 * the workflow service, and the reasoning service.
 *
 * @packageDocumentation
 */
export * from './tasks/types';
export * from './extensions';
export * from './workflows/WorkflowService';
export * from './database/transactions';
export * from './database/permissionCriteria';
export * from './reasoning/types';

export * from './reasoning/RulesReasoningService';
export * from './reasoning/ClaudeReasoningService';
export * from './reasoning/ReasoningUsageStore';
export * from './reasoning/readReasoningConfig';
export * from './reasoning/reasoningServiceRef';
export * from './tasks/remote';
export * from './service/callContext';
export * from './catalog/resolveEntity';
export * from './catalog/findEntityOfGitlabProject';
export * from './permissions/entityRules';
