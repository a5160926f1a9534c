import type { RedlineChange } from '@pactum/domain';

/**
 * Redlines by (contract, state_seq, previous version, its state_seq). The content of a version
 * changes only with a lifecycle step (edits bump state_seq), so an entry never goes stale; it is
 * only dropped when the cache is full (least recently used first).
 */
export class RedlineCache {
  private readonly entries = new Map<string, RedlineChange[]>();

  constructor(private readonly capacity = 5_000) {}

  static key(contract: { id: string; stateSeq: number }, previous: { id: string; stateSeq: number } | null): string {
    return `${contract.id}:${contract.stateSeq}:${previous ? `${previous.id}:${previous.stateSeq}` : '-'}`;
  }

  get(key: string): RedlineChange[] | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, changes: RedlineChange[]): void {
    this.entries.delete(key);
    this.entries.set(key, changes);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }
}
