import { Entity, PrimaryColumn } from 'typeorm';

/**
 * Remote ids a FULL sync run has seen, so that at its end the rows it did not see can be
 * marked deleted (vendors send no tombstones). Emptied when the run finishes.
 */
@Entity('sync_seen')
export class SyncSeen {
  @PrimaryColumn({ type: 'uuid' })
  syncRunId!: string;

  /** candidate, application or job. */
  @PrimaryColumn({ type: 'varchar', length: 16 })
  kind!: string;

  @PrimaryColumn({ type: 'varchar', length: 128 })
  remoteId!: string;
}
