/**
 * The triggers of full scans of an entity's source, which trends, reports
 * and "latest findings" go by; a merge request scan sees only the files
 * the merge request changes.
 */
export const FULL_SCAN_TRIGGERS = ['api', 'scaffolder', 'workflow'] as const;
