// One node that every resolving transaction locks first: resolving writes of
// all identity replicas run one after the other (simple and safe; a finer lock
// per cluster would let writes on unrelated clusters run in parallel).
CREATE CONSTRAINT resolution_lock_id IF NOT EXISTS FOR (l:ResolutionLock) REQUIRE l.id IS UNIQUE;
MERGE (:ResolutionLock {id: 'global'});
// The audit trail of identity decisions, listed per customer and per record.
CREATE INDEX identity_event_customer IF NOT EXISTS FOR (e:IdentityEvent) ON (e.customerId, e.at);
CREATE INDEX identity_event_record IF NOT EXISTS FOR (e:IdentityEvent) ON (e.system, e.localId, e.at);
CREATE INDEX identifier_blocked IF NOT EXISTS FOR (i:Identifier) ON (i.blocked);
