/** The vendors we speak to. ATSs can be sources and destinations; SourceWhale only a destination. */
export const PROVIDERS = ['ASHBY', 'GREENHOUSE', 'SMARTRECRUITERS', 'SOURCEWHALE'] as const;
export type Provider = (typeof PROVIDERS)[number];

export const CAPABILITIES = ['REDISCOVERY', 'CONNECT', 'EXPORT'] as const;
export type Capability = (typeof CAPABILITIES)[number];
