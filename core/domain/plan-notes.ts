import { rupees } from './figures';
import type { FinalPassInfo } from './plan';

/**
 * The plan notes the final improvement pass adds (core/optimizer/final-pass.ts), written from its
 * figures (`solver.finalPass`). One writer: the interface recognises these notes by rewriting
 * them, and writes them in Hindi from the same figures.
 */
export function finalPassNotes(info: FinalPassInfo, limitS: number): string[] {
  const m = info.moves;
  const n = m.road + m.rake + m.fill + m.move;
  return [
    ...(n > 0
      ? [
          `The final improvement pass made ${n} single moves (${m.rake} rakes added, ${m.road} road lots added, ${m.fill} idle-wagon fills, ${m.move} moves between rakes or of road lots), saving ${rupees(info.savedRs)}.`,
        ]
      : []),
    ...(!info.complete
      ? [`The final improvement pass stopped at the time limit (${limitS} s) before it had tried every move.`]
      : []),
  ];
}
