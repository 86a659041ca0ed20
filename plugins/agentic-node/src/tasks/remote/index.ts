export * from './protocol';
export * from './createRemoteTaskHandler';
export * from './createRemoteTaskRouter';
