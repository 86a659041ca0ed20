// Where the skeleton tests (src/generate/*.test.ts) import it from; it
// lives with the test utilities and is never part of the module.
// eslint-disable-next-line no-restricted-imports
export * from '../__testUtils__/renderSkeleton';
