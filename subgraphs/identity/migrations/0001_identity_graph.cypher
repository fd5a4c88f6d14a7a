// Identity graph schema: one node per identifier (kind + normalised value),
// per source record (system + local id) and per customer. The uniqueness
// constraints make concurrent observations of the same identifier produce one node.
CREATE CONSTRAINT identifier_key IF NOT EXISTS FOR (i:Identifier) REQUIRE (i.kind, i.value) IS UNIQUE;
CREATE CONSTRAINT source_record_key IF NOT EXISTS FOR (r:SourceRecord) REQUIRE (r.system, r.localId) IS UNIQUE;
CREATE CONSTRAINT customer_id IF NOT EXISTS FOR (c:Customer) REQUIRE c.id IS UNIQUE;
CREATE CONSTRAINT feed_cursor_source IF NOT EXISTS FOR (f:FeedCursor) REQUIRE f.source IS UNIQUE;
