export { TaskGraph, taskNodeColor } from './TaskGraph';
