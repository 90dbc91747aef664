import type { PlannedRake } from '../../../../../core/domain/plan';

/**
 * Lays a plan's rakes out on siding berths: a siding that holds `maxRakes` rakes at once has that
 * many lanes, and a rake occupies its berth from the start of its loading until it departs — the
 * siding limit the optimizer and the checker enforce (rule 5). Its wait since placement is in the
 * plant's yard, not on the berth: another rake may load there meanwhile.
 * Plain TS so it is tested without a DOM.
 */
export interface Siding {
  code: string;
  name?: string;
  maxRakes: number;
}

export interface GanttBar {
  rake: PlannedRake;
  /** Hours from the window start. */
  placedH: number;
  loadStartH: number;
  departH: number;
  /** Free time ends here; after it, until departure, the rake is on demurrage (null: none charged). */
  demurrageFromH: number | null;
}

export interface GanttLane {
  siding: string;
  sidingName?: string;
  /** 1-based berth number within the siding. */
  berth: number;
  berths: number;
  bars: GanttBar[];
  /** True when the plan needed more berths than the siding declares (shown as a warning). */
  overflow: boolean;
}

const H = 3.6e6;

export function layoutGantt(
  rakes: readonly PlannedRake[],
  sidings: readonly Siding[],
  startMs: number,
  freeTimeH: number,
): GanttLane[] {
  const bySiding = new Map<string, PlannedRake[]>();
  for (const s of sidings) bySiding.set(s.code, []);
  for (const r of rakes) {
    if (!bySiding.has(r.loadingPoint)) bySiding.set(r.loadingPoint, []);
    bySiding.get(r.loadingPoint)!.push(r);
  }
  const lanes: GanttLane[] = [];
  for (const code of [...bySiding.keys()].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))) {
    const siding = sidings.find((s) => s.code === code);
    const declared = siding?.maxRakes ?? 1;
    const list = [...bySiding.get(code)!].sort(
      (a, b) => Date.parse(a.loadingStart) - Date.parse(b.loadingStart) || a.rakeId.localeCompare(b.rakeId),
    );
    // Berth i is free again once its last rake departs; each rake takes the lowest free berth.
    const freeAt: number[] = [];
    const berthBars: GanttBar[][] = [];
    for (const r of list) {
      const loadStart = Date.parse(r.loadingStart);
      const placed = Math.min(Date.parse(r.placement), loadStart);
      const depart = Date.parse(r.loadingEnd);
      let b = freeAt.findIndex((t) => t <= loadStart);
      let bars = berthBars[b];
      if (!bars) {
        b = freeAt.length;
        freeAt.push(0);
        bars = [];
        berthBars.push(bars);
      }
      freeAt[b] = depart;
      const placedH = (placed - startMs) / H;
      const departH = (depart - startMs) / H;
      const freeEnd = placedH + freeTimeH;
      bars.push({
        rake: r,
        placedH,
        loadStartH: (loadStart - startMs) / H,
        departH,
        demurrageFromH: r.demurrageRs > 0 && freeEnd < departH ? freeEnd : null,
      });
    }
    const berths = Math.max(declared, berthBars.length);
    for (let b = 0; b < berths; b++) {
      lanes.push({
        siding: code,
        sidingName: siding?.name,
        berth: b + 1,
        berths,
        bars: berthBars[b] ?? [],
        overflow: b >= declared,
      });
    }
  }
  return lanes;
}

/** Visible window in hours from the horizon start: the whole horizon, or one day when zoomed. */
export function windowFor(horizonDays: number, zoomDay: number | null): { fromH: number; toH: number } {
  if (zoomDay === null) return { fromH: 0, toH: horizonDays * 24 };
  const d = Math.max(0, Math.min(horizonDays - 1, zoomDay));
  return { fromH: d * 24, toH: d * 24 + 24 };
}

/** Axis ticks every `stepH` hours within the window (inclusive of both ends). */
export function ticks(fromH: number, toH: number): { h: number; major: boolean }[] {
  const span = toH - fromH;
  const step = span <= 24 ? 2 : span <= 72 ? 6 : 12;
  const out: { h: number; major: boolean }[] = [];
  for (let h = Math.ceil(fromH / step) * step; h <= toH; h += step) out.push({ h, major: h % 24 === 0 });
  return out;
}

/** The rake's number as planners say it: "RK-260212-007" → "007"; other ids are kept whole. */
export function shortRakeId(id: string): string {
  const m = /^[A-Z]+-\d{6,8}-(\w+)$/.exec(id);
  return m?.[1] ?? id;
}

/**
 * Where the label beside a lane's bar `i` must end [h]: at the next bar's loading start on the same
 * berth, or at the window's end, so labels of rakes loading back to back never run over each other.
 */
export function labelEndH(bars: readonly GanttBar[], i: number, toH: number): number {
  const next = bars[i + 1];
  return next ? Math.min(toH, next.loadStartH) : toH;
}
