export { RemediationFigures } from './RemediationFigures';
export { StatusCounts } from './StatusCounts';
export { TopCauses } from './TopCauses';
