/**
 * How one customer's rows become events, the one rule behind every purchase count:
 * the rows of one order id are one event, and rows without an order id one event
 * per day. The summary (src/core/summary.ts) and the trends' passes
 * (src/core/trends.ts) each walk a customer's rows and ask this for each row's
 * event; what they keep per event (amount, purchase day, ...) is theirs.
 */

/** The events of the customer at hand, row by row (rows come by day). */
export class RowEvents {
  // The event of order o is orderEvent[o] while orderOwner[o] is the customer at hand: no map to fill and clear per customer.
  private readonly orderOwner: Int32Array;
  private readonly orderEvent: Int32Array;
  private owner = -1;
  private next = 0;
  private dayEvent = -1;
  private dayEventDay = NaN;
  /** The customer's manager so far (index into the managers' names, -1 none): that of their latest row with one, and on one day the first name A-Z. */
  manager = -1;
  private managerDay = -Infinity;

  /** `orderCount`: order ids are 0 .. orderCount-1 (GroupedRows.order), -1 none; `managerNames`: OrderRows.managerNames. */
  constructor(
    orderCount: number,
    private readonly managerNames: readonly string[] = [],
  ) {
    this.orderOwner = new Int32Array(orderCount).fill(-1);
    this.orderEvent = new Int32Array(orderCount);
  }

  /**
   * Starts a customer. `owner` must differ from every earlier customer's (a key
   * index, or a counter); their events are numbered from `first` on.
   */
  begin(owner: number, first: number): void {
    this.owner = owner;
    this.next = first;
    this.dayEvent = -1;
    this.dayEventDay = NaN;
    this.manager = -1;
    this.managerDay = -Infinity;
  }

  /** One past the customer's last event so far. */
  get end(): number {
    return this.next;
  }

  /**
   * The event of a row of day `d`, order `o` and manager `m` (-1: none): the number
   * of an event already met, or ~n (below 0) when the row opens event n, whose
   * figures the caller then sets to their start.
   */
  eventOf(d: number, o: number, m: number): number {
    if (m >= 0 && (d > this.managerDay || (this.manager >= 0 && this.managerNames[m] < this.managerNames[this.manager]))) {
      this.manager = m;
      this.managerDay = d;
    }
    if (o >= 0) {
      if (this.orderOwner[o] === this.owner) return this.orderEvent[o];
      this.orderOwner[o] = this.owner;
      this.orderEvent[o] = this.next;
      return ~this.next++;
    }
    if (this.dayEvent >= 0 && this.dayEventDay === d) return this.dayEvent;
    this.dayEvent = this.next;
    this.dayEventDay = d;
    return ~this.next++;
  }
}
