import type { FeedPosition } from '@c360/kit/feed';
import type { ExportFile, MemberRow, Receipt, StoreRow } from './export-files';

/** What the folder knows of one card number: its member (if the programme has one) and its receipts. */
export interface CardEntry {
  cardNumber: string;
  member: MemberRow | null;
  /** Newest first. */
  receipts: Receipt[];
}

/** Newest first; the receipt number breaks ties so that the order is total (pagination relies on it). */
export function compareReceipts(a: Receipt, b: Receipt): number {
  return b.purchasedAtMs - a.purchasedAtMs || (a.receiptNumber < b.receiptNumber ? 1 : -1);
}

const byPosition = (a: MemberRow, b: MemberRow) =>
  a.updatedAt < b.updatedAt ? -1 : a.updatedAt > b.updatedAt ? 1 : a.cardNumber < b.cardNumber ? -1 : 1;

/**
 * The in-memory index over every parsed export file of the folder, by card
 * number, receipt number and store code. Immutable: the folder builds a new
 * one from its files after a change, so a lookup never sees half an update.
 *
 * Files apply in (date in name, name) order: a later member export
 * supersedes earlier rows of the same card (and within a file, a later line
 * an earlier one); a receipt exported twice keeps its latest version.
 */
export class ExportIndex {
  private constructor(
    private readonly members: Map<string, MemberRow>,
    private readonly receiptsByCard: Map<string, Receipt[]>,
    private readonly receipts: Map<string, Receipt>,
    private readonly stores: Map<string, StoreRow>,
    /** Members in feed order: (updatedAt, cardNumber). */
    private readonly changes: MemberRow[],
  ) {}

  static readonly empty = ExportIndex.build([]);

  static build(files: Iterable<ExportFile>): ExportIndex {
    const ordered = [...files].sort((a, b) =>
      a.date !== b.date ? (a.date < b.date ? -1 : 1) : a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
    const members = new Map<string, MemberRow>();
    const receipts = new Map<string, Receipt>();
    const stores = new Map<string, StoreRow>();
    for (const file of ordered) {
      if (file.kind === 'members') for (const m of file.members) members.set(m.cardNumber, m);
      else if (file.kind === 'stores') for (const s of file.stores) stores.set(s.code, s);
      else for (const r of file.receipts) receipts.set(r.receiptNumber, r);
    }
    const receiptsByCard = new Map<string, Receipt[]>();
    for (const receipt of receipts.values()) {
      if (receipt.cardNumber === null) continue;
      const list = receiptsByCard.get(receipt.cardNumber);
      if (list) list.push(receipt);
      else receiptsByCard.set(receipt.cardNumber, [receipt]);
    }
    for (const list of receiptsByCard.values()) list.sort(compareReceipts);
    const changes = [...members.values()].sort(byPosition);
    return new ExportIndex(members, receiptsByCard, receipts, stores, changes);
  }

  card(cardNumber: string): CardEntry {
    return {
      cardNumber,
      member: this.members.get(cardNumber) ?? null,
      receipts: this.receiptsByCard.get(cardNumber) ?? [],
    };
  }

  receipt(receiptNumber: string): Receipt | null {
    return this.receipts.get(receiptNumber) ?? null;
  }

  store(code: string): StoreRow | null {
    return this.stores.get(code) ?? null;
  }

  /** The member's country, else the country of the store where they enrolled: the region of their phone. */
  regionOf(member: MemberRow): string | null {
    return member.country ?? (member.enrolmentStore ? (this.store(member.enrolmentStore)?.country ?? null) : null);
  }

  /** Members changed strictly after the watermark, oldest change first. */
  changedAfter(after: FeedPosition | null, limit: number): MemberRow[] {
    let low = 0;
    if (after) {
      // Binary search for the first member strictly after (updatedAt, localId).
      let high = this.changes.length;
      while (low < high) {
        const mid = (low + high) >>> 1;
        const m = this.changes[mid]!;
        const isAfter =
          m.updatedAt > after.updatedAt || (m.updatedAt === after.updatedAt && m.cardNumber > after.localId);
        if (isAfter) high = mid;
        else low = mid + 1;
      }
    }
    return this.changes.slice(low, low + limit);
  }

  get size() {
    return { members: this.members.size, receipts: this.receipts.size, stores: this.stores.size };
  }
}
