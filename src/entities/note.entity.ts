import { Column, Entity, Index } from 'typeorm';
import { OrgScopedEntity } from './base.entity';

export type NoteState = 'PENDING' | 'WRITTEN' | 'FAILED';

/** A note written back to a candidate's ATS (addNote); kept until the ATS has it. */
@Entity('notes')
@Index('ix_notes_candidate', ['organizationId', 'candidateId'])
@Index('ix_notes_pending', ['state', 'createdAt'])
export class Note extends OrgScopedEntity {
  @Column({ type: 'uuid' })
  candidateId!: string;

  @Column({ type: 'uuid' })
  connectionId!: string;

  /** The user whose key wrote it. */
  @Column({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'varchar', length: 16, default: 'PENDING' })
  state!: NoteState;

  /** The note's id in the ATS, when the ATS says. */
  @Column({ type: 'varchar', length: 128, nullable: true })
  remoteId!: string | null;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  writtenAt!: Date | null;
}
