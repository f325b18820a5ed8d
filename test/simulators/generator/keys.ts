/** Keys are derived from the index so any component can name candidate #n without building it. */
export const candidateKey = (index: number): string => `cand-${index}`;
export const applicationKey = (index: number, n: number): string => `app-${index}-${n}`;
