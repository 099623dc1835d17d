import { DueTimes } from './periodic';

describe('DueTimes', () => {
  let now = 0;
  const clock = () => now;

  beforeEach(() => {
    now = 1_000_000;
  });

  it('sweeps at first, then only when a known row is due or the recheck interval passed', () => {
    const due = new DueTimes(30_000, clock);
    expect(due.due()).toBe(true);
    due.swept(null);
    now += 1_000;
    expect(due.due()).toBe(false);
    now += 29_000;
    expect(due.due()).toBe(true); // rows other replicas wrote
    due.swept(now + 5_000);
    now += 4_999;
    expect(due.due()).toBe(false);
    now += 1;
    expect(due.due()).toBe(true);
  });

  it('a write of this process brings the next sweep forward', () => {
    const due = new DueTimes(30_000, clock);
    expect(due.due()).toBe(true);
    due.swept(null);
    due.expect(now + 3_000);
    now += 2_999;
    expect(due.due()).toBe(false);
    now += 1;
    expect(due.due()).toBe(true);
    due.expect(null); // nothing due: no change
  });

  it('an expectation that arrives during a sweep outlives what that sweep read', () => {
    const due = new DueTimes(30_000, clock);
    expect(due.due()).toBe(true);
    due.expect(now + 2_000); // committed after the sweep read the table
    due.swept(null);
    now += 2_000;
    expect(due.due()).toBe(true);
  });

  it('a failed sweep is tried again at the next tick', () => {
    const due = new DueTimes(30_000, clock);
    expect(due.due()).toBe(true);
    due.failed();
    now += 1;
    expect(due.due()).toBe(true);
  });
});
