import type {
  DeepPartial,
  EntityManager,
  FindManyOptions,
  FindOneOptions,
  FindOptionsWhere,
} from 'typeorm';
import type { Tenant } from '../common/tenant';
import type { OrgScopedEntity } from '../entities/base.entity';
import { Organization } from '../entities';

type EntityClass<T> = new () => T;
type Where<T> = FindOptionsWhere<T> | FindOptionsWhere<T>[];

/**
 * The only door from a request to the database. Every read and write made through it is
 * limited to the caller's organization, and the organization cannot be overridden by the
 * caller's own conditions: resolvers never remember to add it.
 */
export class OrgScope {
  constructor(
    private readonly manager: EntityManager,
    readonly tenant: Tenant,
  ) {}

  get organizationId(): string {
    return this.tenant.organizationId;
  }

  organization(): Promise<Organization> {
    return this.manager.findOneByOrFail(Organization, { id: this.organizationId });
  }

  find<T extends OrgScopedEntity>(
    entity: EntityClass<T>,
    options: FindManyOptions<T> = {},
  ): Promise<T[]> {
    return this.manager.find(entity, { ...options, where: this.where(options.where) });
  }

  findOne<T extends OrgScopedEntity>(
    entity: EntityClass<T>,
    options: FindOneOptions<T>,
  ): Promise<T | null> {
    return this.manager.findOne(entity, { ...options, where: this.where(options.where) });
  }

  findById<T extends OrgScopedEntity>(entity: EntityClass<T>, id: string): Promise<T | null> {
    return this.manager.findOne(entity, { where: this.whereOne({ id } as FindOptionsWhere<T>) });
  }

  count<T extends OrgScopedEntity>(entity: EntityClass<T>, where?: Where<T>): Promise<number> {
    return this.manager.count(entity, { where: this.where(where) });
  }

  /** Inserts a row owned by the caller's organization. */
  async insert<T extends OrgScopedEntity>(
    entity: EntityClass<T>,
    values: DeepPartial<T>,
  ): Promise<T> {
    const row = this.manager.create(entity, { ...values, organizationId: this.organizationId });
    return this.manager.save(entity, row);
  }

  /** Updates rows matching `where` within the organization; returns how many changed. */
  async update<T extends OrgScopedEntity>(
    entity: EntityClass<T>,
    where: FindOptionsWhere<T>,
    values: DeepPartial<T>,
  ): Promise<number> {
    const { organizationId: _ignored, ...safe } = values as DeepPartial<OrgScopedEntity>;
    const result = await this.manager.update(entity, this.whereOne(where), safe as never);
    return result.affected ?? 0;
  }

  async delete<T extends OrgScopedEntity>(
    entity: EntityClass<T>,
    where: FindOptionsWhere<T>,
  ): Promise<number> {
    const result = await this.manager.delete(entity, this.whereOne(where));
    return result.affected ?? 0;
  }

  /**
   * For services whose own API takes the organization explicitly (the indexer's loaders): they
   * get the manager together with this scope's organization, never another.
   */
  withManager<R>(work: (manager: EntityManager, organizationId: string) => Promise<R>): Promise<R> {
    return work(this.manager, this.organizationId);
  }

  /** Runs `work` in one transaction, with a scope bound to it. */
  transaction<R>(work: (scope: OrgScope) => Promise<R>): Promise<R> {
    return this.manager.transaction((tx) => work(new OrgScope(tx, this.tenant)));
  }

  private where<T extends OrgScopedEntity>(where: Where<T> | undefined): Where<T> {
    if (Array.isArray(where)) return where.map((w) => this.whereOne(w));
    return this.whereOne(where);
  }

  private whereOne<T extends OrgScopedEntity>(
    where: FindOptionsWhere<T> | undefined,
  ): FindOptionsWhere<T> {
    // The organization goes last so a caller's own `organizationId` can never widen the scope.
    return { ...where, organizationId: this.organizationId } as FindOptionsWhere<T>;
  }
}
