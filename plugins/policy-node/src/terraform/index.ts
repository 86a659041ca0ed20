export { parseTerraformModule } from './parseTerraformModule';
export { parseTerraformPlan } from './parseTerraformPlan';
