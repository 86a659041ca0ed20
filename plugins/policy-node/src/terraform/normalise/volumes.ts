import { isObject, Unknown, Value, ValueObject } from '../values/Unknown';
import {
  blocksAt,
  boolSetting,
  ResourceInstance,
  valueAt,
} from './ResourceInstance';
import { Resources } from './Resources';

const WITH_VOLUMES = new Set([
  'aws_ebs_volume',
  'aws_instance',
  'aws_launch_configuration',
  'aws_launch_template',
  'aws_spot_instance_request',
]);

/** One volume: its device, whether it is encrypted, where it is declared. */
const volume = (
  device: Value,
  encrypted: Value,
  source: string,
): ValueObject => ({
  device: device ?? 'unnamed',
  encrypted,
  source,
});

/** The block devices of `name` (ebs_block_device, block_device_mappings, …). */
function blockVolumes(
  instance: ResourceInstance,
  name: string,
  encryptedPath: (i: number) => Array<string | number>,
  skip: (block: ValueObject) => boolean = () => false,
): Value[] | Unknown {
  const blocks = blocksAt(instance, name);
  if (blocks instanceof Unknown) return blocks;
  const volumes: Value[] = [];
  blocks.forEach((block, i) => {
    if (block instanceof Unknown) {
      volumes.push(volume(`${name}.${i}`, block, `${name}.${i}`));
      return;
    }
    if (!isObject(block) || skip(block)) return;
    volumes.push(
      volume(
        block.device_name ?? `${name}.${i}`,
        boolSetting(instance, encryptedPath(i), false),
        `${name}.${i}`,
      ),
    );
  });
  return volumes;
}

function declaredVolumes(instance: ResourceInstance): Value[] | Unknown {
  switch (instance.type) {
    case 'aws_ebs_volume':
      return [
        volume(
          'volume',
          boolSetting(instance, ['encrypted'], false),
          instance.address,
        ),
      ];
    case 'aws_instance':
    case 'aws_launch_configuration':
    case 'aws_spot_instance_request': {
      const ebs = blockVolumes(instance, 'ebs_block_device', i => [
        'ebs_block_device',
        i,
        'encrypted',
      ]);
      if (ebs instanceof Unknown) return ebs;
      const root = valueAt(instance.values, ['root_block_device']);
      const fromTemplate =
        instance.values.launch_template !== undefined &&
        !(Array.isArray(root) && root.length);
      if (fromTemplate) return ebs; // the launch template's volumes are judged there
      if (
        root instanceof Unknown &&
        instance.configured(['root_block_device'])
      ) {
        return [volume('root', root, 'root_block_device'), ...ebs];
      }
      // Without a root_block_device block the root volume is the AMI's
      // snapshot, unencrypted unless account default encryption is on.
      return [
        volume(
          'root',
          boolSetting(instance, ['root_block_device', 0, 'encrypted'], false),
          'root_block_device',
        ),
        ...ebs,
      ];
    }
    case 'aws_launch_template':
      return blockVolumes(
        instance,
        'block_device_mappings',
        i => ['block_device_mappings', i, 'ebs', 0, 'encrypted'],
        block => !Array.isArray(block.ebs) || block.ebs.length === 0,
      );
    default:
      return [];
  }
}

/**
 * `volumes` of EBS volumes, instances, launch templates and launch
 * configurations: `[{ device, encrypted, source }]`. With account-level
 * default encryption (`aws_ebs_encryption_by_default`) in the module,
 * every volume is encrypted.
 */
export function normaliseVolumes(
  instance: ResourceInstance,
  resources: Resources,
): void {
  if (!WITH_VOLUMES.has(instance.type)) return;
  const volumes = declaredVolumes(instance);
  const byDefault = resources.ofType('aws_ebs_encryption_by_default')[0];
  const defaultOn = byDefault
    ? boolSetting(byDefault, ['enabled'], true)
    : false;
  if (volumes instanceof Unknown || defaultOn === false) {
    instance.values.volumes = volumes;
    return;
  }
  instance.values.volumes = volumes.map(v => {
    if (!isObject(v) || v.encrypted === true) return v;
    return {
      ...v,
      encrypted: defaultOn,
      source: `${String(v.source)} (${byDefault!.address})`,
    };
  });
}
