/**
 * Whether a version was trained on synthetic history (the built-in demo), which feeds only a
 * scenario the planner marked as the demo. Versions trained before their manifest recorded it
 * are judged by the registry's note, which named the rows' source. Plain data in, so the
 * renderer's model view and the forecasts' refusal (core/forecasts/model-access.ts) agree.
 */
export function trainedOnSynthetic(v: {
  manifest: { trainingData?: { kind: string } };
  note: string;
  sourceRef: string | null;
}): boolean {
  return v.manifest.trainingData
    ? v.manifest.trainingData.kind === 'synthetic-history'
    : /synthetic history/.test(`${v.note} ${v.sourceRef ?? ''}`);
}
