export { AgenticPageContent } from './AgenticPage';
