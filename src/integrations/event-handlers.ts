import type { DomainEvent, EventKind } from '../domain/event-kinds.js';

export type EventHandler = (event: DomainEvent) => Promise<void> | void;

/**
 * The host's in-process handlers (`plugin.events.on`). The dispatcher calls them in the worker
 * processes: a host registers its handlers in every process that runs `worker.start()`.
 */
export class EventHandlers {
  private readonly byKind = new Map<EventKind | '*', Set<EventHandler>>();

  /** Calls `handler` for every event of `kind` (`'*'`: every kind). Returns a function that removes it. */
  on(kind: EventKind | '*', handler: EventHandler): () => void {
    let set = this.byKind.get(kind);
    if (!set) this.byKind.set(kind, (set = new Set()));
    set.add(handler);
    return () => set.delete(handler);
  }

  for(kind: string): EventHandler[] {
    return [...(this.byKind.get(kind as EventKind) ?? []), ...(this.byKind.get('*') ?? [])];
  }

  get empty(): boolean {
    return [...this.byKind.values()].every((set) => set.size === 0);
  }
}
