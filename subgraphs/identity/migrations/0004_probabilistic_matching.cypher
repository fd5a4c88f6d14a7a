// Probabilistic matching (src/matching/live.ts, review.ts). Blocks are shared
// by the records holding a blocking key (a hash), one node per key; a review
// is one node per pair of records, found by its pair key when a record is
// matched again and by its id when a person decides; the queue lists a status
// best score first.
CREATE CONSTRAINT match_block_key IF NOT EXISTS FOR (b:MatchBlock) REQUIRE b.key IS UNIQUE;
CREATE CONSTRAINT match_review_pair IF NOT EXISTS FOR (m:MatchReview) REQUIRE m.pair IS UNIQUE;
CREATE CONSTRAINT match_review_id IF NOT EXISTS FOR (m:MatchReview) REQUIRE m.id IS UNIQUE;
CREATE INDEX match_review_queue IF NOT EXISTS FOR (m:MatchReview) ON (m.status, m.score);
