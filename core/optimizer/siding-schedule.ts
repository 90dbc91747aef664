import { nextWorkingStart, type LoadingPoint, type Prep } from './prep';

/** Loading intervals already booked at each loading point [h from the horizon start]. */
export class SidingSchedule {
  private readonly booked = new Map<string, Array<[number, number]>>();

  constructor(private readonly p: Prep) {}

  book(lp: string, s: number, e: number): void {
    const list = this.booked.get(lp) ?? [];
    list.push([s, e]);
    this.booked.set(lp, list);
  }

  /** Does [s, e) keep the point within its rake limit at every instant? */
  fits(lp: LoadingPoint, s: number, e: number): boolean {
    const list = (this.booked.get(lp.code) ?? []).filter(([a, b]) => a < e - 1e-9 && b > s + 1e-9);
    const points = [s, ...list.map(([a]) => a).filter((a) => a > s)];
    return points.every((t) => list.filter(([a, b]) => a <= t + 1e-9 && b > t + 1e-9).length < lp.maxRakes);
  }

  /** Earliest start ≥ fromH for a loading of durH hours that ends by the horizon's end; null if none. */
  earliest(lp: LoadingPoint, fromH: number, durH: number): number | null {
    const ends = (this.booked.get(lp.code) ?? []).map(([, b]) => b).filter((b) => b > fromH);
    const candidates = [fromH, ...ends].sort((a, b) => a - b);
    for (const c of candidates) {
      let s: number | null = c;
      for (let guard = 0; guard < 64 && s !== null && s < this.p.horizonH; guard++) {
        s = nextWorkingStart(this.p, lp, s, durH);
        // A loading ends within the horizon: a plan never has a rake still loading after it.
        if (s === null || s + durH > this.p.horizonH + 1e-9) break;
        if (this.fits(lp, s, s + durH)) return s;
        // Blocked: try again from the next booked end after s.
        const next: number | undefined = ends.filter((b) => b > s! + 1e-9).sort((a, b) => a - b)[0];
        if (next === undefined) break;
        s = next;
      }
    }
    return null;
  }
}
