import { Button } from '../../components/ui';
import { issueBlock, usePlanLoop } from './planLoopStore';
import { t } from '../../i18n';

/** Issue the plan (not while `block` names a reason) and save its documents as .pdf or .xlsx. */
export function IssueBar({ block }: { block: ReturnType<typeof issueBlock> }) {
  const loop = usePlanLoop();
  return (
    <div className="flex flex-wrap gap-2 border-t border-slate-100 pt-3">
      <Button
        variant="secondary"
        disabled={block !== null}
        onClick={() => void loop.issue()}
        title={t('edit.issueTitle')}
      >
        {t('edit.issue')}
      </Button>
      <Button variant="secondary" onClick={() => void loop.documents('pdf')}>
        {t('edit.docsPdf')}
      </Button>
      <Button variant="secondary" onClick={() => void loop.documents('xlsx')}>
        {t('edit.docsXlsx')}
      </Button>
      {block === 'broken' && (
        <p data-testid="issue-blocked" className="basis-full text-sm text-red-800">
          {t('edit.issueBroken')}
        </p>
      )}
    </div>
  );
}
