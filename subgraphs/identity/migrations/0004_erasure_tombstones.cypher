// Right to erasure: a person's records, identifiers, links and audit events are
// deleted, and each erased source record leaves a tombstone, so that a replayed
// or late observation feed does not bring the record (and the person) back.
// A tombstone holds only a SHA-256 of the record key (system, local id), never
// an identifier value.
CREATE CONSTRAINT erasure_tombstone_key IF NOT EXISTS FOR (t:ErasureTombstone) REQUIRE t.key IS UNIQUE;
