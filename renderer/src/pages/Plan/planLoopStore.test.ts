import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Disruption, PlanEdit } from '../../../../core/contract/api/plan-loop';
import type { PlanCheckResult } from '../../../../core/contract/api/plans';

// Every host call is recorded; `plans.edit` answers at once unless a test holds it.
const calls: { method: string; payload: Record<string, unknown> }[] = [];
/** The next `holding` edit answers wait here, in order, until the test releases them. */
const held: (() => void)[] = [];
let holding = 0;
const passes = { ok: true, violations: [], recomputedTotalCost: 100 };
const breaks = {
  ok: false,
  violations: [{ rule: 3, where: 'rake RK-1', message: 'allots 42 wagons but the rake has 41' }],
  recomputedTotalCost: 100,
};
// What `plans.check` answers for every plan, and why `plans.replan` refuses (null: it answers).
let savedCheck: typeof passes | typeof breaks = passes;
let replanRefusal: { code: string; message: string } | null = null;
vi.mock('../../api/client', () => ({
  api: {
    call: (method: string, payload: Record<string, unknown>) => {
      calls.push({ method, payload });
      if (method === 'plans.edit' && payload.save) return Promise.resolve({ id: `${String(payload.id)}-v2`, plan: {} });
      if (method === 'plans.edit') {
        const answer = { plan: { of: payload.id }, check: { ok: true, violations: [] }, costDelta: { rs: 1, pct: 0 } };
        if (holding === 0) return Promise.resolve(answer);
        holding--;
        return new Promise((resolve) => held.push(() => resolve(answer)));
      }
      if (method === 'plans.replan')
        return replanRefusal
          ? Promise.reject(replanRefusal)
          : Promise.resolve({ id: 'replanned', plan: {}, check: { ok: true } });
      if (method === 'plans.check') return Promise.resolve(savedCheck);
      if (method === 'plans.get') return Promise.resolve({ item: { scenarioId: 's' }, plan: {} });
      if (method === 'plans.list') return Promise.resolve([]);
      return Promise.reject(new Error(`unexpected ${method}`));
    },
  },
  saveBytes: vi.fn(),
}));
const { usePlanLoop, unsavedEdits, issueBlock } = await import('./planLoopStore');

const move: PlanEdit = { op: 'move', order: 'O-1', from: 'unserved', to: 'rake:RK-1' };
const delay: Disruption = { kind: 'rake-delayed', rake: 'RK-1', hours: 6 };
const loop = () => usePlanLoop.getState();

beforeEach(() => {
  calls.length = 0;
  savedCheck = passes;
  replanRefusal = null;
  usePlanLoop.setState({
    planId: null,
    edits: [],
    cursor: 0,
    result: null,
    disruptions: [],
    drafts: {},
    busy: null,
    replanned: null,
    replanError: null,
    savedCheck: null,
  });
});

