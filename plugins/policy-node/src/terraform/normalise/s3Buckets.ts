import { Unknown, Value, ValueObject } from '../values/Unknown';
import {
  boolSetting,
  placeholderIfComputed,
  referencedAddress,
  ResourceInstance,
  setting,
  valueAt,
} from './ResourceInstance';
import { Resources } from './Resources';

const PUBLIC_ACCESS_FLAGS = [
  'block_public_acls',
  'block_public_policy',
  'ignore_public_acls',
  'restrict_public_buckets',
] as const;

const COMPANIONS = {
  public_access_block: 'aws_s3_bucket_public_access_block',
  encryption: 'aws_s3_bucket_server_side_encryption_configuration',
  versioning: 'aws_s3_bucket_versioning',
} as const;
type Aspect = keyof typeof COMPANIONS;

/** A kind of companion resource, indexed by how it names its bucket. */
class Companions {
  private readonly byName = new Map<string, ResourceInstance>();
  private readonly byReference = new Map<string, ResourceInstance>();
  /** Why some companion's bucket cannot be known (it may be any bucket's). */
  readonly unresolved?: Unknown;

  constructor(companions: ResourceInstance[]) {
    let unresolved: Unknown | undefined;
    for (const companion of companions) {
      const target = companion.values.bucket;
      const reference = referencedAddress(target);
      if (typeof target === 'string') {
        if (!this.byName.has(target)) this.byName.set(target, companion);
      } else if (reference?.includes('aws_s3_bucket.')) {
        // A bucket of this module (or of none: then it concerns no bucket here).
        if (!this.byReference.has(reference)) {
          this.byReference.set(reference, companion);
        }
      } else {
        unresolved ??= new Unknown(
          `${
            companion.address
          } names its bucket by a value that cannot be known${
            target instanceof Unknown ? ` (${target.reason})` : ''
          }, so it may be this bucket's`,
        );
      }
    }
    this.unresolved = unresolved;
  }

  /** The companion of a bucket: by the bucket's name or a reference to it. */
  of(bucket: ResourceInstance): ResourceInstance | undefined {
    const name = bucket.values.bucket;
    return (
      (typeof name === 'string' ? this.byName.get(name) : undefined) ??
      this.byReference.get(bucket.address) ??
      this.byReference.get(bucket.base)
    );
  }
}

function publicAccessBlock(
  companion: ResourceInstance | undefined,
  account: ResourceInstance | undefined,
): ValueObject {
  const result: ValueObject = {};
  for (const flag of PUBLIC_ACCESS_FLAGS) {
    const own = companion ? boolSetting(companion, [flag], false) : false;
    const shared = account ? boolSetting(account, [flag], false) : false;
    // Either level blocking is enough; unknown only if neither does.
    if (own === true || shared === true) result[flag] = true;
    else if (own instanceof Unknown) result[flag] = own;
    else if (shared instanceof Unknown) result[flag] = shared;
    else result[flag] = false;
  }
  const sources = [companion, account].filter(Boolean).map(c => c!.address);
  result.source = sources.length ? sources.join(', ') : null;
  return result;
}

function encryptionFrom(
  instance: ResourceInstance,
  rulePath: Array<string | number>,
  source: string,
): ValueObject {
  const byDefault = [...rulePath, 'apply_server_side_encryption_by_default', 0];
  return {
    sse_algorithm: setting(instance, [...byDefault, 'sse_algorithm'], null),
    kms_master_key_id: placeholderIfComputed(
      setting(instance, [...byDefault, 'kms_master_key_id'], null),
    ),
    source,
  };
}

function versioningFrom(
  status: Value,
  mfaDelete: Value,
  source: string,
): ValueObject {
  const enabled =
    status instanceof Unknown
      ? status
      : status === 'Enabled' || status === true;
  const mfa =
    mfaDelete instanceof Unknown
      ? mfaDelete
      : mfaDelete === 'Enabled' || mfaDelete === true;
  return { enabled, mfa_delete: mfa, source };
}

