import { ResourceInstance } from './ResourceInstance';

/** All instances of a module or plan, indexed for the normalisers' look-ups. */
export class Resources {
  private readonly types = new Map<string, ResourceInstance[]>();

  constructor(readonly all: ResourceInstance[]) {
    for (const instance of all) {
      const list = this.types.get(instance.type);
      if (list) list.push(instance);
      else this.types.set(instance.type, [instance]);
    }
  }

  ofType(type: string): ResourceInstance[] {
    return this.types.get(type) ?? [];
  }
}
