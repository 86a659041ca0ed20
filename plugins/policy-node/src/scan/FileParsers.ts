import { ParsedResources } from '../resources/types';

/** How each kind of file becomes resources (see terraform/, kubernetes/, dockerfile/). */
export interface FileParsers {
  terraformModule(
    files: Array<{ path: string; content: string }>,
  ): Promise<ParsedResources>;
  terraformPlan(file: string, json: unknown): ParsedResources;
  kubernetes(file: string, content: string): ParsedResources;
  dockerfile(file: string, content: string): ParsedResources;
  secrets(file: string, content: string): ParsedResources;
}
