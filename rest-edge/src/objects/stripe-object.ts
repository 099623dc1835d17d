import { PaygateError } from '@paygate/chassis';

/**
 * The edge's Stripe-object layer. One module per Stripe object declares:
 *   - `fields`: the GraphQL selection of everything that is not expandable;
 *   - `expandable`: each expandable Stripe property, the graph field behind it and the object module
 *     it expands into (lazily, so objects can point at each other);
 *   - `render`: the one typed conversion from the graph node to Stripe's JSON.
 * `selectionOf` turns `expand[]` into a nested selection set, `renderObject` walks the same tree, so a
 * route never decides by itself what is expanded. Events and webhooks render through here too: a
 * webhook's data.object is the JSON a GET returns.
 */
export interface Expandable {
  /** The graph field (camelCase) that holds the reference or the expanded node. */
  field: string;
  object: () => StripeObject<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** What a renderer gets for each expandable property: the id (not expanded), the object (expanded) or null. */
export type Expanded = Record<string, unknown>;

export interface StripeObject<Node> {
  /** Stripe's `object` value, e.g. 'charge'. */
  name: string;
  /** Stripe's deleted-object shape, `{id, object, deleted: true}` (the OpenAPI document names it `deleted_<name>`). */
  deleted?: true;
  fields: string;
  expandable: Readonly<Record<string, Expandable>>;
  render(node: Node, expanded: Expanded): Record<string, unknown>;
}

export function stripeObject<Node>(definition: StripeObject<Node>): StripeObject<Node> {
  return definition;
}

/** Stripe allows at most four levels in one expand path. */
export const MAX_EXPAND_DEPTH = 4;

/** The expand paths as a tree: { customer: {}, latest_charge: { payment_intent: {} } }. */
export interface ExpandTree {
  [property: string]: ExpandTree;
}

function cannotExpand(path: string): PaygateError {
  return new PaygateError('invalid_request', `This property cannot be expanded (${path}).`, { param: 'expand' });
}

/**
 * Parses `expand[]` against the object graph. On lists every path must start with `data.` (Stripe's
 * rule); a path through a property that is not expandable, or deeper than four levels, is a 400.
 */
export function parseExpand(root: StripeObject<any>, paths: readonly string[] | undefined, list = false): ExpandTree { // eslint-disable-line @typescript-eslint/no-explicit-any
  const tree: ExpandTree = {};
  for (const path of paths ?? []) {
    let segments = path.split('.');
    if (list) {
      if (segments[0] !== 'data') throw cannotExpand(path);
      segments = segments.slice(1);
    }
    if (segments.length === 0 || segments.some((s) => s === '')) throw cannotExpand(path);
    if (segments.length > MAX_EXPAND_DEPTH) {
      throw new PaygateError('invalid_request', `You cannot expand more than ${MAX_EXPAND_DEPTH} levels of a property. Property: ${path}`, { param: 'expand' });
    }
    let object = root;
    let node = tree;
    for (const segment of segments) {
      const expandable = Object.prototype.hasOwnProperty.call(object.expandable, segment) ? object.expandable[segment] : undefined;
      if (!expandable) throw cannotExpand(path);
      node[segment] ??= {};
      node = node[segment]!;
      object = expandable.object();
    }
  }
  return tree;
}

/** The GraphQL selection for `object` with `tree` expanded (a reference selects only its id). */
export function selectionOf(object: StripeObject<any>, tree: ExpandTree = {}): string { // eslint-disable-line @typescript-eslint/no-explicit-any
  const parts = [object.fields.trim()];
  for (const [property, expandable] of Object.entries(object.expandable)) {
    const subtree = tree[property];
    parts.push(`${expandable.field} { ${subtree ? selectionOf(expandable.object(), subtree) : 'id'} }`);
  }
  return parts.join(' ');
}

/** Graph node → Stripe JSON, rendering expanded properties with their own modules. */
export function renderObject<Node>(object: StripeObject<Node>, node: Node, tree: ExpandTree = {}): Record<string, unknown> {
  const expanded: Expanded = {};
  const source = node as Record<string, unknown>;
  for (const [property, expandable] of Object.entries(object.expandable)) {
    const value = source[expandable.field] as { id: string } | null | undefined;
    const subtree = tree[property];
    if (value === null || value === undefined) expanded[property] = null;
    else expanded[property] = subtree ? renderObject(expandable.object(), value, subtree) : value.id;
  }
  return object.render(node, expanded);
}
