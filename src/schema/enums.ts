import { registerEnumType } from 'type-graphql';
import { CAPABILITIES, PROVIDERS, type Capability, type Provider } from '../entities/provider';

/** GraphQL enums built from the model's own lists, so the two cannot drift apart. */
const toEnum = <T extends string>(values: readonly T[]): Record<T, T> =>
  Object.fromEntries(values.map((v) => [v, v])) as Record<T, T>;

export const ProviderEnum = toEnum<Provider>(PROVIDERS);
registerEnumType(ProviderEnum, { name: 'Provider', description: 'An ATS or export destination.' });

export const CapabilityEnum = toEnum<Capability>(CAPABILITIES);
registerEnumType(CapabilityEnum, {
  name: 'Capability',
  description:
    'What a connection is used for: mirroring (REDISCOVERY), lookups (CONNECT), exports (EXPORT).',
});

export const ConnectionStatusEnum = toEnum(['ACTIVE', 'SYNCING', 'ERROR', 'DISABLED'] as const);
registerEnumType(ConnectionStatusEnum, { name: 'ConnectionStatus' });

export const SearchReindexStateEnum = toEnum(['QUEUED', 'RUNNING', 'COMPLETED', 'FAILED'] as const);
registerEnumType(SearchReindexStateEnum, { name: 'SearchReindexState' });
