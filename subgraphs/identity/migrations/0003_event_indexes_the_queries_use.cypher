// Indexes the audit trail's queries can use (checked with EXPLAIN). history()
// finds events by customerId, previousCustomerId or mergedCustomerId alone,
// which the composite (customerId, at) index cannot serve: it scanned every
// event. customerIdAt() finds identifier-removed events by identifier.
// previousCustomerId, mergedCustomerId, kind and value are set on few events
// (reassignments, merges, removed links), so ingestion pays little for them.
DROP INDEX identity_event_customer IF EXISTS;
CREATE INDEX identity_event_customer_id IF NOT EXISTS FOR (e:IdentityEvent) ON (e.customerId);
CREATE INDEX identity_event_previous_customer IF NOT EXISTS FOR (e:IdentityEvent) ON (e.previousCustomerId);
CREATE INDEX identity_event_merged_customer IF NOT EXISTS FOR (e:IdentityEvent) ON (e.mergedCustomerId);
CREATE INDEX identity_event_identifier IF NOT EXISTS FOR (e:IdentityEvent) ON (e.kind, e.value);
