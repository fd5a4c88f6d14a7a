import type { Caller } from '@c360/kit/auth';
import type { ErasureService } from './erasure';
import type { CustomerExporter } from './export';
import type { PrivacyStore } from './store';

export interface PrivacyContext {
  store: PrivacyStore;
  erasure: ErasureService;
  exporter: CustomerExporter;
  /** Who calls, as the gateway vouches for it: the requester of an erasure, the reader of an export. */
  caller: Caller;
}

export function createContext(
  services: Pick<PrivacyContext, 'store' | 'erasure' | 'exporter'>,
  caller: Caller,
): PrivacyContext {
  return { ...services, caller };
}