describe("the planner's edits and disruptions belong to the plan they were entered on", () => {
  it('opening another plan shows its own (none); going back restores the edits and disruptions', async () => {
    loop().attach('a');
    await loop().apply(move);
    loop().addDisruption(delay);
    loop().attach('b');
    expect(loop()).toMatchObject({ planId: 'b', edits: [], cursor: 0, result: null, disruptions: [] });
    expect(unsavedEdits(loop(), 'a')).toBe(1);
    loop().attach('a');
    expect(loop()).toMatchObject({ planId: 'a', edits: [move], cursor: 1, disruptions: [delay] });
    expect(loop().result?.plan).toEqual({ of: 'a' });
  });

  it("a re-plan of another plan never sends the first plan's disruptions", async () => {
    loop().attach('a');
    loop().addDisruption(delay);
    loop().attach('b');
    await loop().replan({ stabilityRs: 0, timeLimitS: 5 });
    expect(calls.find((c) => c.method === 'plans.replan')?.payload).toMatchObject({ id: 'b', disruptions: [] });
    loop().attach('a');
    expect(loop().disruptions).toEqual([delay]);
  });

  it("an edit answered after the planner opened another plan goes to its own plan's draft", async () => {
    loop().attach('a');
    holding = 1;
    const pending = loop().apply(move);
    loop().attach('b');
    held.shift()!();
    await pending;
    expect(loop()).toMatchObject({ planId: 'b', cursor: 0, result: null });
    expect(unsavedEdits(loop(), 'a')).toBe(1);
  });

  it("the plan shown is busy only with its own edit: another plan's answer does not free it", async () => {
    loop().attach('a');
    holding = 2;
    const onA = loop().apply(move);
    loop().attach('b');
    expect(loop().busy).toBeNull();
    const onB = loop().apply(move);
    expect(loop().busy).toBe('editing');
    held.shift()!(); // a's answer: b's edit is still in flight
    await onA;
    expect(loop().busy).toBe('editing');
    held.shift()!();
    await onB;
    expect(loop().busy).toBeNull();
  });

  it('saving a version moves the disruptions to it and leaves the saved plan with no draft', async () => {
    loop().attach('a');
    await loop().apply(move);
    loop().addDisruption(delay);
    await loop().saveVersion();
    expect(loop()).toMatchObject({ planId: 'a-v2', cursor: 0, disruptions: [delay] });
    expect(loop().drafts).toEqual({});
  });
});

describe('a plan the checker fails is shown as failing and is not issued', () => {
  it('the plan shown is checked as saved; Issue is blocked while it fails, while edits are unsaved and once issued', async () => {
    savedCheck = breaks;
    loop().attach('a');
    await vi.waitFor(() => expect(loop().savedCheck).toEqual({ planId: 'a', check: breaks }));
    expect(issueBlock(loop(), false)).toBe('broken');
    expect(issueBlock(loop(), true)).toBe('issued');
    savedCheck = passes;
    loop().attach('b');
    expect(loop().savedCheck).toBeNull();
    await vi.waitFor(() => expect(loop().savedCheck).toEqual({ planId: 'b', check: passes }));
    expect(issueBlock(loop(), false)).toBeNull();
    await loop().apply(move);
    expect(issueBlock(loop(), false)).toBe('unsaved');
  });

  it('a plan opened with its verdict is not checked again', () => {
    loop().attach('a', breaks as unknown as PlanCheckResult);
    expect(loop().savedCheck).toEqual({ planId: 'a', check: breaks });
    expect(issueBlock(loop(), false)).toBe('broken');
    expect(calls.filter((c) => c.method === 'plans.check')).toEqual([]);
  });

  it("a refused re-plan leaves the planner's saved edits shown as the version they are, failing and not issuable", async () => {
    loop().attach('a');
    await loop().apply(move);
    savedCheck = breaks;
    replanRefusal = { code: 'INVALID_DATA', message: 'rake RK-1 (retime) is locked — unlock it first' };
    await loop().replan({ stabilityRs: 0, timeLimitS: 5 });
    expect(loop().planId).toBe('a-v2');
    expect(loop().replanError?.error).toBe(replanRefusal);
    await vi.waitFor(() => expect(loop().savedCheck).toEqual({ planId: 'a-v2', check: breaks }));
    expect(issueBlock(loop(), false)).toBe('broken');
  });
});

describe("a re-plan's result is of the last press", () => {
  it('the previous result is cleared when a re-plan starts and stays cleared when it is refused', async () => {
    loop().attach('a');
    await loop().replan({ stabilityRs: 0, timeLimitS: 5 });
    expect(loop().replanned?.id).toBe('replanned');
    replanRefusal = { code: 'INVALID_DATA', message: 'refused' };
    const pending = loop().replan({ stabilityRs: 0, timeLimitS: 5 });
    expect(loop().replanned).toBeNull();
    await pending;
    expect(loop().replanned).toBeNull();
    expect(loop().replanError?.error).toBe(replanRefusal);
  });
});