const NOT_CONFIGURED: Record<Aspect, ValueObject> = {
  public_access_block: {},
  encryption: { sse_algorithm: null, kms_master_key_id: null, source: null },
  versioning: { enabled: false, mfa_delete: false, source: null },
};

/**
 * Gives each `aws_s3_bucket` the settings that its companion resources
 * (linked by `bucket = aws_s3_bucket.x.id`, `.bucket`, or the literal
 * name), the account-level public access block, or its own legacy inline
 * blocks make: `public_access_block`, `encryption`, `versioning`. A
 * companion whose bucket cannot be known makes the setting unknown for the
 * buckets it might belong to.
 */
export function linkBucketCompanions(resources: Resources): void {
  const account = resources.ofType('aws_s3_account_public_access_block')[0];
  const companions = Object.fromEntries(
    Object.entries(COMPANIONS).map(([aspect, type]) => [
      aspect,
      new Companions(resources.ofType(type)),
    ]),
  ) as Record<Aspect, Companions>;

  for (const bucket of resources.ofType('aws_s3_bucket')) {
    const linked = (aspect: Aspect) => companions[aspect].of(bucket);
    const maybe = (aspect: Aspect) => companions[aspect].unresolved;

    const pab = linked('public_access_block');
    const pabUnknown = pab ? undefined : maybe('public_access_block');
    if (pabUnknown) {
      bucket.values.public_access_block = Object.fromEntries([
        ...PUBLIC_ACCESS_FLAGS.map(flag => [flag, pabUnknown]),
        ['source', null],
      ]);
    } else {
      bucket.values.public_access_block = publicAccessBlock(pab, account);
    }

    const sse = linked('encryption');
    const inlineSse = valueAt(bucket.values, [
      'server_side_encryption_configuration',
    ]);
    if (sse) {
      bucket.values.encryption = encryptionFrom(sse, ['rule', 0], sse.address);
    } else if (maybe('encryption')) {
      const why = maybe('encryption')!;
      bucket.values.encryption = {
        sse_algorithm: why,
        kms_master_key_id: null,
        source: null,
      };
    } else if (Array.isArray(inlineSse) && inlineSse.length) {
      bucket.values.encryption = encryptionFrom(
        bucket,
        ['server_side_encryption_configuration', 0, 'rule', 0],
        `${bucket.address} (server_side_encryption_configuration)`,
      );
    } else if (
      inlineSse instanceof Unknown &&
      bucket.configured(['server_side_encryption_configuration'])
    ) {
      bucket.values.encryption = {
        sse_algorithm: inlineSse,
        kms_master_key_id: null,
        source: null,
      };
    } else {
      bucket.values.encryption = { ...NOT_CONFIGURED.encryption };
    }

    const versioning = linked('versioning');
    const inline = valueAt(bucket.values, ['versioning']);
    if (versioning) {
      bucket.values.versioning = versioningFrom(
        setting(
          versioning,
          ['versioning_configuration', 0, 'status'],
          'Disabled',
        ),
        setting(
          versioning,
          ['versioning_configuration', 0, 'mfa_delete'],
          'Disabled',
        ),
        versioning.address,
      );
    } else if (maybe('versioning')) {
      const why = maybe('versioning')!;
      bucket.values.versioning = {
        enabled: why,
        mfa_delete: why,
        source: null,
      };
    } else if (Array.isArray(inline) && inline.length) {
      bucket.values.versioning = versioningFrom(
        boolSetting(bucket, ['versioning', 0, 'enabled'], false),
        boolSetting(bucket, ['versioning', 0, 'mfa_delete'], false),
        `${bucket.address} (versioning)`,
      );
    } else if (inline instanceof Unknown && bucket.configured(['versioning'])) {
      bucket.values.versioning = {
        enabled: inline,
        mfa_delete: inline,
        source: null,
      };
    } else {
      bucket.values.versioning = { ...NOT_CONFIGURED.versioning };
    }
  }
}
