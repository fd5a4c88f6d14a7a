export type { Address, CustomerModel, PurchaseSummaryInput } from './customer';
export type { GoldenProfile as GoldenProfileModel } from './golden';
export type { ChannelContactability as ChannelContactabilityModel } from './derive';
export type { Kpis as CustomerKpisModel } from './kpis';
export type { RuleInForce as SurvivorshipRuleModel, RuleVersion as SurvivorshipRuleVersionModel } from './store';
export type { SegmentDefinition as SegmentModel } from './store';
