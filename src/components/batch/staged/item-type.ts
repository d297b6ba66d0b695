/** A kind of item in a batch (a campaign type), its share of the mix and how it fails. */
export interface ItemType {
  /** snake_case; names the metrics `<processor>_items_<type>` and `<processor>_failed_<type>`. */
  readonly name: string;
  /** Relative share of the mix (weights need not sum to 1). @default 1 */
  readonly weight?: number;
  /**
   * Items of this type that fail `stage` on every attempt: a permanent failure, e.g. an
   * expired promo failing validation. `ratio` (0..1) is the share of the type's items that
   * are bad, decided once per item. @default ratio 1
   */
  readonly permanentFailure?: { readonly stage: string; readonly ratio?: number };
}
