export { EntityAgentsContent } from './EntityAgentsContent';
