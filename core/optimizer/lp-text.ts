/**
 * A tiny MILP container that writes CPLEX LP text. The same text is what HiGHS solves and what
 * `--export-lp` writes, so `solver.objective` is the objective of exactly the exported model and
 * an OR team can re-solve it in CBC, Gurobi or CPLEX.
 */
export type VarKind = 'C' | 'I' | 'B';
export type Term = [coef: number, col: number];

export class LpModel {
  readonly names: string[] = [];
  readonly kind: VarKind[] = [];
  readonly lb: number[] = [];
  readonly ub: number[] = [];
  readonly obj: number[] = [];
  private readonly rows: string[] = [];
  private nnz = 0;
  private readonly byName = new Map<string, number>();

  addVar(name: string, kind: VarKind, objCoef = 0, lb = 0, ub = Infinity): number {
    if (this.byName.has(name)) throw new Error(`LP variable ${name} declared twice`);
    // A NaN cost or bound would make HiGHS report "infeasible": a model-building bug must say so.
    if (!Number.isFinite(objCoef) || Number.isNaN(lb) || Number.isNaN(ub) || lb === Infinity || ub === -Infinity) {
      throw new Error(`LP variable ${name} has a non-finite cost or bound (cost ${objCoef}, bounds ${lb}..${ub})`);
    }
    const i = this.names.length;
    this.names.push(name);
    this.kind.push(kind);
    this.lb.push(lb);
    this.ub.push(kind === 'B' ? 1 : ub);
    this.obj.push(objCoef);
    this.byName.set(name, i);
    return i;
  }

  col(name: string): number | undefined {
    return this.byName.get(name);
  }

  addRow(name: string, terms: Term[], sense: '<=' | '>=' | '=', rhs: number): void {
    if (!Number.isFinite(rhs)) throw new Error(`LP row ${name} has a non-finite right-hand side (${rhs})`);
    const merged = new Map<number, number>();
    for (const [c, v] of terms) {
      if (!Number.isFinite(c))
        throw new Error(`LP row ${name} has a non-finite coefficient (${c}) on ${this.names[v] ?? `column ${v}`}`);
      if (c !== 0) merged.set(v, (merged.get(v) ?? 0) + c);
    }
    const kept = [...merged].filter(([, c]) => Math.abs(c) > 1e-12);
    if (kept.length === 0) {
      const ok = sense === '<=' ? 0 <= rhs + 1e-9 : sense === '>=' ? 0 >= rhs - 1e-9 : Math.abs(rhs) < 1e-9;
      if (!ok) throw new Error(`LP row ${name} is empty and infeasible (0 ${sense} ${rhs})`);
      return;
    }
    this.nnz += kept.length;
    this.rows.push(
      ` ${name}: ${linear(
        kept.map(([v, c]) => [c, v] as Term),
        this.names,
      )} ${sense} ${num(rhs)}`,
    );
  }

  get size() {
    return {
      columns: this.names.length,
      integers: this.kind.filter((k) => k !== 'C').length,
      rows: this.rows.length,
      nonzeros: this.nnz,
    };
  }

  /** CPLEX LP text; `relax` drops integrality (binaries keep their 0–1 bounds): the LP relaxation. */
  toLp(opts: { relax?: boolean } = {}): string {
    const kind = opts.relax ? this.kind.map((): VarKind => 'C') : this.kind;
    const objTerms: Term[] = [];
    this.obj.forEach((c, i) => {
      if (c !== 0) objTerms.push([c, i]);
    });
    const out: string[] = [
      '\\ RakePlan dispatch model (rakeplan.plan/1); costs in rupees',
      'Minimize',
      ` cost: ${objTerms.length ? linear(objTerms, this.names) : '0 ' + this.names[0]}`,
      'Subject To',
      ...this.rows,
      'Bounds',
    ];
    for (let i = 0; i < this.names.length; i++) {
      if (kind[i] === 'B') continue;
      const lb = this.lb[i]!;
      const ub = this.ub[i]!;
      if (lb === 0 && ub === Infinity) continue;
      out.push(ub === Infinity ? ` ${this.names[i]} >= ${num(lb)}` : ` ${num(lb)} <= ${this.names[i]} <= ${num(ub)}`);
    }
    const gen = this.names.filter((_, i) => kind[i] === 'I');
    const bin = this.names.filter((_, i) => kind[i] === 'B');
    if (gen.length) out.push('Generals', ...chunk(gen));
    if (bin.length) out.push('Binaries', ...chunk(bin));
    out.push('End', '');
    return out.join('\n');
  }
}

function num(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(12)));
}

/** `3 x + 2 y - z`, broken into short lines: some LP readers cap the line length. */
function linear(terms: Term[], names: string[]): string {
  const parts = terms.map(([c, v], k) => {
    const sign = c < 0 ? '-' : k === 0 ? '' : '+';
    const a = Math.abs(c);
    return `${sign}${k === 0 && sign === '' ? '' : ' '}${a === 1 ? '' : num(a) + ' '}${names[v]}`;
  });
  const lines: string[] = [];
  for (let i = 0; i < parts.length; i += 8) lines.push(parts.slice(i, i + 8).join(' '));
  return lines.join('\n   ');
}

function chunk(names: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < names.length; i += 10) out.push(' ' + names.slice(i, i + 10).join(' '));
  return out;
}
