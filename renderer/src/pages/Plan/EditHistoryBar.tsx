import { Button } from '../../components/ui';
import { usePlanLoop } from './planLoopStore';
import { t } from '../../i18n';

/** Undo, redo, how many edits there are, save them as a new version, and what the host is doing. */
export function EditHistoryBar() {
  const loop = usePlanLoop();
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button
        variant="secondary"
        disabled={loop.cursor === 0 || loop.busy !== null}
        onClick={() => void loop.undo()}
        title={t('edit.undoKeys')}
      >
        {t('edit.undo')}
      </Button>
      <Button
        variant="secondary"
        disabled={loop.cursor >= loop.edits.length || loop.busy !== null}
        onClick={() => void loop.redo()}
        title={t('edit.redoKeys')}
      >
        {t('edit.redo')}
      </Button>
      <span className="text-sm text-slate-600" data-testid="edit-count">
        {editCount(loop.cursor, loop.edits.length - loop.cursor)}
      </span>
      <Button disabled={loop.cursor === 0 || loop.busy !== null} onClick={() => void loop.saveVersion()}>
        {t('edit.saveVersion')}
      </Button>
      {loop.busy && (
        <span role="status" className="text-sm text-slate-500">
          {t(`edit.busy.${loop.busy}`)}
        </span>
      )}
    </div>
  );
}

/** "3 edits (1 to redo)": the count of edits applied and of those undone. */
function editCount(n: number, redo: number): string {
  if (redo > 0) return n === 1 ? t('edit.countOneRedo', { redo }) : t('edit.countManyRedo', { n, redo });
  return n === 1 ? t('edit.countOne') : t('edit.countMany', { n });
}
