/** Where a reader of a log remembers how far it got. 0 means nothing processed yet. */
export interface CheckpointStore {
  load(name: string): Promise<number>;
  save(name: string, position: number): Promise<void>;
}
