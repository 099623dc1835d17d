/**
 * A reference to an entity another subgraph owns: its key and typename, nothing else
 * (STYLE rule 4). The gateway asks the owner for any other field.
 */
export interface EntityRef<T extends string> {
  __typename: T;
  id: string;
}

export function entityRef<T extends string>(typename: T, id: string | null | undefined): EntityRef<T> | null {
  return id ? { __typename: typename, id } : null;
}
