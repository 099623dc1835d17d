/**
 * The newest events of an account, each handed out once, by polling GET /v1/events (newest first,
 * paged by the events' insertion order). Until it has seen an event it asks for `created[gte]` = the
 * moment it started; then for what came after a cursor with `ending_before` (every page, oldest
 * first). The cursor is an event first seen at least `settleMs` ago, not the newest one: an event
 * whose row committed a moment after a newer one's (two consumers writing at once) is still in the
 * window, and the ids already handed out keep it from coming twice.
 */
export interface ListedEvent {
  id: string;
  type: string;
  created: number;
  [field: string]: unknown;
}

export interface EventPage {
  data: ListedEvent[];
  has_more: boolean;
}

export type ListEvents = (params: Record<string, string>) => Promise<EventPage>;

/** An API answer the poller can act on: a cursor the API no longer knows is a 404 on `ending_before`. */
export class ListError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly param?: string,
  ) {
    super(message);
  }
}

const PAGE = '100';

export class EventPoller {
  private readonly seen = new Set<string>();
  /** Ids in the order first seen, with when: where the cursor is picked from. */
  private recent: { id: string; seenAt: number }[] = [];
  private cursor: string | null = null;

  constructor(
    private readonly list: ListEvents,
    /** Unix seconds: older events are never handed out. */
    readonly since: number,
    private readonly settleMs = 2_000,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** The events not handed out before, oldest first. */
  async poll(): Promise<ListedEvent[]> {
    let fetched: ListedEvent[];
    try {
      fetched = this.cursor ? await this.after(this.cursor) : await this.createdSince();
    } catch (err) {
      if (!(err instanceof ListError && err.status === 404 && err.param === 'ending_before')) throw err;
      this.cursor = null; // the cursor event is gone (retention): back to created[gte], the seen ids dedupe
      this.recent = [];
      fetched = await this.createdSince();
    }
    const at = this.now();
    const fresh: ListedEvent[] = [];
    for (const event of fetched) {
      if (this.seen.has(event.id)) continue;
      this.seen.add(event.id);
      this.recent.push({ id: event.id, seenAt: at });
      if (event.created >= this.since) fresh.push(event);
    }
    this.settle(at);
    return fresh;
  }

  private settle(at: number): void {
    for (let i = this.recent.length - 1; i >= 0; i--) {
      if (at - this.recent[i]!.seenAt >= this.settleMs) {
        this.cursor = this.recent[i]!.id;
        this.recent = this.recent.slice(i);
        return;
      }
    }
  }

  /** Everything listed after `cursor`, oldest first. */
  private async after(cursor: string): Promise<ListedEvent[]> {
    const out: ListedEvent[] = [];
    for (let before = cursor; ; ) {
      const page = await this.list({ limit: PAGE, ending_before: before });
      out.push(...[...page.data].reverse());
      if (!page.has_more || page.data.length === 0) return out;
      before = page.data[0]!.id;
    }
  }

  /** Everything created since `since`, oldest first. */
  private async createdSince(): Promise<ListedEvent[]> {
    const out: ListedEvent[] = [];
    for (let after: string | undefined; ; ) {
      const page = await this.list({ limit: PAGE, 'created[gte]': String(this.since), ...(after ? { starting_after: after } : {}) });
      out.push(...page.data);
      if (!page.has_more || page.data.length === 0) return out.reverse();
      after = page.data[page.data.length - 1]!.id;
    }
  }
}
