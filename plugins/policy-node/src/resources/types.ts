/**
 * What a rule judges: one resource of a file, normalised so that a rule's
 * CEL expression reads the same shape whatever the source looked like
 * (HCL or a plan's JSON; a Pod or a Deployment's pod template).
 *
 * In CEL a rule sees `resource` (this object) and `params` (the rule's
 * parameters after configuration).
 */
export interface PolicyResource {
  kind: 'terraform' | 'kubernetes' | 'dockerfile' | 'file';
  /**
   * terraform: the resource type (`aws_s3_bucket`); kubernetes: the object's
   * kind (`Deployment`); dockerfile: `Dockerfile`; file: `file`.
   */
  type: string;
  /**
   * How findings name it: `aws_s3_bucket.logs` (a module's resources keep
   * Terraform's address), `Deployment/payments/web` (kind/namespace/name,
   * namespace left out when absent), `Dockerfile`, or the file's path.
   */
  name: string;
  /** The file, relative to the scanned root, with forward slashes. */
  file: string;
  /** 1-based line of the resource's start (block, document, instruction). */
  line: number;
  /**
   * The resource's values, resolved as far as they can be (see each
   * parser). Plain JSON: strings, numbers, booleans, null, arrays, objects.
   */
  attributes: Record<string, unknown>;
  /**
   * Values that cannot be known before apply, by their path in `attributes`
   * (dot-separated, list indexes as numbers: `ingress.0.cidr_blocks`), with
   * why (`var.db_encrypted has no default and no .tfvars value`). The value
   * at such a path in `attributes` is `null`. A rule that reads one of these
   * paths reports `unknown` instead of passing or failing.
   */
  unknowns?: Array<{ path: string; reason: string }>;
}

/** What a parser gives back for one file (or one Terraform module). */
export interface ParsedResources {
  resources: PolicyResource[];
  /** Files, or parts of files, that could not be parsed; the rest still counts. */
  errors: Array<{ file: string; error: string }>;
}
