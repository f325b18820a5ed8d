import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Candidate } from './candidate.entity';
import { RemoteEntity } from './remote.entity';

export type AttachmentType = 'RESUME' | 'COVER_LETTER' | 'OTHER';

/** A file on a candidate; the bytes and their extracted text are stored with it. */
@Entity('attachments')
@Index('uq_attachments_remote', ['organizationId', 'connectionId', 'remoteId'], { unique: true })
@Index('ix_attachments_candidate', ['candidateId'])
export class Attachment extends RemoteEntity {
  @Column({ type: 'uuid' })
  candidateId!: string;

  @ManyToOne(() => Candidate, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'candidate_id' })
  candidate?: Candidate;

  @Column({ type: 'varchar', length: 500 })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  type!: AttachmentType;

  @Column({ type: 'varchar', length: 200, nullable: true })
  contentType!: string | null;

  @Column({ type: 'int', nullable: true })
  sizeBytes!: number | null;

  /** SHA-256 of the bytes, so an unchanged file is not downloaded and parsed again. */
  @Column({ type: 'char', length: 64, nullable: true })
  sha256!: string | null;

  /** Loaded only on demand: files can be large. */
  @Column({ type: 'bytea', nullable: true, select: false })
  content!: Buffer | null;

  @Column({ type: 'text', nullable: true })
  extractedText!: string | null;

  @Column({ type: 'text', nullable: true })
  extractionError!: string | null;
}
