/** Something a record refers to, named for lists (a webhook, a journey, a group…). */
export class NamedRefView {
  id!: number;
  /** Its name now; null when it no longer exists. */
  name!: string | null;
}

/** A customer as other records show them: who, not just an id. */
export class CustomerSummaryView {
  id!: number;
  name!: string | null;
  mobile!: string | null;
}
