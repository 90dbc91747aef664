import { baselineName, knownBaselineName } from '../../../../core/contract/baseline-names';
import type { GateCellCode } from '../../../../core/contract/gate-cells';
import type { GateParams } from '../../../../core/contract/gate-text';
import type { ViolationParams } from '../../../../core/domain/violations';
import { format, useLang, type Lang } from '../../i18n';
import { hiBaselineKinds, hiBaselineLabels } from '../../i18n/hi-baselines';
import { hiGateCells } from '../../i18n/hi-gate-cells';

// A trained model's baseline by name, in the interface's language. English is the name training
// stored; Hindi is written from the codes stored beside it. A version trained before the codes
// were kept shows its English name.

/** A stored baseline block's name (`{name, nameText, …}`) in the interface's language. */
export function baselineNameText(b: { name?: unknown; nameText?: unknown }, lang: Lang = useLang.getState().lang) {
  const n = knownBaselineName(b.nameText);
  return lang === 'hi' && n ? baselineName(n, hiBaselineLabels, hiBaselineKinds) : String(b.name ?? '');
}

/**
 * A gate cell's or a reason's parameters with the baseline's name in Hindi, where they carry the
 * name's codes (baselineNameParams, or the registry baseline's registryBaselineParams).
 */
export function hiBaselineParams<P extends GateParams | ViolationParams>(p: P): P {
  // The registry's naive baseline is named by the gate detail cell it reads as.
  const cell = p.nameCell;
  if (typeof cell === 'string' && Object.hasOwn(hiGateCells, cell)) {
    const cellParams = { target: String(p.target ?? ''), column: String(p.column ?? '') };
    return { ...p, name: format(hiGateCells[cell as GateCellCode], cellParams, 'hi') };
  }
  // The key columns come as they read, one text: the template places them whole.
  const nameText = { code: p.baseline, kind: p.baselineKind, keys: [String(p.keys ?? '')] };
  return knownBaselineName(nameText) ? { ...p, name: baselineNameText({ name: p.name, nameText }, 'hi') } : p;
}
