/** Unix seconds now. Use cases take one injected, so time-based rules (availability, schedules) are testable without waiting. */
export type Clock = () => number;

export const systemClock: Clock = () => Math.floor(Date.now() / 1000);
