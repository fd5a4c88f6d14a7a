import type { CustomerIdentity } from './graph';

/** A Customer as identity resolvers pass it around: loaded, or just a reference by id. */
export type CustomerModel = { id: string } & Partial<Omit<CustomerIdentity, 'id'>>;

/** A MatchReview as the graph reads it (matching/review.ts). */
export type { MatchReview as MatchReviewModel } from './matching/review';
