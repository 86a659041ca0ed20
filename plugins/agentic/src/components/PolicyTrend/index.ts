export { SeverityTrend, describeTrendPoint } from './SeverityTrend';
