// A feed page's mark stays as a tombstone once the watermark has passed it
// (p.passedAt, see src/graph.ts, advanceFeedCursor), and every advance drops
// the tombstones past their time: an index on passedAt, so that the drop reads
// those alone, not every mark of the source.
CREATE RANGE INDEX feed_page_passed_at IF NOT EXISTS FOR (p:FeedPage) ON (p.passedAt);
