import {
  Document,
  isCollection,
  LineCounter,
  Node,
  parseAllDocuments,
  YAMLError,
} from 'yaml';
import { ParsedResources, PolicyResource } from '../resources/types';
import { normalizePod } from './normalizePod';
import { asArray, asObject, asString, asStringMap, JsonObject } from './values';
import { podSpecPath, valueAt } from './workloads';

/** A Go template action, as Helm charts' templates are full of. */
const TEMPLATE =
  /\{\{-?\s*(?:[.$]|include|template|if|range|with|end|toYaml|-)/;

/**
 * The Kubernetes objects of a (multi-document) YAML file. Each workload
 * (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob,
 * ReplicationController) becomes a resource normalised as described in
 * normalizePod.ts; any other object becomes a resource of its kind with
 * the object itself as attributes. A `List` is read item by item.
 *
 * Documents that are empty or not a mapping with apiVersion and kind (other
 * YAML: CI configs, Helm values) are no Kubernetes objects and are skipped.
 * A document with a syntax error is reported in `errors` with its line;
 * the file's other documents still count.
 */
export function parseKubernetesManifests(
  file: string,
  content: string,
): ParsedResources {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(content, { lineCounter, merge: true });
  const lineOf = (node: unknown): number | undefined => {
    const range = (node as Node | undefined)?.range;
    return range ? lineCounter.linePos(range[0]).line : undefined;
  };

  const result: ParsedResources = { resources: [], errors: [] };
  for (const document of documents) {
    if (document.errors.length > 0 && TEMPLATE.test(content)) {
      // A Helm (Go) template is YAML only once rendered.
      return {
        resources: [],
        errors: [
          {
            file,
            error:
              'a Helm / Go template ({{ … }}), not YAML until rendered: scan the output of `helm template` instead',
          },
        ],
      };
    }
    if (document.errors.length > 0) {
      result.errors.push({
        file,
        error: describeError(
          document.errors[0],
          lineOf(document.contents) ??
            lineCounter.linePos(document.range[0]).line,
          lineCounter,
        ),
      });
      continue;
    }
    if (!isCollection(document.contents)) continue;
    let object: JsonObject | null;
    try {
      object = asObject(document.toJS({ maxAliasCount: 1000 }));
    } catch (error) {
      result.errors.push({
        file,
        error: `YAML document at line ${lineOf(document.contents)}: ${
          (error as Error).message
        }`,
      });
      continue;
    }
    if (!object) continue;
    result.resources.push(
      ...objectResources(object, [], { file, document, lineOf }),
    );
  }
  return result;
}

interface Context {
  file: string;
  document: Document.Parsed;
  lineOf: (node: unknown) => number | undefined;
}

/** The resources of the object at `path` in the document (a List's items). */
function objectResources(
  object: JsonObject,
  path: Array<string | number>,
  context: Context,
): PolicyResource[] {
  const apiVersion = asString(object.apiVersion);
  const kind = asString(object.kind);
  if (!apiVersion || !kind) return [];

  if (kind.endsWith('List') && Array.isArray(object.items)) {
    return asArray(object.items).flatMap((item, index) => {
      const itemObject = asObject(item);
      return itemObject
        ? objectResources(itemObject, [...path, 'items', index], context)
        : [];
    });
  }

  const nodeAt = (at: Array<string | number>) =>
    at.length === 0
      ? context.document.contents
      : context.document.getIn(at, true);
  const line = context.lineOf(nodeAt(path)) ?? 1;
  const metadata = asObject(object.metadata) ?? {};
  const name =
    asString(metadata.name) ?? asString(metadata.generateName) ?? '(unnamed)';
  const namespace = asString(metadata.namespace);
  const resource: PolicyResource = {
    kind: 'kubernetes',
    type: kind,
    name: namespace ? `${kind}/${namespace}/${name}` : `${kind}/${name}`,
    file: context.file,
    line,
    attributes: object,
  };

  const specPath = podSpecPath(apiVersion, kind);
  if (!specPath) return [resource];

  const podSpec = asObject(valueAt(object, specPath)) ?? {};
  const normalized = normalizePod(
    podSpec,
    at => context.lineOf(nodeAt([...path, ...specPath, ...at])),
    line,
  );
  resource.attributes = {
    apiVersion,
    kind,
    metadata: {
      name,
      namespace,
      labels: asStringMap(metadata.labels),
      annotations: asStringMap(metadata.annotations),
    },
    pod: normalized.pod,
    containers: normalized.containers,
    images: normalized.images,
  };
  if (normalized.unknowns.length > 0) {
    resource.unknowns = normalized.unknowns;
  }
  return [resource];
}

function describeError(
  error: YAMLError,
  documentLine: number,
  lineCounter: LineCounter,
): string {
  const line =
    error.linePos?.[0].line ?? lineCounter.linePos(error.pos[0]).line;
  const message = error.message
    .split('\n')[0]
    .replace(/ at line \d+, column \d+:?$/, '');
  const where =
    line === documentLine ? '' : ` (document starting at line ${documentLine})`;
  return `YAML syntax error at line ${line}${where}: ${message}`;
}
