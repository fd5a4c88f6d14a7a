import type { Caller } from '@c360/kit/auth';
import { fromSource } from '@c360/kit/errors';
import type { KpiOptions } from './kpis';
import type { GoldenOptions } from './golden';
import type { SurvivorshipRules } from './rules';
import type { AudienceEngine } from './audience-engine';
import { SYSTEM, type ProfileConfig, type ProfileStore } from './store';

export interface ProfileSettings extends GoldenOptions {
  /** Reporting currency, exchange rates and RFM thresholds of the KPIs; `now` is taken per request. */
  kpi: Omit<KpiOptions, 'now'>;
  /** The clock; tests pin it. @default () => new Date() */
  now?: () => Date;
  /** Told after every committed change of rules or segments; never throws. @default none */
  onDefinitionsChanged?: () => Promise<void>;
  /** Bulk segment evaluation (size, members, preview); null when the subgraph was started without it. */
  audience?: AudienceEngine | null;
}

export interface ProfileContext {
  store: ProfileStore;
  /** Who calls, as the gateway vouches for it: recorded with every rule or segment change. */
  caller: Caller;
  settings: ProfileSettings;
  /** The request's clock: every KPI of one response is computed at the same instant. */
  now: Date;
  /** The rules and segments in force, read once per request (a change elsewhere shows on the next request). */
  config: () => Promise<ProfileConfig>;
  kpiOptions: KpiOptions;
}

export function createContext(store: ProfileStore, settings: ProfileSettings, caller: Caller): ProfileContext {
  const now = settings.now?.() ?? new Date();
  let config: Promise<ProfileConfig> | null = null;
  return {
    store,
    caller,
    settings,
    now,
    config: () => (config ??= fromSource(SYSTEM, () => store.current())),
    kpiOptions: { ...settings.kpi, now },
  };
}

export function rulesOf(config: ProfileConfig): SurvivorshipRules {
  return Object.fromEntries(Object.entries(config.rules).map(([a, r]) => [a, r.rule])) as SurvivorshipRules;
}
