import { randomUUID } from 'node:crypto';
import type { DataSource, DeepPartial } from 'typeorm';
import {
  Application,
  AtsUser,
  Attachment,
  Candidate,
  Connection,
  Job,
  RejectionReason,
  Source,
  Stage,
} from '../../src/entities';

/**
 * Writes a small normalized model (what a sync would have mirrored) straight into PostgreSQL,
 * for tests of the indexer and the GraphQL API that do not need a vendor simulator.
 */
export class ModelSeeder {
  constructor(
    private readonly dataSource: DataSource,
    readonly organizationId: string,
  ) {}

  connection(values: Partial<Connection> = {}): Promise<Connection> {
    return this.save(Connection, {
      provider: 'ASHBY',
      name: 'Ashby',
      capabilities: ['REDISCOVERY', 'CONNECT'],
      credentialsCiphertext: 'sealed',
      credentialsKeyId: 'test',
      settings: {},
      ...values,
    });
  }

  remote<T extends object>(
    entity: new () => T,
    connectionId: string,
    values: DeepPartial<NoInfer<T>>,
  ): Promise<T> {
    return this.save(entity, {
      connectionId,
      remoteId: randomUUID(),
      raw: {},
      ...values,
    });
  }

  candidate(
    connectionId: string,
    values: Partial<Candidate> & { fullName: string },
  ): Promise<Candidate> {
    const [firstName = null, ...rest] = values.fullName.split(' ');
    return this.remote(Candidate, connectionId, {
      firstName,
      lastName: rest.join(' ') || null,
      emails: [],
      phones: [],
      socialLinks: [],
      tags: [],
      customFields: {},
      workHistory: [],
      education: [],
      remoteUpdatedAt: new Date(),
      ...values,
    });
  }

  job(connectionId: string, title: string, status: Job['status'] = 'OPEN'): Promise<Job> {
    return this.remote(Job, connectionId, { title, status, postings: [] });
  }

  stage(connectionId: string, name: string, position = 0): Promise<Stage> {
    return this.remote(Stage, connectionId, { name, position });
  }

  reason(connectionId: string, name: string): Promise<RejectionReason> {
    return this.remote(RejectionReason, connectionId, { name });
  }

  source(connectionId: string, name: string): Promise<Source> {
    return this.remote(Source, connectionId, { name });
  }

  recruiter(connectionId: string, name: string, email: string): Promise<AtsUser> {
    return this.remote(AtsUser, connectionId, { name, email, active: true });
  }

  application(
    connectionId: string,
    values: Partial<Application> & { candidateId: string },
  ): Promise<Application> {
    return this.remote(Application, connectionId, {
      status: 'ACTIVE',
      isProspect: false,
      customFields: {},
      remoteUpdatedAt: new Date(),
      ...values,
    });
  }

  attachment(
    connectionId: string,
    values: Partial<Attachment> & { candidateId: string; extractedText: string },
  ): Promise<Attachment> {
    return this.remote(Attachment, connectionId, {
      name: 'resume.pdf',
      type: 'RESUME',
      contentType: 'application/pdf',
      content: Buffer.from('%PDF-1.4 test'),
      ...values,
    });
  }

  private save<T extends object>(entity: new () => T, values: DeepPartial<NoInfer<T>>): Promise<T> {
    const repository = this.dataSource.getRepository(entity);
    return repository.save(
      repository.create({ ...values, organizationId: this.organizationId } as DeepPartial<T>),
    );
  }
}
