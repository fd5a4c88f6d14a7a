// Writes lock what they touch (records, identifiers, customers: see
// src/graph.ts, WriteLocks) instead of one node for every write: the global
// resolution lock of 0002 is no longer taken.
MATCH (l:ResolutionLock) DELETE l;
DROP CONSTRAINT resolution_lock_id IF EXISTS;
// A page of a source's observation feed, marked done in the transaction that
// ingested it (keyed by the cursor it was read after), until the source's
// watermark moves past it.
CREATE CONSTRAINT feed_page_key IF NOT EXISTS FOR (p:FeedPage) REQUIRE (p.source, p.after) IS UNIQUE;
