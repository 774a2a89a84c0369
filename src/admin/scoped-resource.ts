import { Resource } from '@adminjs/typeorm';
import { BaseRecord, type ActionContext, type Filter } from 'adminjs';
import { And, Equal, In, Raw, type BaseEntity, type FindOperator } from 'typeorm';
import { signedInAgent } from '../agents/signed-in-agent.js';
import type { InboxActor } from '../permissions/permission-snapshot.js';
import type { SqlPredicate } from '../permissions/sql-predicate.js';

/** Which rows of the resource's table an agent may see: a predicate on the alias it is given. */
export type RecordScope = (agent: InboxActor | null, alias: string) => SqlPredicate;

type EntityClass = typeof BaseEntity;

/**
 * The TypeORM adapter with a visibility predicate in every read AdminJS makes: list and count,
 * search, the record of show, edit and delete (AdminJS loads it through `findOne` before any
 * record action), bulk actions and references. A row the agent may not see is answered as if it
 * did not exist, and is never loaded. The predicate is asked of the agent loaded for the action:
 * a read without one finds nothing.
 *
 * The adapter's own filter conversion is not exported, so the scope travels as one more filter
 * on the primary key that the adapter passes through as is (its "custom" filter).
 */
export class ScopedResource extends Resource {
  constructor(
    private readonly entity: EntityClass,
    private readonly scope: RecordScope,
  ) {
    super(entity);
  }

  override async count(filter: Filter, context?: ActionContext): Promise<number> {
    return super.count(this.scoped(filter, context));
  }

  override async find(filter: Filter, options: Parameters<Resource['find']>[1], context?: ActionContext): Promise<BaseRecord[]> {
    return super.find(this.scoped(filter, context), options);
  }

  override async findOne(id: string, context?: ActionContext): Promise<BaseRecord | null> {
    const instance = await this.entity.findOne({ where: { [this.idName()]: this.visible(context, Equal(id)) } });
    return instance ? new BaseRecord(instance, this) : null;
  }

  override async findMany(ids: (string | number)[], context?: ActionContext): Promise<BaseRecord[]> {
    const instances = await this.entity.find({ where: { [this.idName()]: this.visible(context, In(ids)) } });
    return instances.map((instance) => new BaseRecord(instance, this));
  }

  private scoped(filter: Filter, context: ActionContext | undefined): Filter {
    const idName = this.idName();
    const byId = filter?.filters?.[idName];
    const custom = this.visible(context, byId ? Equal(String(byId.value)) : undefined);
    if (!custom) return filter;
    return { ...filter, filters: { ...filter?.filters, [idName]: { path: idName, property: this.property(idName), value: byId?.value, custom } } } as unknown as Filter;
  }

  /** The primary key among the rows the admin sees and matching `also`; undefined when nothing narrows it. */
  private visible(context: ActionContext | undefined, also: FindOperator<unknown>): FindOperator<unknown>;
  private visible(context: ActionContext | undefined, also: FindOperator<unknown> | undefined): FindOperator<unknown> | undefined;
  private visible(context: ActionContext | undefined, also: FindOperator<unknown> | undefined): FindOperator<unknown> | undefined {
    const { sql, params } = this.scope(signedInAgent(context?.currentAdmin), 'scoped');
    if (sql === 'TRUE') return also;
    const { tableName: table, primaryColumns } = this.entity.getRepository().metadata;
    const key = primaryColumns[0]!.databaseName;
    // TypeORM's operators take named parameters; the predicates number theirs.
    const named = Object.fromEntries(params.map((value, index) => [`scope_${index + 1}`, value]));
    const where = sql.replace(/\$(\d+)/g, (_, n: string) => `:scope_${n}`);
    const scoped = Raw((column) => `${column} IN (SELECT scoped."${key}" FROM "${table}" scoped WHERE ${where})`, named);
    return also ? And(also, scoped) : scoped;
  }
}
