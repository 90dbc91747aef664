import { useEffect } from 'react';
import type { Plan } from '../../../../core/domain/plan';
import { Card, ErrorBanner } from '../../components/ui';
import { formatInstant } from '../../lib/dates';
import { DisruptionForm } from './DisruptionForm';
import { EditHistoryBar } from './EditHistoryBar';
import { IssueBar } from './IssueBar';
import { LockControls } from './LockControls';
import { MoveForm } from './MoveForm';
import { PlanEditorVerdict } from './PlanEditorVerdict';
import { issueBlock, usePlanLoop } from './planLoopStore';
import { usePlans } from './planStore';
import { RakeForm } from './RakeForm';
import { RoadForm } from './RoadForm';
import { useUndoRedoKeys } from './useUndoRedoKeys';
import { t } from '../../i18n';

/**
 * Edit the plan shown: move an order's tonnes between rakes, road and unserved, move a rake in
 * siding or time; each edit is checked and priced by the host at once. Undo/redo (Ctrl+Z /
 * Ctrl+Y), save as a new version, lock decisions, enter disruptions and re-plan, issue, print.
 */
export function PlanEditor({ id, plan }: { id: string; plan: Plan }) {
  const loop = usePlanLoop();
  const item = usePlans((s) => s.plans.find((p) => p.id === id));
  const attach = usePlanLoop((s) => s.attach);
  // Opened from the list, the plan came with the host's verdict: no second call to check it.
  const opened = usePlans((s) => (s.current?.id === id ? s.current.check : undefined));
  useEffect(() => {
    attach(id, opened);
  }, [id, attach, opened]);
  useUndoRedoKeys();
  const working = loop.planId === id && loop.result ? loop.result.plan : plan;
  const issued = Boolean(item?.issuedAt);
  const block = issueBlock(loop, issued);
  return (
    <Card title={t('edit.title')} className="space-y-3">
      <div data-testid="plan-editor" className="space-y-3">
        <p className="text-sm text-slate-600">
          {t('edit.version', { n: item?.version ?? 1 })}
          {issued && (
            <span data-testid="plan-issued" className="ml-2 rounded bg-emerald-100 px-2 py-0.5 text-emerald-800">
              {t('edit.issued', { time: formatInstant(item!.issuedAt!) })}
            </span>
          )}
        </p>
        <MoveForm plan={working} />
        <RakeForm plan={working} />
        <RoadForm plan={working} />
        <EditHistoryBar />
        <PlanEditorVerdict />
        <ErrorBanner error={loop.error} />
        <LockControls plan={working} />
        <DisruptionForm plan={working} />
        <IssueBar block={block} />
      </div>
    </Card>
  );
}
