import { describe, expect, it } from 'vitest';
import type { Plan } from '../../../../core/domain/plan';
import { finalPassNotes, productionNote } from '../../../../core/domain/plan-notes';
import { fitNote, replanNote, REPLAN_WHY } from '../../../../core/domain/replan-notes';
import { planNotes } from './planNotes';

const finalPass = { moves: { road: 0, rake: 0, fill: 1, move: 4 }, savedRs: 358966, complete: false, seconds: 1.2 };
const plan = (notes: string[]) => ({ notes, solver: { finalPass, timeLimitS: 30 } }) as unknown as Plan;

describe('plan notes in the interface language', () => {
  const english = finalPassNotes(finalPass, 30);
  const other = 'A note the interface has no Hindi sentence for.';

  it("writes the final improvement pass's notes in Hindi from its figures, and leaves other notes as written", () => {
    expect(english).toEqual([
      'The final improvement pass made 5 single moves (0 rakes added, 0 road lots added, 1 idle-wagon fills, 4 moves between rakes or of road lots), saving ₹3,58,966.',
      'The final improvement pass stopped at the time limit (30 s) before it had tried every move.',
    ]);
    expect(planNotes(plan([...english, other]), 'hi')).toEqual([
      'अंतिम सुधार चरण ने 5 एकल बदलाव किए (0 रेक जोड़े, 0 सड़क लॉट जोड़े, 1 खाली वैगन भरे, 4 रेकों के बीच या सड़क लॉट के बदलाव), बचत ₹3,58,966।',
      'अंतिम सुधार चरण हर बदलाव आज़माने से पहले समय सीमा (30 s) पर रुक गया।',
      other,
    ]);
  });

  it('writes a pass that re-formed rakes in Hindi too, and its English names the re-forms', () => {
    const reformed = { ...finalPass, moves: { ...finalPass.moves, reform: 2 }, complete: true };
    const notes = finalPassNotes(reformed, 30);
    expect(notes).toEqual([
      'The final improvement pass made 5 single moves (0 rakes added, 0 road lots added, 1 idle-wagon fills, 4 moves between rakes or of road lots) and gave 2 part-empty rakes new loads, saving ₹3,58,966.',
    ]);
    const withReforms = { notes, solver: { finalPass: reformed, timeLimitS: 30 } } as unknown as Plan;
    expect(planNotes(withReforms, 'hi')).toEqual([
      'अंतिम सुधार चरण ने 5 एकल बदलाव किए (0 रेक जोड़े, 0 सड़क लॉट जोड़े, 1 खाली वैगन भरे, 4 रेकों के बीच या सड़क लॉट के बदलाव) और 2 आंशिक खाली रेकों को नया लदान दिया, बचत ₹3,58,966।',
    ]);
  });

  it("writes the production suggestion's notes in Hindi, keeping the core's detail as written", () => {
    const notes = [
      productionNote({ kind: 'no-history' }),
      productionNote({ kind: 'synthetic-history' }),
      productionNote({ kind: 'included', days: 14, source: 'model demand@3' }),
      productionNote({ kind: 'no-forecast', why: 'no demand model in the registry (none pinned or in production)' }),
    ];
    expect(planNotes(plan(notes), 'hi')).toEqual([
      'उत्पादन सुझाव केवल खुले ऑर्डरों से: संयंत्र के पास पूर्वानुमान के लिए माँग का इतिहास नहीं है।',
      'उत्पादन सुझाव केवल खुले ऑर्डरों से: संग्रहीत माँग इतिहास डेमो का कृत्रिम इतिहास है, जो केवल डेमो के काम आता है (--demo, या डेमो परिदृश्य)।',
      'उत्पादन सुझाव में 14 दिन का माँग पूर्वानुमान शामिल है (model demand@3)।',
      'उत्पादन सुझाव केवल खुले ऑर्डरों से: कोई माँग पूर्वानुमान नहीं — no demand model in the registry (none pinned or in production)।',
    ]);
  });

  it("writes a re-plan's notes in Hindi: why its candidate, and the rakes fitted around the kept ones", () => {
    const notes = [
      replanNote(REPLAN_WHY.keep),
      replanNote(REPLAN_WHY['keep + re-optimize']),
      replanNote(REPLAN_WHY['locks only']),
      replanNote('a reason this interface does not know'),
      fitNote({ kind: 'moved', rake: 'RK-260212-010', loadingPoint: 'LP-1', hours: 5 }),
      fitNote({ kind: 'unserved', rake: 'RK-260212-011', loadingPoint: 'LP-2' }),
    ];
    expect(notes.slice(0, 1).concat(notes.slice(4, 5))).toEqual([
      'Re-planned from a base plan: base kept, forced changes only.',
      'Rake RK-260212-010: loading at LP-1 moved 5.0 h later, clear of the kept rakes, outages and "now".',
    ]);
    expect(planNotes(plan(notes), 'hi')).toEqual([
      'आधार योजना से पुनर्योजित: आधार योजना रखी गई, केवल बाध्य बदलाव।',
      'आधार योजना से पुनर्योजित: बिना बाध्य बदलाव वाले रेक रखे गए, बाकी फिर से अनुकूलित।',
      'आधार योजना से पुनर्योजित: लॉक किए गए और शुरू हो चुके निर्णय रखे गए, बाकी फिर से अनुकूलित।',
      'आधार योजना से पुनर्योजित: a reason this interface does not know।',
      'रेक RK-260212-010: LP-1 पर लोडिंग 5.0 h बाद की गई, रखे गए रेकों, साइडिंग बंदी और "अभी" से हटकर।',
      'रेक RK-260212-011: प्लेसमेंट से अवधि के अंत तक LP-2 पर कोई खाली समय नहीं; इसका लोड अपूर्ण रहा।',
    ]);
    expect(planNotes(plan(notes), 'en')).toEqual(notes);
  });

  it('keeps English as written, without the rule-based note', () => {
    expect(planNotes(plan(['Rule-based plan returned as the yardstick.', ...english]), 'en')).toEqual(english);
  });
});
